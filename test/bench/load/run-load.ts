import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import { childTokens } from '../../server/security/service-children';
import { target, type Target } from './http-client';
import { ADMIN, seedLoadWorkspace } from './load-workspace';
import { printScenario, printTwoInstances } from './print-load';
import { runScenario, type ScenarioCounts, type ScenarioName, type ScenarioResult } from './scenarios';
import { startInstance, type ServiceInstance } from './service-instances';

/**
 * `npm run bench:load`: the service in child processes on this machine (127.0.0.1 only), on
 * SQLite and on PostgreSQL, under the scenarios, each bounded in time. Options:
 *   --seconds N          per scenario (default 20)
 *   --store S            sqlite, postgres or both (default both)
 *   --readers N --writers N --light N   connections (default 50, 20, 200)
 *   --scenarios LIST     some of readers,readers+writers,light (default all three)
 *   --no-two-instances   skip scenario 1 on two PostgreSQL instances
 *   --json FILE          also write every figure as JSON
 *   --profile DIR        the service processes write V8 CPU profiles there (--cpu-prof), one per thread
 */

export interface LoadOptions extends ScenarioCounts {
  readonly seconds: number;
  readonly stores: readonly ('sqlite' | 'postgres')[];
  readonly scenarios: readonly ScenarioName[];
  readonly twoInstances: boolean;
  /** Where the service processes write CPU profiles (node --cpu-prof); none when absent. */
  readonly profileDir?: string;
  /** Lines of the report as they are made (the CLI prints them; a test may drop them). */
  readonly print: (line: string) => void;
}

export interface LoadReport {
  readonly results: readonly ScenarioResult[];
  /** PostgreSQL, scenario 1: two instances' req/s over one's. */
  readonly twoInstanceRatio: number | null;
}

const DEFAULTS: LoadOptions = {
  seconds: 20,
  stores: ['sqlite', 'postgres'],
  scenarios: ['readers', 'readers+writers', 'light'],
  twoInstances: true,
  readers: 50,
  writers: 20,
  light: 200,
  print: (line) => process.stdout.write(`${line}\n`),
};

/** Peak RSS of a process: VmHWM from /proc, reset by writing 5 to clear_refs (Linux). */
function memoryOf(children: readonly ServiceInstance[]): { reset(): void; peakMb(): number[] } {
  return {
    reset() {
      for (const c of children) {
        try {
          writeFileSync(`/proc/${c.pid}/clear_refs`, '5');
        } catch {
          // Not Linux, or not allowed: the peak is then the process's peak so far.
        }
      }
    },
    peakMb() {
      return children.map((c) => {
        try {
          const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${c.pid}/status`, 'utf8'))?.[1];
          return kb === undefined ? 0 : Math.round(Number(kb) / 1024);
        } catch {
          return 0;
        }
      });
    },
  };
}

async function onStore(store: 'sqlite' | 'postgres', options: LoadOptions): Promise<{ results: ScenarioResult[]; ratio: number | null }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ops-load-'));
  let database: TestDatabase | null = null;
  const children: ServiceInstance[] = [];
  try {
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      BOOTSTRAP_ADMINS: ADMIN,
      // The limiter is not what is measured here: its own tests cover it.
      RATE_LIMIT_PER_MINUTE: '1000000',
    };
    const nodeArgs = options.profileDir !== undefined ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profileDir)}`] : [];
    if (store === 'postgres') {
      database = await databaseFactories.find((f) => f.name === 'postgres')!.create();
      if (database.config.kind !== 'postgres') throw new Error('not a PostgreSQL database');
      env['DATABASE_URL'] = database.config.url;
      if (database.config.schema !== undefined) env['DATABASE_SCHEMA'] = database.config.schema;
    }
    // The key the children verify tokens with, made before they start.
    const tokens = await childTokens(path.join(dataDir, 'dev-signing-key.json'));
    children.push(await startInstance(env, nodeArgs));
    const one: Target[] = [target(children[0]!.url)];
    const workspace = await seedLoadWorkspace(one[0]!, tokens, { readers: options.readers, writers: options.writers });
    const results: ScenarioResult[] = [];
    for (const name of options.scenarios) {
      const result = await runScenario({ name, store, targets: one, workspace, counts: options, seconds: options.seconds, memory: memoryOf(children.slice(0, 1)) });
      printScenario(result, options.print);
      results.push(result);
    }
    let ratio: number | null = null;
    if (store === 'postgres' && options.twoInstances) {
      children.push(await startInstance(env, nodeArgs));
      const two = children.map((c) => target(c.url));
      const single = results.find((r) => r.scenario === 'readers') ?? (await runScenario({ name: 'readers', store, targets: one, workspace, counts: options, seconds: options.seconds, memory: memoryOf(children.slice(0, 1)) }));
      const double = await runScenario({ name: 'readers', store, targets: two, workspace, counts: options, seconds: options.seconds, memory: memoryOf(children) });
      printScenario(double, options.print);
      results.push(double);
      ratio = single.perSecond === 0 ? null : Math.round((double.perSecond / single.perSecond) * 100) / 100;
      printTwoInstances(single, double, ratio, options.print);
    }
    for (const t of [...one]) t.agent.destroy();
    return { results, ratio };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await database?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runLoadBench(overrides: Partial<LoadOptions> = {}): Promise<LoadReport> {
  const options = { ...DEFAULTS, ...overrides };
  const results: ScenarioResult[] = [];
  let twoInstanceRatio: number | null = null;
  for (const store of options.stores) {
    const done = await onStore(store, options);
    results.push(...done.results);
    if (done.ratio !== null) twoInstanceRatio = done.ratio;
  }
  return { results, twoInstanceRatio };
}

function parseArgs(argv: readonly string[]): { options: Partial<LoadOptions>; json: string | null } {
  const options: { -readonly [K in keyof LoadOptions]?: LoadOptions[K] } = {};
  let json: string | null = null;
  const number = (flag: string, value: string | undefined, min: number, max: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} takes a whole number from ${min} to ${max}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    switch (flag) {
      case '--seconds':
        options.seconds = number(flag, value, 1, 600);
        i++;
        break;
      case '--readers':
        options.readers = number(flag, value, 1, 1000);
        i++;
        break;
      case '--writers':
        options.writers = number(flag, value, 1, 1000);
        i++;
        break;
      case '--light':
        options.light = number(flag, value, 1, 2000);
        i++;
        break;
      case '--store':
        if (value !== 'sqlite' && value !== 'postgres' && value !== 'both') throw new Error('--store takes sqlite, postgres or both');
        options.stores = value === 'both' ? ['sqlite', 'postgres'] : [value];
        i++;
        break;
      case '--scenarios': {
        const names = (value ?? '').split(',');
        const known: readonly string[] = DEFAULTS.scenarios;
        if (names.length === 0 || names.some((n) => !known.includes(n))) throw new Error(`--scenarios takes a comma-separated list of ${known.join(', ')}`);
        options.scenarios = names as ScenarioName[];
        i++;
        break;
      }
      case '--no-two-instances':
        options.twoInstances = false;
        break;
      case '--profile':
        if (value === undefined) throw new Error('--profile takes a directory');
        options.profileDir = value;
        i++;
        break;
      case '--json':
        if (value === undefined) throw new Error('--json takes a file name');
        json = value;
        i++;
        break;
      default:
        throw new Error(`unknown option ${flag} (see test/bench/load/run-load.ts)`);
    }
  }
  return { options, json };
}

if (require.main === module) {
  (async () => {
    const { options, json } = parseArgs(process.argv.slice(2));
    const report = await runLoadBench(options);
    if (json !== null) writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  })().catch((error: unknown) => {
    process.stderr.write(`bench:load: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
