import fc from 'fast-check';
import {
  computeSchedule,
  type LinkType,
  type ScheduleLink,
  type ScheduleResult,
} from '../../../shared/engine/schedule';
import { randomPlan } from '../../bench/random-plan';
import { referenceCpm, referenceCpmFS } from '../../bench/reference-cpm';
import { scheduled } from './schedule-harness';


// ---------------------------------------------------------------------------------------------
// Properties against a straightforward longest-path computation.

type Plan = { tasks: { start: number; end: number }[]; links: ScheduleLink[] };

const TYPES: LinkType[] = ['FS', 'SS', 'FF', 'SF'];

/** Random DAGs: tasks get a random rank, links go from a lower rank to a higher one. */
const dagArb: fc.Arbitrary<Plan> = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc
    .record({
      tasks: fc.array(fc.record({ start: fc.integer({ min: 0, max: 30 }), len: fc.integer({ min: 1, max: 6 }) }), {
        minLength: n,
        maxLength: n,
      }),
      rank: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
      links: fc.array(
        fc.record({
          a: fc.nat(n - 1),
          b: fc.nat(n - 1),
          type: fc.constantFrom(...TYPES),
          lag: fc.integer({ min: -3, max: 3 }),
        }),
        { maxLength: 3 * n },
      ),
    })
    .map(({ tasks, rank, links }) => ({
      tasks: tasks.map((t) => ({ start: 19723 + t.start, end: 19723 + t.start + t.len - 1 })),
      links: links
        .filter((l) => rank[l.a] !== rank[l.b])
        .map((l) => (rank[l.a]! < rank[l.b]! ? { from: l.a, to: l.b, type: l.type, lag: l.lag } : { from: l.b, to: l.a, type: l.type, lag: l.lag })),
    })),
);

/**
 * Early and late dates by relaxing every link until nothing changes (Bellman–Ford style), in
 * "units": day numbers, or working-day ordinals given by `unitOf` / `dayOf`.
 */
function fixpoint(plan: Plan, unitOf: (d: number) => number, lastUnitOf: (d: number) => number) {
  const n = plan.tasks.length;
  const lower = plan.tasks.map((t) => unitOf(t.start));
  const dur = plan.tasks.map((t, i) => Math.max(1, lastUnitOf(t.end) - lower[i]! + 1));
  const es = lower.slice();
  for (let changed = true; changed; ) {
    changed = false;
    for (const l of plan.links) {
      const p = l.from;
      const s = l.to;
      const efP = es[p]! + dur[p]! - 1;
      const need =
        l.type === 'FS' ? efP + 1 + l.lag
        : l.type === 'SS' ? es[p]! + l.lag
        : l.type === 'FF' ? efP + l.lag - dur[s]! + 1
        : es[p]! + l.lag - dur[s]! + 1;
      if (need > es[s]!) {
        es[s] = need;
        changed = true;
      }
    }
  }
  const ef = es.map((e, i) => e + dur[i]! - 1);
  const finish = Math.max(...ef);
  const lf = new Array<number>(n).fill(finish);
  for (let changed = true; changed; ) {
    changed = false;
    for (const l of plan.links) {
      const p = l.from;
      const s = l.to;
      const lsS = lf[s]! - dur[s]! + 1;
      const bound =
        l.type === 'FS' ? lsS - 1 - l.lag
        : l.type === 'SS' ? lsS - l.lag + dur[p]! - 1
        : l.type === 'FF' ? lf[s]! - l.lag
        : lf[s]! - l.lag + dur[p]! - 1;
      if (bound < lf[p]!) {
        lf[p] = bound;
        changed = true;
      }
    }
  }
  const ls = lf.map((f, i) => f - dur[i]! + 1);
  return { es, ef, ls, lf, finish, slack: ls.map((s, i) => s - es[i]!) };
}

function checkPath(plan: Plan, r: ScheduleResult): void {
  expect(r.criticalPath.length).toBeGreaterThan(0);
  for (const t of r.criticalPath) expect(r.critical[t]).toBe(1);
  for (let k = 0; k + 1 < r.criticalPath.length; k++) {
    const a = r.criticalPath[k];
    const b = r.criticalPath[k + 1];
    expect(plan.links.some((l) => l.from === a && l.to === b)).toBe(true);
  }
  expect(r.earlyFinish[r.criticalPath[r.criticalPath.length - 1]!]).toBe(r.finish);
}

describe('computeSchedule: properties', () => {
  it('agrees with a longest-path fixpoint on random DAGs (calendar days)', () => {
    fc.assert(
      fc.property(dagArb, (plan) => {
        const r = scheduled(plan);
        const want = fixpoint(plan, (d) => d, (d) => d);
        expect(Array.from(r.earlyStart)).toEqual(want.es);
        expect(Array.from(r.earlyFinish)).toEqual(want.ef);
        expect(Array.from(r.lateStart)).toEqual(want.ls);
        expect(Array.from(r.lateFinish)).toEqual(want.lf);
        expect(r.finish).toBe(want.finish);
        for (const s of r.slack) expect(s).toBeGreaterThanOrEqual(0);
        checkPath(plan, r);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a day-by-day working calendar on random DAGs', () => {
    fc.assert(
      fc.property(
        dagArb,
        fc.uniqueArray(fc.integer({ min: 19723 - 10, max: 19723 + 120 }), { maxLength: 12 }),
        (plan, holidays) => {
          // Working days listed one by one, with JavaScript's own weekday.
          const holidaySet = new Set(holidays);
          const workdays: number[] = [];
          for (let d = 19723 - 60; d < 19723 + 600; d++) {
            const wd = new Date(d * 86_400_000).getUTCDay();
            if (wd !== 0 && wd !== 6 && !holidaySet.has(d)) workdays.push(d);
          }
          const firstAtOrAfter = (d: number): number => workdays.findIndex((w) => w >= d);
          const lastAtOrBefore = (d: number): number => firstAtOrAfter(d + 1) - 1;
          const r = scheduled({ ...plan, calendar: { kind: 'working', holidays } });
          const want = fixpoint(plan, firstAtOrAfter, lastAtOrBefore);
          expect(Array.from(r.earlyStart)).toEqual(want.es.map((k) => workdays[k]));
          expect(Array.from(r.earlyFinish)).toEqual(want.ef.map((k) => workdays[k]));
          expect(Array.from(r.lateStart)).toEqual(want.ls.map((k) => workdays[k]));
          expect(Array.from(r.lateFinish)).toEqual(want.lf.map((k) => workdays[k]));
          expect(Array.from(r.slack)).toEqual(want.slack);
          expect(r.finish).toBe(workdays[want.finish]);
          checkPath(plan, r);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports a cycle exactly when there is one, naming tasks that form it', () => {
    const graphArb = fc.integer({ min: 1, max: 8 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 2 * n }),
      }),
    );
    fc.assert(
      fc.property(graphArb, ({ n, pairs }) => {
        // Cycle or not, by depth-first search with colours.
        const colour = new Array<number>(n).fill(0);
        const visit = (u: number): boolean => {
          colour[u] = 1;
          for (const [a, b] of pairs) {
            if (a !== u) continue;
            if (colour[b] === 1 || (colour[b] === 0 && visit(b))) return true;
          }
          colour[u] = 2;
          return false;
        };
        let cyclic = false;
        for (let i = 0; i < n && !cyclic; i++) if (colour[i] === 0) cyclic = visit(i);

        const r = computeSchedule({
          tasks: Array.from({ length: n }, () => ({ start: 0, end: 1 })),
          links: pairs.map(([from, to]) => ({ from, to, type: 'SS', lag: 1 })),
        });
        expect(!r.ok).toBe(cyclic);
        if (!r.ok) {
          const c = r.error.tasks;
          expect(new Set(c).size).toBe(c.length);
          expect(c[0]).toBe(Math.min(...c));
          for (let k = 0; k < c.length; k++) {
            const a = c[k];
            const b = c[(k + 1) % c.length];
            expect(pairs.some(([x, y]) => x === a && y === b)).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['FS', referenceCpmFS, 'FS'],
    ['all link types', referenceCpm, 'all'],
  ] as const)('matches the benchmark reference on a 3,000-task plan (%s)', (_name, reference, linkTypes) => {
    const plan = randomPlan({ tasks: 3000, links: 9000, seed: 7, linkTypes, minLag: -2, maxLag: 3 });
    const r = scheduled(plan);
    const ref = reference(plan)!;
    expect(r.finish).toBe(ref.finish);
    expect(Array.from(r.earlyStart)).toEqual(Array.from(ref.es));
    expect(Array.from(r.lateFinish)).toEqual(Array.from(ref.lf));
    expect(Array.from(r.slack)).toEqual(Array.from(ref.slack));
    checkPath(plan, r);
  });
});
