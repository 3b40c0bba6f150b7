import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * The multi-instance promise, for real: two node processes, each with its own scheduler and
 * its own store connection, on one PostgreSQL database, a per-second schedule. Every firing
 * both competed for ran exactly once, and the database holds one claim per firing.
 *
 * PostgreSQL is required, not optional: when it is down this test fails, it does not skip.
 */
const DATABASE_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const INSTANCE_SCRIPT = path.join(REPO_ROOT, 'dist', 'test', 'fixtures', 'schedule-instance.js');
const JOB = 'two-process';
const CONTESTED_FIRINGS = 3;

interface Event {
  readonly instance: string;
  readonly event: 'ready' | 'claim' | 'run' | 'stopped';
  readonly fireAt?: string;
  readonly won?: boolean;
}

interface Instance {
  readonly child: ChildProcess;
  readonly events: Event[];
  readonly stderr: string[];
  readonly exited: Promise<number | null>;
}

function startInstance(name: string, schema: string): Instance {
  const child = spawn(process.execPath, [INSTANCE_SCRIPT, DATABASE_URL, schema, name, '* * * * * *'], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const events: Event[] = [];
  const stderr: string[] = [];
  let pending = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') events.push(JSON.parse(line) as Event);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, events, stderr, exited };
}

/** Firings both instances tried to claim. */
function contested(instances: readonly Instance[]): string[] {
  const sets = instances.map((i) => new Set(i.events.filter((e) => e.event === 'claim').map((e) => e.fireAt)));
  const [first, ...rest] = sets;
  return [...(first ?? [])].filter((f): f is string => f !== undefined && rest.every((s) => s.has(f)));
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('two processes on one PostgreSQL run each firing exactly once', async () => {
  expect(existsSync(INSTANCE_SCRIPT)).toBe(true); // built by `npx tsc -b`, which `npm test` runs first

  const admin = new pg.Client({ connectionString: DATABASE_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is required for this test and is not reachable at ${DATABASE_URL}: ${String(error)}`);
  }
  const schema = `sched_${process.pid}_${randomBytes(4).toString('hex')}`;
  const instances: Instance[] = [];
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    instances.push(startInstance('instance-a', schema), startInstance('instance-b', schema));
    const diagnostics = () =>
      instances.map((i) => `${i.events.length} events; stderr: ${i.stderr.join('').slice(-2000)}`).join(' | ');

    await waitFor(() => contested(instances).length >= CONTESTED_FIRINGS, 45_000, diagnostics);
    for (const i of instances) i.child.stdin!.end();
    const codes = await Promise.all(instances.map((i) => i.exited));
    // stderr rides along so that a failure shows why a process ended badly.
    expect({ codes, stderr: instances.map((i) => i.stderr.join('')) }).toMatchObject({ codes: [0, 0] });

    const runs = instances.flatMap((i) => i.events.filter((e) => e.event === 'run').map((e) => e.fireAt!));
    const claimsInDb = (await admin.query<{ fire_at: string; instance: string }>(`SELECT fire_at, instance FROM ${schema}.scheduled_runs WHERE job = $1`, [JOB])).rows;

    // Each firing both processes competed for: one winner, one run, one row.
    for (const fireAt of contested(instances)) {
      const won = instances.flatMap((i) => i.events.filter((e) => e.event === 'claim' && e.fireAt === fireAt && e.won));
      expect({ fireAt, winners: won.length }).toEqual({ fireAt, winners: 1 });
      expect({ fireAt, runs: runs.filter((r) => r === fireAt).length }).toEqual({ fireAt, runs: 1 });
      expect({ fireAt, rows: claimsInDb.filter((c) => c.fire_at === fireAt).length }).toEqual({ fireAt, rows: 1 });
    }
    // And across the whole run: every run is a claim in the database, none twice.
    expect([...runs].sort()).toEqual(claimsInDb.map((c) => c.fire_at).sort());
    expect(new Set(runs).size).toBe(runs.length);
  } finally {
    for (const i of instances) if (i.child.exitCode === null) i.child.kill();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
  }
});
