import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { send, type Target } from './http-client';
import { RouteStats } from './latency-stats';

/**
 * Closed-loop load, bounded in time: each "connection" sends its next request when its last
 * one is answered, until the scenario's end. A request still running at the end is waited for
 * (and counted), so nothing is left behind; the wait is bounded by the service's own deadlines.
 */

export interface Step {
  /** The route's label in the report. */
  readonly route: string;
  /** Runs one request; answers its status and time. */
  run(): Promise<{ status: number; ms: number }>;
}

export type StepPicker = (connection: number) => Step;

export class ScenarioStats {
  readonly routes = new Map<string, RouteStats>();
  add(route: string, status: number, ms: number): void {
    let stats = this.routes.get(route);
    if (stats === undefined) this.routes.set(route, (stats = new RouteStats()));
    stats.add(status, ms);
  }
}

export async function runLoops(connections: number, seconds: number, pick: StepPicker, stats: ScenarioStats): Promise<number> {
  const started = performance.now();
  const end = started + seconds * 1000;
  const loop = async (connection: number): Promise<void> => {
    while (performance.now() < end) {
      const step = pick(connection);
      const answer = await step.run();
      stats.add(step.route, answer.status, answer.ms);
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, i) => loop(i)));
  return (performance.now() - started) / 1000;
}

/**
 * /healthz once every `everyMs` while `until` runs, from a thread of its own on a connection of
 * its own (health-probe-worker.ts): the latencies a monitor sees, not the bench client's queue.
 */
export async function probeHealth<T>(to: Target, everyMs: number, until: Promise<T>): Promise<{ result: T; health: RouteStats }> {
  const health = new RouteStats();
  const worker = new Worker(probeScript(), { workerData: { url: to.url, everyMs } });
  const stopped = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: 'done' | { status: number; ms: number }) => {
      if (m === 'done') resolve();
      else health.add(m.status, m.ms);
    });
    worker.on('error', reject);
    worker.on('exit', () => resolve());
  });
  try {
    const result = await until;
    return { result, health };
  } finally {
    worker.postMessage('stop');
    await stopped;
    await worker.terminate();
  }
}

/** Compiled JS: next to this file when compiled, from dist/ when jest runs the .ts source. */
function probeScript(): string {
  if (__filename.endsWith('.ts')) return path.resolve(__dirname, '..', '..', '..', 'dist', 'test', 'bench', 'load', 'health-probe-worker.js');
  return path.join(__dirname, 'health-probe-worker.js');
}

/** A GET as a step: the body read to the end and dropped. */
export function getStep(route: string, to: Target, path: string, headers: Record<string, string>): Step {
  return { route, run: () => send(to, { method: 'GET', path, headers }) };
}
