import { computeSchedule } from '../../../shared/engine/schedule';
import { randomPlan, type RandomPlan } from '../random-plan';
import { referenceCpm } from '../reference-cpm';
import type { BenchCase } from './types';

const TASKS = 100_000;
const LINKS = 300_000;

/** The same plan in every process: a fixed seed, all four link types, lags and leads. */
function plan(): RandomPlan {
  return randomPlan({ tasks: TASKS, links: LINKS, seed: 20231201, linkTypes: 'all', minLag: -2, maxLag: 3 });
}

function planOf(input: unknown): RandomPlan {
  // setup's result comes back as unknown through the generic harness; it is always ours.
  const p = input as RandomPlan | undefined;
  if (!p || p.tasks.length !== TASKS) throw new Error('critical-path: setup did not run');
  return p;
}

export const criticalPathCase: BenchCase = {
  name: 'critical-path-100k',
  description: 'critical path of 100k tasks / 300k links (FS/SS/FF/SF, lags) vs a typed-array reference CPM',
  target: 2,
  // Measured ~120 MB: node itself, the plan as ~400k JS objects, the engine's typed arrays.
  maxPeakMB: 200,
  prepare: async () => {},
  setup: () => plan(),
  async ours(_dir, input) {
    const result = computeSchedule(planOf(input));
    if (!result.ok) throw new Error('critical-path: the random plan has a cycle');
    return { finish: result.value.finish, pathLength: result.value.criticalPath.length };
  },
  async baseline(_dir, input) {
    const result = referenceCpm(planOf(input));
    if (!result) throw new Error('critical-path: the random plan has a cycle');
    return { finish: result.finish };
  },
};
