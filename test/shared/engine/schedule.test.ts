import fc from 'fast-check';
import {
  computeSchedule,
  type LinkType,
  type ScheduleInput,
  type ScheduleLink,
  type ScheduleResult,
} from '../../../shared/engine/schedule';
import { randomPlan } from '../../bench/random-plan';
import { referenceCpm, referenceCpmFS } from '../../bench/reference-cpm';

/** Day number of an ISO date, computed here with Date.UTC (independent of the engine). */
const day = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000;
};
const iso = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);

function scheduled(input: ScheduleInput): ScheduleResult {
  const r = computeSchedule(input);
  if (!r.ok) throw new Error(`unexpected cycle ${r.error.tasks.join(',')}`);
  return r.value;
}

describe('computeSchedule: a textbook network', () => {
  // Activities (duration, predecessors), all finish-to-start, all planned to start on day 0:
  //   A 3 -; B 4 A; C 2 A; D 5 B; E 1 C; F 2 C; G 3 D,E
  // Textbook (exclusive) times: ES A0 B3 C3 D7 E5 F5 G12, EF A3 B7 C5 D12 E6 F7 G15,
  // LS A0 B3 C9 D7 E11 F13 G12, LF A3 B7 C11 D12 E12 F15 G15, project 15, critical A-B-D-G.
  // With inclusive end days, EF and LF are one less.
  const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
  const durations = [3, 4, 2, 5, 1, 2, 3];
  const preds: [string, string][] = [['A', 'B'], ['A', 'C'], ['B', 'D'], ['C', 'E'], ['C', 'F'], ['D', 'G'], ['E', 'G']];
  const input: ScheduleInput = {
    tasks: durations.map((d) => ({ start: 0, end: d - 1 })),
    links: preds.map(([a, b]) => ({ from: names.indexOf(a), to: names.indexOf(b), type: 'FS' as const, lag: 0 })),
  };
  const r = scheduled(input);

  it.each([
    // task, ES, EF, LS, LF, slack
    ['A', 0, 2, 0, 2, 0],
    ['B', 3, 6, 3, 6, 0],
    ['C', 3, 4, 9, 10, 6],
    ['D', 7, 11, 7, 11, 0],
    ['E', 5, 5, 11, 11, 6],
    ['F', 5, 6, 13, 14, 8],
    ['G', 12, 14, 12, 14, 0],
  ])('%s: ES %i EF %i LS %i LF %i slack %i', (name, es, ef, ls, lf, slack) => {
    const i = names.indexOf(name);
    expect([r.earlyStart[i], r.earlyFinish[i], r.lateStart[i], r.lateFinish[i], r.slack[i]]).toEqual([es, ef, ls, lf, slack]);
    expect(r.critical[i]).toBe(slack === 0 ? 1 : 0);
  });

  it('finishes on day 14 along A-B-D-G', () => {
    expect(r.finish).toBe(14);
    expect(r.criticalPath.map((i) => names[i])).toEqual(['A', 'B', 'D', 'G']);
  });

  it('gives the same answer whatever the order of the rows', () => {
    const perm = [6, 3, 0, 5, 2, 4, 1]; // new index k holds old task perm[k]
    const inv = new Array<number>(7);
    perm.forEach((old, k) => (inv[old] = k));
    const shuffled = scheduled({
      tasks: perm.map((old) => input.tasks[old]!),
      links: input.links.map((l) => ({ ...l, from: inv[l.from]!, to: inv[l.to]! })),
    });
    for (let old = 0; old < 7; old++) expect(shuffled.slack[inv[old]!]).toBe(r.slack[old]);
    expect(shuffled.criticalPath.map((k) => names[perm[k]!])).toEqual(['A', 'B', 'D', 'G']);
  });
});

describe('computeSchedule: link types and lags', () => {
  // Predecessor P: days 10..14 (5 days). Successor S: 3 days, planned on day 0 (so only the
  // link moves it). Negative lag = lead.
  it.each<[LinkType, number, number, number, number, number, number]>([
    // type, lag, S.ES, S.EF, finish, P slack, S slack
    ['FS', 0, 15, 17, 17, 0, 0],
    ['FS', 2, 17, 19, 19, 0, 0],
    ['FS', -2, 13, 15, 15, 0, 0],
    ['SS', 0, 10, 12, 14, 0, 2],
    ['SS', 3, 13, 15, 15, 0, 0],
    ['SS', -3, 7, 9, 14, 0, 5],
    ['FF', 0, 12, 14, 14, 0, 0],
    ['FF', 2, 14, 16, 16, 0, 0],
    ['FF', -1, 11, 13, 14, 0, 1],
    ['SF', 0, 8, 10, 14, 0, 4],
    ['SF', 3, 11, 13, 14, 0, 1],
    ['SF', -2, 6, 8, 14, 0, 6],
  ])('%s lag %i: successor %i..%i, finish %i, slack P %i S %i', (type, lag, es, ef, finish, pSlack, sSlack) => {
    const r = scheduled({
      tasks: [{ start: 10, end: 14 }, { start: 0, end: 2 }],
      links: [{ from: 0, to: 1, type, lag }],
    });
    expect([r.earlyStart[1], r.earlyFinish[1], r.finish, r.slack[0], r.slack[1]]).toEqual([es, ef, finish, pSlack, sSlack]);
    expect([r.earlyStart[0], r.earlyFinish[0]]).toEqual([10, 14]);
  });

  it('keeps a planned start later than the links demand ("start no earlier than")', () => {
    const r = scheduled({
      tasks: [{ start: 10, end: 14 }, { start: 20, end: 22 }],
      links: [{ from: 0, to: 1, type: 'FS', lag: 0 }],
    });
    expect([r.earlyStart[1], r.earlyFinish[1], r.finish]).toEqual([20, 22, 22]);
    expect(r.slack[0]).toBe(5); // P may finish as late as day 19
    expect(r.criticalPath).toEqual([1]); // S is driven by its planned start, not by P
  });

  it('follows the lowest-numbered predecessor when two links drive a task', () => {
    // 1 (days 0..4) and 3→0 (days 0..1, 2..4) both end on day 4 and drive 2; task 0 is taken
    // after task 1 in topological order, and still wins the tie.
    const r = scheduled({
      tasks: [{ start: 0, end: 2 }, { start: 0, end: 4 }, { start: 0, end: 0 }, { start: 0, end: 1 }],
      links: [
        { from: 1, to: 2, type: 'FS', lag: 0 },
        { from: 0, to: 2, type: 'FS', lag: 0 },
        { from: 3, to: 0, type: 'FS', lag: 0 },
      ],
    });
    expect(Array.from(r.critical)).toEqual([1, 1, 1, 1]);
    expect(r.criticalPath).toEqual([3, 0, 2]);
  });

  it('prefers a driving link to an equal planned start', () => {
    const r = scheduled({
      tasks: [{ start: 0, end: 4 }, { start: 5, end: 6 }],
      links: [{ from: 0, to: 1, type: 'FS', lag: 0 }],
    });
    expect(r.criticalPath).toEqual([0, 1]);
  });

  it('schedules a task whose end is before its start as one day', () => {
    const r = scheduled({ tasks: [{ start: 5, end: 3 }], links: [] });
    expect([r.earlyStart[0], r.earlyFinish[0], r.finish]).toEqual([5, 5, 5]);
  });

  it('answers an empty plan', () => {
    const r = scheduled({ tasks: [], links: [] });
    expect(r.criticalPath).toEqual([]);
    expect(r.finish).toBeNaN();
  });

  it.each([
    ['a link to a missing task', { tasks: [{ start: 0, end: 1 }], links: [{ from: 0, to: 1, type: 'FS', lag: 0 }] }],
    ['a fractional lag', { tasks: [{ start: 0, end: 1 }, { start: 0, end: 1 }], links: [{ from: 0, to: 1, type: 'FS', lag: 0.5 }] }],
    ['a fractional day', { tasks: [{ start: 0.5, end: 1 }], links: [] }],
  ] as [string, ScheduleInput][])('throws on a caller bug: %s', (_name, input) => {
    expect(() => computeSchedule(input)).toThrow(RangeError);
  });
});

describe('computeSchedule: working days', () => {
  // 2024-01-01 (Mon) and 2024-01-08 (Mon) are holidays; 2024-01-13 is a Saturday holiday (ignored).
  const holidays = ['2024-01-01', '2024-01-08', '2024-01-13'].map(day);
  const tasks = [
    { start: day('2024-01-02'), end: day('2024-01-05') }, // A Tue–Fri: 4 working days
    { start: day('2024-01-02'), end: day('2024-01-03') }, // B 2 working days, after A
    { start: day('2024-01-02'), end: day('2024-01-02') }, // C 1 working day, 2 working days after B
    { start: day('2024-01-06'), end: day('2024-01-07') }, // D a weekend: 1 working day, the next one
    { start: day('2024-01-04'), end: day('2024-01-09') }, // E Thu–Tue over a weekend and a holiday: 3 days
  ];
  const links: ScheduleLink[] = [
    { from: 0, to: 1, type: 'FS', lag: 0 },
    { from: 1, to: 2, type: 'FS', lag: 2 },
  ];

  it('skips weekends and holidays for durations, lags and dates', () => {
    const r = scheduled({ tasks, links, calendar: { kind: 'working', holidays } });
    const rows = tasks.map((_, i) => [
      iso(r.earlyStart[i]!), iso(r.earlyFinish[i]!), iso(r.lateStart[i]!), iso(r.lateFinish[i]!), r.slack[i],
    ]);
    expect(rows).toEqual([
      ['2024-01-02', '2024-01-05', '2024-01-02', '2024-01-05', 0],
      ['2024-01-09', '2024-01-10', '2024-01-09', '2024-01-10', 0], // Mon 8th is a holiday
      ['2024-01-15', '2024-01-15', '2024-01-15', '2024-01-15', 0], // Thu 11, Fri 12 of lag, then Mon 15
      ['2024-01-09', '2024-01-09', '2024-01-15', '2024-01-15', 4], // slack in working days
      ['2024-01-04', '2024-01-09', '2024-01-11', '2024-01-15', 4],
    ]);
    expect(iso(r.finish)).toBe('2024-01-15');
    expect(r.criticalPath).toEqual([0, 1, 2]);
  });

  it('counts every day with the (default) calendar', () => {
    const r = scheduled({ tasks, links });
    expect(iso(r.earlyStart[1]!)).toBe('2024-01-06');
    expect(iso(r.earlyStart[2]!)).toBe('2024-01-10');
    expect(iso(r.finish)).toBe('2024-01-10');
    expect(r.slack[4]).toBe(1);
  });
});

describe('computeSchedule: the handbook plan', () => {
  it('finishes 2023-12-25 with both tasks critical', () => {
    const r = scheduled({
      tasks: [
        { start: day('2023-12-01'), end: day('2023-12-10') }, // 联合促销活动策划, 张三
        { start: day('2023-12-11'), end: day('2023-12-25') }, // 市场推广, 李四, after 活动策划完成
      ],
      links: [{ from: 0, to: 1, type: 'FS', lag: 0 }],
    });
    expect(iso(r.finish)).toBe('2023-12-25');
    expect(Array.from(r.critical)).toEqual([1, 1]);
    expect(Array.from(r.slack)).toEqual([0, 0]);
    expect(r.criticalPath).toEqual([0, 1]);
    expect([iso(r.earlyStart[1]!), iso(r.earlyFinish[1]!)]).toEqual(['2023-12-11', '2023-12-25']);
  });
});

describe('computeSchedule: cycles', () => {
  it.each<[string, [number, number][], number, number[]]>([
    ['a triangle', [[0, 1], [1, 2], [2, 0]], 3, [0, 1, 2]],
    ['a triangle entered from outside, with a task after it', [[3, 1], [1, 2], [2, 0], [0, 1], [2, 4]], 5, [0, 1, 2]],
    ['a cycle listed from its lowest task', [[3, 1], [1, 2], [2, 3]], 4, [1, 2, 3]],
    ['a task linked to itself', [[0, 1], [1, 1]], 2, [1]],
    ['two tasks linked both ways', [[0, 1], [1, 0]], 2, [0, 1]],
  ])('reports %s', (_name, pairs, n, cycle) => {
    const r = computeSchedule({
      tasks: Array.from({ length: n }, () => ({ start: 0, end: 0 })),
      links: pairs.map(([from, to]) => ({ from, to, type: 'FS', lag: 0 })),
    });
    expect(r).toEqual({ ok: false, error: { code: 'cycle', tasks: cycle } });
  });
});

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
