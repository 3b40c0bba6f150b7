import { send, type Target } from './http-client';
import { RouteStats, type RouteSummary } from './latency-stats';
import { BIG_SHEET_PATH, SCORECARD_PATH, SCORECARD_XLSX_PATH, SHEETS_PATH, type LoadWorkspace } from './load-workspace';
import { busySince, readCpu } from './machine-cpu';
import { getStep, probeHealth, runLoops, ScenarioStats, type Step } from './load-loop';
import { checkLostUpdates, newWriteLog, pushOnce, writersOf, type LostUpdateCheck } from './shared-sheet-writers';

/**
 * The Monday morning, as three scenarios (and the first again on two instances):
 * 1. readers: 70% a pull of the 2,000-row sheet, 20% the scorecard as JSON, 10% its workbook;
 * 2. writers on one shared sheet beside those readers;
 * 3. many connections of light GETs (the workspace's sheet list).
 * While each runs, /healthz is probed every 50 ms from a thread and a connection of its own,
 * and the machine's CPU use is read (machine-cpu.ts).
 */

export type ScenarioName = 'readers' | 'readers+writers' | 'light';

export interface ScenarioCounts {
  readonly readers: number;
  readonly writers: number;
  readonly light: number;
}

export interface ScenarioResult {
  readonly scenario: ScenarioName;
  readonly store: 'sqlite' | 'postgres';
  readonly instances: number;
  readonly connections: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly routes: Readonly<Record<string, RouteSummary>>;
  readonly all: RouteSummary;
  readonly health: RouteSummary;
  /** Peak resident memory of each service process during the scenario, MB. */
  readonly peakRssMb: readonly number[];
  readonly fivexx: number;
  readonly lostUpdates?: LostUpdateCheck;
  /** The scorecard cache's hits and misses during the scenario, all instances (when /readyz reports them). */
  readonly scorecardCache?: { readonly hits: number; readonly misses: number; readonly ratio: number };
  /** How busy the machine's cores were during the scenario, every process counted (0 to 1). */
  readonly machineCpuBusy: number;
}

interface CacheCounters {
  readonly hits: number;
  readonly misses: number;
}

/** The scorecard cache's counters as /readyz reports them (caches.scorecard), summed over the instances; null when it reports none. */
async function cacheCounters(targets: readonly Target[]): Promise<CacheCounters | null> {
  let hits = 0;
  let misses = 0;
  for (const to of targets) {
    const answer = await send(to, { method: 'GET', path: '/readyz', headers: {}, keepBody: true });
    if (answer.status !== 200) return null;
    const counters = (JSON.parse(answer.text) as { caches?: { scorecard?: Partial<CacheCounters> } }).caches?.scorecard;
    if (typeof counters?.hits !== 'number' || typeof counters.misses !== 'number') return null;
    hits += counters.hits;
    misses += counters.misses;
  }
  return { hits, misses };
}

export const PULL = 'pull 2,000 rows';
export const SCORECARD_JSON = 'scorecard JSON';
export const SCORECARD_XLSX = 'scorecard.xlsx';
export const PUSH = 'push shared sheet';
export const LIGHT = 'GET sheets list';

/**
 * The readers' mix as a fixed cycle of ten (7 pulls, 2 JSON, 1 workbook), each connection
 * starting at its own place in it: the shares are exact, and even three connections ask for all
 * three routes from their first request.
 */
const READER_CYCLE = ['pull', 'json', 'xlsx', 'pull', 'pull', 'pull', 'json', 'pull', 'pull', 'pull'] as const;
const readerTurns = new Map<number, number>();

function readerStep(targets: readonly Target[], workspace: LoadWorkspace, connection: number): Step {
  const to = targets[connection % targets.length]!;
  const user = workspace.readers[connection % workspace.readers.length]!;
  const turn = readerTurns.get(connection) ?? connection;
  readerTurns.set(connection, turn + 1);
  switch (READER_CYCLE[turn % READER_CYCLE.length]!) {
    case 'pull':
      return getStep(PULL, to, BIG_SHEET_PATH, user);
    case 'json':
      return getStep(SCORECARD_JSON, to, SCORECARD_PATH, user);
    case 'xlsx':
      return getStep(SCORECARD_XLSX, to, SCORECARD_XLSX_PATH, user);
  }
}

export interface ScenarioRun {
  readonly name: ScenarioName;
  readonly store: 'sqlite' | 'postgres';
  readonly targets: readonly Target[];
  readonly workspace: LoadWorkspace;
  readonly counts: ScenarioCounts;
  readonly seconds: number;
  /** Resets and reads the service processes' peak RSS (MB). */
  readonly memory: { reset(): void; peakMb(): number[] };
}

export async function runScenario(run: ScenarioRun): Promise<ScenarioResult> {
  const { targets, workspace, counts } = run;
  const stats = new ScenarioStats();
  const log = newWriteLog();
  const writers = writersOf(workspace);
  let connections: number;
  let pick: (connection: number) => Step;
  if (run.name === 'light') {
    connections = counts.light;
    pick = (c) => getStep(LIGHT, targets[c % targets.length]!, SHEETS_PATH, workspace.readers[c % workspace.readers.length]!);
  } else if (run.name === 'readers') {
    connections = counts.readers;
    pick = (c) => readerStep(targets, workspace, c);
  } else {
    connections = counts.readers + counts.writers;
    pick = (c) => {
      if (c < counts.readers) return readerStep(targets, workspace, c);
      const w = writers[c - counts.readers]!;
      return { route: PUSH, run: () => pushOnce(targets[c % targets.length]!, w, workspace, log) };
    };
  }
  run.memory.reset();
  const cacheBefore = await cacheCounters(targets);
  const cpuBefore = readCpu();
  const { result: elapsed, health } = await probeHealth(targets[0]!, 50, runLoops(connections, run.seconds, pick, stats));
  const machineCpuBusy = busySince(cpuBefore);
  const peakRssMb = run.memory.peakMb();
  const cacheAfter = cacheBefore === null ? null : await cacheCounters(targets);
  const cache =
    cacheBefore !== null && cacheAfter !== null ? { hits: cacheAfter.hits - cacheBefore.hits, misses: cacheAfter.misses - cacheBefore.misses } : null;
  const routes: Record<string, RouteSummary> = {};
  const all = new RouteStats();
  for (const [route, s] of stats.routes) {
    routes[route] = s.summary(elapsed);
    all.merge(s);
  }
  const allSummary = all.summary(elapsed);
  const lostUpdates = run.name === 'readers+writers' ? await checkLostUpdates(targets[0]!, workspace, log) : undefined;
  return {
    scenario: run.name,
    store: run.store,
    instances: targets.length,
    connections,
    seconds: Math.round(elapsed * 10) / 10,
    perSecond: allSummary.perSecond,
    routes,
    all: allSummary,
    health: health.summary(elapsed),
    peakRssMb,
    fivexx: allSummary.fivexx + health.summary(elapsed).fivexx,
    machineCpuBusy,
    ...(lostUpdates ? { lostUpdates } : {}),
    ...(cache ? { scorecardCache: { ...cache, ratio: cache.hits + cache.misses === 0 ? 0 : Math.round((cache.hits / (cache.hits + cache.misses)) * 1000) / 1000 } } : {}),
  };
}
