/**
 * A plain typed-array CPM, written independently of shared/engine/schedule.ts, as the yardstick
 * for `npm run bench` ("critical path of 100k tasks / 300k links ≤ 2× a typed-array reference")
 * and as a cross-check in tests. Calendar days only, no critical-path chain, no cycle report
 * (a cyclic plan returns null). Same model as the engine: end inclusive, planned start as a
 * lower bound, lag in days, project finish = latest early finish, late dates bound by it.
 *
 * Two variants: `referenceCpmFS` reads every link as finish-to-start (the textbook case),
 * `referenceCpm` honours FS, SS, FF and SF.
 */

export interface ReferencePlan {
  readonly tasks: readonly { readonly start: number; readonly end: number }[];
  readonly links: readonly { readonly from: number; readonly to: number; readonly type: string; readonly lag: number }[];
}

export interface ReferenceResult {
  readonly es: Int32Array;
  readonly ef: Int32Array;
  readonly ls: Int32Array;
  readonly lf: Int32Array;
  readonly slack: Int32Array;
  readonly finish: number;
}

interface Graph {
  n: number;
  dur: Int32Array;
  lower: Int32Array;
  /** links in input order */
  from: Int32Array;
  to: Int32Array;
  type: Uint8Array;
  lag: Int32Array;
  /** incoming CSR: inStart[v]..inStart[v+1] index inLinks, which holds link numbers */
  inStart: Int32Array;
  inLinks: Int32Array;
  /** outgoing CSR */
  outStart: Int32Array;
  outLinks: Int32Array;
}

const TYPES: Record<string, number> = { FS: 0, SS: 1, FF: 2, SF: 3 };

function csr(n: number, key: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < key.length; e++) start[key[e]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const pos = Int32Array.from(start.subarray(0, n));
  const items = new Int32Array(key.length);
  for (let e = 0; e < key.length; e++) items[pos[key[e]!]!++] = e;
  return [start, items];
}

function build(plan: ReferencePlan, fsOnly: boolean): Graph {
  const n = plan.tasks.length;
  const m = plan.links.length;
  const dur = new Int32Array(n);
  const lower = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = plan.tasks[i]!;
    lower[i] = t.start;
    dur[i] = Math.max(1, t.end - t.start + 1);
  }
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const type = new Uint8Array(m);
  const lag = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const l = plan.links[e]!;
    from[e] = l.from;
    to[e] = l.to;
    type[e] = fsOnly ? 0 : TYPES[l.type]!;
    lag[e] = l.lag;
  }
  const [inStart, inLinks] = csr(n, to);
  const [outStart, outLinks] = csr(n, from);
  return { n, dur, lower, from, to, type, lag, inStart, inLinks, outStart, outLinks };
}

/** Topological order by Kahn's algorithm, or null when a cycle remains. */
function topo(g: Graph): Int32Array | null {
  const remaining = new Int32Array(g.n);
  for (let v = 0; v < g.n; v++) remaining[v] = g.inStart[v + 1]! - g.inStart[v]!;
  const out = new Int32Array(g.n);
  let w = 0;
  for (let v = 0; v < g.n; v++) if (remaining[v] === 0) out[w++] = v;
  for (let r = 0; r < w; r++) {
    const u = out[r]!;
    for (let i = g.outStart[u]!; i < g.outStart[u + 1]!; i++) {
      const v = g.to[g.outLinks[i]!]!;
      if (--remaining[v]! === 0) out[w++] = v;
    }
  }
  return w === g.n ? out : null;
}

function run(g: Graph): ReferenceResult | null {
  const order = topo(g);
  if (!order) return null;
  const { n, dur } = g;
  const es = new Int32Array(n);
  const ef = new Int32Array(n);
  // Forward: pull from predecessors.
  for (let r = 0; r < n; r++) {
    const v = order[r]!;
    let best = g.lower[v]!;
    for (let i = g.inStart[v]!; i < g.inStart[v + 1]!; i++) {
      const e = g.inLinks[i]!;
      const u = g.from[e]!;
      const L = g.lag[e]!;
      let c: number;
      const t = g.type[e];
      if (t === 0) c = ef[u]! + 1 + L;
      else if (t === 1) c = es[u]! + L;
      else if (t === 2) c = ef[u]! + L - dur[v]! + 1;
      else c = es[u]! + L - dur[v]! + 1;
      if (c > best) best = c;
    }
    es[v] = best;
    ef[v] = best + dur[v]! - 1;
  }
  let finish = -Infinity;
  for (let v = 0; v < n; v++) if (ef[v]! > finish) finish = ef[v]!;
  // Backward: pull from successors.
  const ls = new Int32Array(n);
  const lf = new Int32Array(n);
  for (let r = n - 1; r >= 0; r--) {
    const u = order[r]!;
    let best = finish;
    for (let i = g.outStart[u]!; i < g.outStart[u + 1]!; i++) {
      const e = g.outLinks[i]!;
      const v = g.to[e]!;
      const L = g.lag[e]!;
      let c: number;
      const t = g.type[e];
      if (t === 0) c = ls[v]! - 1 - L;
      else if (t === 1) c = ls[v]! - L + dur[u]! - 1;
      else if (t === 2) c = lf[v]! - L;
      else c = lf[v]! - L + dur[u]! - 1;
      if (c < best) best = c;
    }
    lf[u] = best;
    ls[u] = best - dur[u]! + 1;
  }
  const slack = new Int32Array(n);
  for (let v = 0; v < n; v++) slack[v] = ls[v]! - es[v]!;
  return { es, ef, ls, lf, slack, finish: n > 0 ? finish : NaN };
}

/** Every link read as finish-to-start. */
export function referenceCpmFS(plan: ReferencePlan): ReferenceResult | null {
  return run(build(plan, true));
}

/** FS, SS, FF and SF links. */
export function referenceCpm(plan: ReferencePlan): ReferenceResult | null {
  return run(build(plan, false));
}
