/**
 * Deterministic random plans for benchmarks and property tests: a DAG of `tasks` tasks and
 * `links` links. Tasks get a hidden random rank; every link goes from a lower rank to a higher
 * one, so the plan has no cycle, and task indices are not in topological order (as in a real
 * sheet, where rows are not sorted by dependency). Successors are drawn near their predecessor
 * in rank (`window`), which keeps chains long, like real plans.
 */

export type RandomLinkType = 'FS' | 'SS' | 'FF' | 'SF';

export interface RandomPlan {
  readonly tasks: { start: number; end: number }[];
  readonly links: { from: number; to: number; type: RandomLinkType; lag: number }[];
}

export interface RandomPlanOptions {
  readonly tasks: number;
  readonly links: number;
  readonly seed: number;
  /** 'FS' (default): finish-to-start only; 'all': the four types, FS most often. */
  readonly linkTypes?: 'FS' | 'all';
  /** Lags are drawn from [minLag, maxLag]; default 0..0. */
  readonly minLag?: number;
  readonly maxLag?: number;
  /** A successor is at most this many ranks after its predecessor; default 50. */
  readonly window?: number;
  /** Day number of the earliest planned start; default 19723 (2024-01-01). */
  readonly firstDay?: number;
  /** Planned starts spread over this many days; default 365. */
  readonly spread?: number;
  /** Longest duration in days; default 20. */
  readonly maxDuration?: number;
}

/** mulberry32: a small, fast, seeded PRNG with 32 bits of state. Returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomPlan(options: RandomPlanOptions): RandomPlan {
  const n = options.tasks;
  const rand = prng(options.seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const firstDay = options.firstDay ?? 19723;
  const spread = options.spread ?? 365;
  const maxDuration = options.maxDuration ?? 20;
  const minLag = options.minLag ?? 0;
  const maxLag = options.maxLag ?? 0;
  const window = Math.max(1, options.window ?? 50);
  const allTypes = options.linkTypes === 'all';

  const tasks: RandomPlan['tasks'] = [];
  for (let i = 0; i < n; i++) {
    const start = firstDay + int(0, spread);
    tasks.push({ start, end: start + int(0, maxDuration - 1) });
  }

  // byRank[r] = the task with rank r (a Fisher–Yates shuffle of the indices).
  const byRank = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = int(0, i);
    const t = byRank[i]!;
    byRank[i] = byRank[j]!;
    byRank[j] = t;
  }

  const links: RandomPlan['links'] = [];
  if (n >= 2) {
    for (let k = 0; k < options.links; k++) {
      const a = int(0, n - 2);
      const b = a + int(1, Math.min(window, n - 1 - a));
      let type: RandomLinkType = 'FS';
      if (allTypes) {
        const r = rand();
        type = r < 0.55 ? 'FS' : r < 0.75 ? 'SS' : r < 0.9 ? 'FF' : 'SF';
      }
      links.push({ from: byRank[a]!, to: byRank[b]!, type, lag: int(minLag, maxLag) });
    }
  }
  return { tasks, links };
}
