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

/** /healthz once every `everyMs` on its own connection while `until` runs: the latencies a probe sees. */
export async function probeHealth<T>(to: Target, everyMs: number, until: Promise<T>): Promise<{ result: T; health: RouteStats }> {
  const health = new RouteStats();
  let done = false;
  const finished = until.finally(() => {
    done = true;
  });
  const probe = (async () => {
    while (!done) {
      const answer = await send(to, { method: 'GET', path: '/healthz', headers: {} });
      health.add(answer.status, answer.ms);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  const result = await finished;
  await probe;
  return { result, health };
}

/** A GET as a step: the body read to the end and dropped. */
export function getStep(route: string, to: Target, path: string, headers: Record<string, string>): Step {
  return { route, run: () => send(to, { method: 'GET', path, headers }) };
}
