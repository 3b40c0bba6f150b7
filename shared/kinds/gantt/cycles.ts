/**
 * Circles of dependencies, for the sheet check. The schedule engine stops at the first cycle it
 * meets; a planner fixing a sheet wants all of them at once. Tarjan's strongly connected
 * components (iterative: a 100k-row plan would overflow the call stack), then one circle per
 * component through its lowest-numbered task (the topmost row), found by breadth-first search so
 * that it is a shortest one. A component with several circles is reported once: fixing the
 * circle shown, the next check shows what remains.
 */
export function dependencyCycles(n: number, links: readonly { from: number; to: number }[]): number[][] {
  const off = new Int32Array(n + 1);
  for (const l of links) off[l.from + 1]!++;
  for (let i = 0; i < n; i++) off[i + 1]! += off[i]!;
  const fill = off.slice(0, n);
  const succ = new Int32Array(links.length);
  for (const l of links) succ[fill[l.from]!++] = l.to;

  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const work: { v: number; k: number }[] = [];
  let counter = 0;
  let comps = 0;
  const cycles: number[][] = [];

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    work.push({ v: root, k: off[root]! });
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const v = top.v;
      if (top.k < off[v + 1]!) {
        const w = succ[top.k++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push({ v: w, k: off[w]! });
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent.v] = Math.min(low[parent.v]!, low[v]!);
      if (low[v] !== index[v]) continue;
      const members: number[] = [];
      for (;;) {
        const w = stack.pop()!;
        onStack[w] = 0;
        comp[w] = comps;
        members.push(w);
        if (w === v) break;
      }
      if (members.length === 1) {
        // A lone task is a circle only when it waits for itself.
        for (let k = off[v]!; k < off[v + 1]!; k++) {
          if (succ[k] === v) {
            cycles.push([v]);
            break;
          }
        }
      } else {
        let first = members[0]!;
        for (const m of members) if (m < first) first = m;
        cycles.push(circleThrough(first, comps, comp, off, succ));
      }
      comps++;
    }
  }
  return cycles.sort((a, b) => a[0]! - b[0]!);
}

/** A shortest circle from `s` back to `s` inside its component (of two tasks or more, so there is one). */
function circleThrough(s: number, c: number, comp: Int32Array, off: Int32Array, succ: Int32Array): number[] {
  const prev = new Map<number, number>();
  const queue = [s];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    for (let k = off[u]!; k < off[u + 1]!; k++) {
      const w = succ[k]!;
      if (comp[w] !== c) continue;
      if (w === s) {
        const path = [u];
        for (let t = u; t !== s; ) {
          t = prev.get(t)!;
          path.push(t);
        }
        return path.reverse();
      }
      if (!prev.has(w)) {
        prev.set(w, u);
        queue.push(w);
      }
    }
  }
  throw new Error('Bug: a strongly connected component without a circle');
}
