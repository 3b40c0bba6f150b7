import fc from 'fast-check';
import {
  overdueTasks,
  ownerOverlaps,
  splitOwners,
  startAfterEnd,
  type PlanTaskFacts,
} from '../../../shared/engine/schedule-checks';

const day = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000;
};

/** The handbook's plan. */
const handbook: PlanTaskFacts[] = [
  { start: day('2023-12-01'), end: day('2023-12-10'), owner: '张三' },
  { start: day('2023-12-11'), end: day('2023-12-25'), owner: '李四' },
];

describe('overdueTasks', () => {
  const today = day('2023-12-20');
  it.each<[string, PlanTaskFacts, boolean]>([
    ['ended yesterday at 50%', { start: 0, end: today - 1, progress: 0.5 }, true],
    ['ended yesterday at 0%', { start: 0, end: today - 1, progress: 0 }, true],
    ['ended yesterday, done', { start: 0, end: today - 1, progress: 1 }, false],
    ['ended yesterday, over-reported 120%', { start: 0, end: today - 1, progress: 1.2 }, false],
    ['ends today at 10%', { start: 0, end: today, progress: 0.1 }, false],
    ['ended yesterday, progress unknown', { start: 0, end: today - 1 }, false],
    ['ended yesterday, progress null', { start: 0, end: today - 1, progress: null }, false],
  ])('%s → overdue %s', (_name, task, overdue) => {
    expect(overdueTasks([task], today).length).toBe(overdue ? 1 : 0);
  });

  it('says how many days late', () => {
    const tasks = [{ ...handbook[0]!, progress: 1 }, { ...handbook[1]!, progress: 0.8 }];
    expect(overdueTasks(tasks, day('2024-01-01'))).toEqual([{ task: 1, daysLate: 7 }]);
  });
});

describe('startAfterEnd', () => {
  it('finds tasks that end before they start, not one-day tasks', () => {
    expect(startAfterEnd([{ start: 5, end: 4 }, { start: 5, end: 5 }, { start: 1, end: 9 }, { start: 10, end: 2 }])).toEqual([0, 3]);
  });
});

describe('splitOwners', () => {
  it.each([
    ['张三', ['张三']],
    ['张三、李四', ['张三', '李四']],
    ['Ann Lee, Bob；Carol\nDan', ['Ann Lee', 'Bob', 'Carol', 'Dan']],
    ['张三 / 李四', ['张三', '李四']],
    ['-', []],
    ['', []],
  ])('%j → %j', (cell, owners) => {
    expect(splitOwners(cell)).toEqual(owners);
  });
});

describe('ownerOverlaps', () => {
  it('finds nothing in the handbook plan (two owners)', () => {
    expect(ownerOverlaps(handbook)).toEqual({ overlaps: [], truncated: false });
  });

  it('counts a shared last/first day as an overlap (ends inclusive)', () => {
    const tasks = [
      { start: 1, end: 10, owner: '张三' },
      { start: 10, end: 12, owner: ' 张 三' }, // same person, typed with stray spaces
      { start: 11, end: 11, owner: '李四' },
      { start: 13, end: 20, owner: '张三' },
    ];
    expect(ownerOverlaps(tasks).overlaps).toEqual([{ owner: '张三', a: 0, b: 1, from: 10, to: 10 }]);
  });

  it('checks each owner of a shared task, case-insensitively', () => {
    const tasks = [
      { start: 1, end: 5, owner: 'Ann, Bob' },
      { start: 3, end: 8, owner: 'bob' },
      { start: 4, end: 4, owner: 'ANN' },
    ];
    expect(ownerOverlaps(tasks).overlaps).toEqual([
      { owner: 'Ann', a: 0, b: 2, from: 4, to: 4 },
      { owner: 'Bob', a: 0, b: 1, from: 3, to: 5 },
    ]);
  });

  it('skips tasks that end before they start', () => {
    expect(ownerOverlaps([{ start: 1, end: 9, owner: 'A' }, { start: 9, end: 2, owner: 'A' }]).overlaps).toEqual([]);
  });

  it('stops at the limit and says so', () => {
    const tasks = Array.from({ length: 10 }, () => ({ start: 0, end: 9, owner: 'A' }));
    const r = ownerOverlaps(tasks, 20);
    expect(r.overlaps.length).toBe(20);
    expect(r.truncated).toBe(true);
    expect(ownerOverlaps(tasks, 45)).toMatchObject({ truncated: false });
  });

  it('agrees with comparing every pair (property)', () => {
    const taskArb = fc.record({
      start: fc.integer({ min: 0, max: 40 }),
      len: fc.integer({ min: -1, max: 8 }),
      owner: fc.constantFrom('A', 'a', 'B', 'C', 'A、B', '', '-'),
    });
    fc.assert(
      fc.property(fc.array(taskArb, { maxLength: 25 }), (raw) => {
        const tasks = raw.map((t) => ({ start: t.start, end: t.start + t.len, owner: t.owner }));
        const want: string[] = [];
        for (let i = 0; i < tasks.length; i++) {
          for (let j = i + 1; j < tasks.length; j++) {
            const x = tasks[i]!;
            const y = tasks[j]!;
            if (x.start > x.end || y.start > y.end) continue;
            const ox = new Set(splitOwners(x.owner).map((o) => o.toLowerCase()));
            for (const o of new Set(splitOwners(y.owner).map((s) => s.toLowerCase()))) {
              if (ox.has(o) && x.start <= y.end && y.start <= x.end) {
                want.push(`${o}:${i}-${j}:${Math.max(x.start, y.start)}-${Math.min(x.end, y.end)}`);
              }
            }
          }
        }
        const got = ownerOverlaps(tasks).overlaps.map((p) => `${p.owner.toLowerCase()}:${p.a}-${p.b}:${p.from}-${p.to}`);
        expect(got.sort()).toEqual(want.sort());
      }),
      { numRuns: 300 },
    );
  });

  it('handles a big plan without comparing every pair', () => {
    // 200k tasks, 2,000 owners, each owner's tasks one after another: no overlap at all.
    // Comparing every pair would be 2·10¹⁰ comparisons; the sweep is immediate.
    const tasks = Array.from({ length: 200_000 }, (_, i) => ({
      start: Math.floor(i / 2000) * 3,
      end: Math.floor(i / 2000) * 3 + 2,
      owner: `owner${i % 2000}`,
    }));
    const t0 = Date.now();
    expect(ownerOverlaps(tasks).overlaps).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
