import {
  computeSchedule,
  type LinkType,
  type ScheduleInput,
  type ScheduleLink,
} from '../../../shared/engine/schedule';
import { day, iso, scheduled } from './schedule-harness';

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
