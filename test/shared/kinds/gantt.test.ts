import { localizeIssue } from '../../../shared/i18n/messages';
import type { Issue } from '../../../shared/issues/issue';
import { parseDependencies, parseLag, parseLinkType } from '../../../shared/kinds/gantt/links';
import { schedulePlan } from '../../../shared/kinds/gantt/schedule-plan';
import type { GanttPlan } from '../../../shared/kinds/gantt/types';
import type { CellValue } from '../../../shared/table/grid';
import { analyseWorkbook, type AnalyseOptions } from '../../../shared/workbook/analyse';
import { DEMO_GANTT_TABLE, HANDBOOK_GANTT_TABLE } from '../../../server/demo/handbook-tables';
import { grid } from '../../fixtures/grids';

type Rows = readonly (readonly CellValue[])[];

const HEADER = ['任务名称', '负责人', '开始时间', '结束时间', '依赖任务'];
const brief = (issues: readonly Issue[]) => issues.map((i) => [i.code, i.cell, i.severity]);

function analyse(rows: Rows, options: AnalyseOptions = {}) {
  return analyseWorkbook([{ name: '计划', rows: rows.map((r) => [...r]) }], options);
}

function planOf(rows: Rows, options: AnalyseOptions = {}): { plan: GanttPlan; issues: readonly Issue[] } {
  const a = analyse(rows, options);
  expect(a.sheets).toEqual([{ name: '计划', kind: 'gantt' }]);
  return { plan: a.records.plans[0]!, issues: a.issues };
}

function schedule(rows: Rows) {
  const { plan } = planOf(rows);
  const s = schedulePlan(plan);
  if (!s.ok) throw new Error(`not scheduled: ${JSON.stringify(s.error)}`);
  return s.value;
}

describe("the handbook's Gantt table (三(一)2)", () => {
  it('as printed: exactly one issue, the unknown dependency, naming the task probably meant', () => {
    const a = analyseWorkbook([grid('甘特图', HANDBOOK_GANTT_TABLE)], { today: '2030-01-01' });
    expect(a.sheets).toEqual([{ name: '甘特图', kind: 'gantt' }]);
    // Without a progress column nothing is judged overdue; 张三 and 李四 do not overlap.
    expect(a.issues).toEqual([
      { sheet: '甘特图', cell: 'E3', severity: 'error', code: 'gantt.dependency-unknown', params: { name: '活动策划完成', closest: '联合促销活动策划' } },
    ]);
    expect(localizeIssue(a.issues[0]!, 'zh-CN')).toMatchObject({
      message: '“活动策划完成”不是本计划中的任务。',
      suggestion: '您是否想写“联合促销活动策划”？',
    });
    expect(localizeIssue(a.issues[0]!, 'en-US').suggestion).toBe('Did you mean “联合促销活动策划”?');
  });

  it('corrected: finishes 2023-12-25 with both tasks critical and no slack', () => {
    const corrected = HANDBOOK_GANTT_TABLE.map((r) => r.map((v) => (v === '活动策划完成' ? '联合促销活动策划' : v)));
    const { issues } = planOf(corrected);
    expect(issues).toEqual([]);
    const s = schedule(corrected);
    expect(s.finish).toBe('2023-12-25');
    expect(s.criticalPath).toEqual(['联合促销活动策划', '市场推广']);
    expect(s.tasks.map((t) => [t.task, t.earlyStart, t.earlyFinish, t.lateStart, t.lateFinish, t.slack, t.critical])).toEqual([
      ['联合促销活动策划', '2023-12-01', '2023-12-10', '2023-12-01', '2023-12-10', 0, true],
      ['市场推广', '2023-12-11', '2023-12-25', '2023-12-11', '2023-12-25', 0, true],
    ]);
  });

  it('the demo plan: no issue, a three-task critical path, slack on the branches', () => {
    const { issues } = planOf(DEMO_GANTT_TABLE, { today: '2030-01-01' });
    expect(issues).toEqual([]);
    const s = schedule(DEMO_GANTT_TABLE);
    expect(s.criticalPath).toEqual(['联合促销活动策划', '市场推广', '效果复盘']);
    expect(s.finish).toBe('2023-12-28');
    expect(Object.fromEntries(s.tasks.map((t) => [t.task, t.slack]))).toEqual({
      联合促销活动策划: 0, 渠道谈判: 4, 物料设计: 7, 活动页面开发: 5, 市场推广: 0, 效果复盘: 0,
    });
  });
});

describe('recognition', () => {
  it.each<[string, string[]]>([
    ['Simplified', ['任务名称', '负责人', '开始日期', '结束日期', '前置任务']],
    ['Traditional', ['任務名稱', '負責人', '開始時間', '結束時間', '依賴任務']],
    ['English', ['Task', 'Owner', 'Start', 'Finish', 'Predecessors']],
  ])('reads %s headers, wherever the table starts', (_name, header) => {
    const a = analyseWorkbook([grid('P', [header, ['A', 'x', '2024-03-01', '2024-03-02', '-'], ['B', 'y', '2024-03-03', '2024-03-04', 'A']], { row: 2, col: 1 })]);
    expect(a.sheets).toEqual([{ name: 'P', kind: 'gantt' }]);
    expect(a.records.plans[0]!.links).toEqual([{ from: 0, to: 1, type: 'FS', lag: 0 }]);
    expect(a.issues).toEqual([]);
  });
});

describe('cells', () => {
  const H = [...HEADER, '进度', '类型', '延迟'];
  it.each<[string, CellValue[], string, string]>([
    ['a start that is not a date', ['A', 'x', '下周一', '2024-03-02', null, null, null, null], 'gantt.date-invalid', 'C2'],
    ['an end that is not a date', ['A', 'x', '2024-03-01', '2024-02-30', null, null, null, null], 'gantt.date-invalid', 'D2'],
    ['a start after the end', ['A', 'x', '2024-03-05', '2024-03-01', null, null, null, null], 'gantt.start-after-end', 'D2'],
    ['progress above 100%', ['A', 'x', '2024-03-01', '2024-03-02', null, '120%', null, null], 'gantt.progress-invalid', 'F2'],
    ['progress typed 150% (never read as 1.5 points)', ['A', 'x', '2024-03-01', '2024-03-02', null, '150%', null, null], 'gantt.progress-invalid', 'F2'],
    ['progress that is not a number', ['A', 'x', '2024-03-01', '2024-03-02', null, '一半', null, null], 'gantt.progress-invalid', 'F2'],
    ['an unknown link type', ['A', 'x', '2024-03-01', '2024-03-02', null, null, 'XS', null], 'gantt.link-type-invalid', 'G2'],
    ['a lag in hours', ['A', 'x', '2024-03-01', '2024-03-02', null, null, null, '4小时'], 'gantt.lag-invalid', 'H2'],
    ['a lag of half a day', ['A', 'x', '2024-03-01', '2024-03-02', null, null, null, 1.5], 'gantt.lag-invalid', 'H2'],
    ['a missing start', ['A', 'x', null, '2024-03-02', null, null, null, null], 'cell.required', 'C2'],
  ])('reports %s as an error at its cell', (_name, row, code, cell) => {
    const { issues } = planOf([H, row]);
    expect(brief(issues)).toEqual([[code, cell, 'error']]);
  });

  it('reads every progress form: 50%, 0.5, 50, and an empty cell as 0 when the column exists', () => {
    const { plan } = planOf([[...HEADER, '进度'], ['A', '', '2024-03-01', '2024-03-02', '', '50%'], ['B', '', '2024-03-01', '2024-03-02', '', 0.5], ['C', '', '2024-03-01', '2024-03-02', '', 50], ['D', '', '2024-03-01', '2024-03-02', '', null]]);
    expect(plan.tasks.map((t) => t.progress)).toEqual([0.5, 0.5, 0.5, 0]);
    expect(planOf([HEADER, ['A', '', '2024-03-01', '2024-03-02', '']]).plan.tasks[0]!.progress).toBeNull();
  });

  it('reports a task named twice (also across scripts)', () => {
    const { issues } = planOf([HEADER, ['开发', 'x', '2024-03-01', '2024-03-02', '-'], ['開發', 'y', '2024-03-03', '2024-03-04', '-']]);
    expect(issues).toEqual([expect.objectContaining({ code: 'row.duplicate-key', cell: 'A3', params: { key: '開發', first: 'A2' } })]);
  });
});

describe('dependency cells', () => {
  it.each<[string, CellValue, { name: string; type?: string; lag?: number }[]]>([
    ['none as "-"', '-', []],
    ['none as "—"', '—', []],
    ['none as 无', '无', []],
    ['none as "none"', 'None', []],
    ['empty', null, []],
    ['、', 'A、B', [{ name: 'A' }, { name: 'B' }]],
    ['full-width comma', 'A，B', [{ name: 'A' }, { name: 'B' }]],
    ['comma and semicolons', 'A, B; C；D', [{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D' }]],
    ['line breaks', 'A\nB\r\nC', [{ name: 'A' }, { name: 'B' }, { name: 'C' }]],
    ['names with spaces', 'Market launch, Design review', [{ name: 'Market launch' }, { name: 'Design review' }]],
    ['a type and lag after the name', '策划(SS+2)', [{ name: '策划', type: 'SS', lag: 2 }]],
    ['full-width brackets, a lead in days', '策划（FF-1天）', [{ name: '策划', type: 'FF', lag: -1 }]],
    ['a lag only', '策划(+3)', [{ name: '策划', lag: 3 }]],
    ['a type only, lower case', '策划(ss)', [{ name: '策划', type: 'SS' }]],
    ['brackets that are part of the name', '评审(第二轮)', [{ name: '评审(第二轮)' }]],
  ])('%s', (_name, cell, expected) => {
    expect(parseDependencies(cell).map(({ written: _w, ...rest }) => rest)).toEqual(expected);
  });

  it.each<[CellValue, string | null]>([
    ['FS', 'FS'], ['ss', 'SS'], [' FF ', 'FF'], ['SF', 'SF'], ['完成-开始', 'FS'], ['开始-开始(SS)', 'SS'], ['finish-to-finish', 'FF'], [null, 'FS'], ['', 'FS'],
    ['XS', null], ['开始-开始(FS)', null], ['FS SS', null],
  ])('link type %j → %j', (cell, expected) => {
    const r = parseLinkType(cell);
    expect(r.ok ? r.value : null).toBe(expected);
  });

  it.each<[CellValue, number | null]>([
    [2, 2], ['-1', -1], ['3天', 3], ['2d', 2], ['+2', 2], [null, 0], ['', 0], [1.5, null], ['2小时', null], ['abc', null],
  ])('lag %j → %j', (cell, expected) => {
    const r = parseLag(cell);
    expect(r.ok ? r.value : null).toBe(expected);
  });

  it('applies the row type and lag to every dependency except one written with its own', () => {
    const { plan, issues } = planOf([
      [...HEADER, '类型', '延迟'],
      ['A', '', '2024-03-01', '2024-03-05', '-', null, null],
      ['B', '', '2024-03-01', '2024-03-05', '-', null, null],
      ['C', '', '2024-03-03', '2024-03-09', 'A、B(FF+1)', 'SS', 2],
    ]);
    expect(plan.links).toEqual([
      { from: 0, to: 2, type: 'SS', lag: 2 },
      { from: 1, to: 2, type: 'FF', lag: 1 },
    ]);
    expect(issues).toEqual([]);
  });

  it('finds a task whose own name holds brackets, and a name written in another script', () => {
    const { plan, issues } = planOf([HEADER, ['评审(二)', '', '2024-03-01', '2024-03-02', '-'], ['發布', '', '2024-03-03', '2024-03-04', '评审(二)'], ['总结', '', '2024-03-05', '2024-03-06', '发布']]);
    expect(issues).toEqual([]);
    expect(plan.links).toEqual([
      { from: 0, to: 1, type: 'FS', lag: 0 },
      { from: 1, to: 2, type: 'FS', lag: 0 },
    ]);
  });

  it.each<[string, string[], string, string | null]>([
    ['a milestone word after the name', ['市场推广', '联合促销活动策划'], '活动策划完成', '联合促销活动策划'],
    ['the name with 完成 exactly', ['设计', '开发'], '设计完成', '设计'],
    // Plain similarity ties the two (and takes the first); the milestone reading decides.
    ['a milestone, beside a task that merely contains the words', ['市场推广完成报告', '市场推广'], '市场推广完成', '市场推广'],
    ['an English milestone', ['Design', 'Build'], 'Design done', 'Design'],
    ['a typo', ['用户调研', '开发'], '用护调研', '用户调研'],
    ['nothing close', ['设计', '开发'], '财务审批', null],
  ])('an unknown dependency: %s', (_name, tasks, dependency, closest) => {
    const rows: Rows = [HEADER, ['收尾', '', '2024-03-05', '2024-03-06', dependency], ...tasks.map((t) => [t, '', '2024-03-01', '2024-03-02', '-'])];
    const { issues } = planOf(rows);
    expect(issues).toEqual([expect.objectContaining({ code: 'gantt.dependency-unknown', cell: 'E2', params: { name: dependency, closest } })]);
  });
});

describe('cycles', () => {
  it('names the tasks of a circle, once, at the Depends-on cell of its topmost task', () => {
    const { issues } = planOf([
      HEADER,
      ['准备', '', '2024-03-01', '2024-03-02', '-'],
      ['A', '', '2024-03-01', '2024-03-02', 'C'],
      ['B', '', '2024-03-03', '2024-03-04', 'A、准备'],
      ['C', '', '2024-03-05', '2024-03-06', 'B'],
    ]);
    expect(issues).toEqual([{ sheet: '计划', cell: 'E3', severity: 'error', code: 'gantt.cycle', params: { path: ['A', 'B', 'C', 'A'] } }]);
    expect(localizeIssue(issues[0]!, 'en-US').message).toBe('These tasks wait for each other in a circle: A → B → C → A.');
  });

  it('reports every separate circle, and a task that waits for itself', () => {
    const { issues } = planOf([
      HEADER,
      ['A', '', '2024-03-01', '2024-03-02', 'B'],
      ['B', '', '2024-03-01', '2024-03-02', 'A'],
      ['C', '', '2024-03-01', '2024-03-02', 'C'],
      ['D', '', '2024-03-01', '2024-03-02', 'E'],
      ['E', '', '2024-03-01', '2024-03-02', 'D'],
    ]);
    expect(issues.map((i) => [i.code, i.cell, i.params])).toEqual([
      ['gantt.cycle', 'E2', { path: ['A', 'B', 'A'] }],
      ['gantt.cycle', 'E4', { path: ['C', 'C'] }],
      ['gantt.cycle', 'E5', { path: ['D', 'E', 'D'] }],
    ]);
  });

  it('and the schedule refuses the plan with the tasks of the circle', () => {
    const { plan } = planOf([HEADER, ['A', '', '2024-03-01', '2024-03-02', 'B'], ['B', '', '2024-03-01', '2024-03-02', 'A']]);
    expect(schedulePlan(plan)).toEqual({ ok: false, error: { code: 'cycle', tasks: ['A', 'B'] } });
  });
});

describe('links against the planned dates', () => {
  it('warns when a dependency lets a task start only after its planned start', () => {
    const { issues } = planOf([HEADER, ['设计', '', '2024-03-01', '2024-03-10', '-'], ['开发', '', '2024-03-08', '2024-03-20', '设计']]);
    expect(issues).toEqual([
      {
        sheet: '计划', cell: 'C3', severity: 'warning', code: 'gantt.link-violated',
        params: { task: '开发', planned: '2024-03-08', earliest: '2024-03-11', dependsOn: ['设计'] },
      },
    ]);
  });

  it('honours the lag: FS+2 after an end on the 10th allows the 13th', () => {
    const ok = planOf([[...HEADER, '延迟'], ['设计', '', '2024-03-01', '2024-03-10', '-', null], ['开发', '', '2024-03-13', '2024-03-20', '设计', 2]]);
    expect(ok.issues).toEqual([]);
    const early = planOf([[...HEADER, '延迟'], ['设计', '', '2024-03-01', '2024-03-10', '-', null], ['开发', '', '2024-03-12', '2024-03-20', '设计', 2]]);
    expect(brief(early.issues)).toEqual([['gantt.link-violated', 'C3', 'warning']]);
  });
});

describe('overdue tasks', () => {
  const rows: Rows = [
    [...HEADER, '进度'],
    ['已完成', '甲', '2024-03-01', '2024-03-05', '-', '100%'],
    ['进行中', '乙', '2024-03-01', '2024-03-05', '-', '60%'],
    ['未开始', '丙', '2024-03-01', '2024-03-09', '-', null],
    ['今天结束', '丁', '2024-03-01', '2024-03-10', '-', '10%'],
  ];

  it('are tasks that ended before today and are not done, as warnings at their end cell', () => {
    const { issues } = planOf(rows, { today: '2024-03-10' });
    expect(issues.map((i) => [i.code, i.cell, i.severity, i.params])).toEqual([
      ['gantt.overdue', 'D3', 'warning', { task: '进行中', end: '2024-03-05', daysLate: 5, progress: 0.6 }],
      ['gantt.overdue', 'D4', 'warning', { task: '未开始', end: '2024-03-09', daysLate: 1, progress: 0 }],
    ]);
    expect(localizeIssue(issues[0]!, 'zh-CN').message).toBe('“进行中”应于 2024-03-05 结束（已逾期 5 天），目前完成 60%。');
  });

  it('are not judged when the caller gives no today (shared code has no clock)', () => {
    expect(planOf(rows).issues).toEqual([]);
  });

  it('are not judged without a progress column (progress unknown)', () => {
    expect(planOf([HEADER, ['A', '', '2024-03-01', '2024-03-05', '-']], { today: '2030-01-01' }).issues).toEqual([]);
  });
});

describe('owners booked on overlapping tasks', () => {
  it('warn once per pair, at the owner cell of the later row', () => {
    const { issues } = planOf([
      HEADER,
      ['A', '张三', '2024-03-01', '2024-03-10', '-'],
      ['B', '李四、张三', '2024-03-10', '2024-03-12', '-'],
      ['C', '张三', '2024-03-11', '2024-03-11', '-'],
      ['D', '张三', '2024-03-13', '2024-03-15', '-'], // starts the day after B ends: no overlap
      ['E', '李四', '2024-03-01', '2024-03-02', '-'],
    ]);
    expect(issues.map((i) => [i.code, i.cell, i.params])).toEqual([
      ['gantt.owner-overlap', 'B3', { owner: '张三', task: 'B', other: 'A', from: '2024-03-10', to: '2024-03-10' }],
      ['gantt.owner-overlap', 'B4', { owner: '张三', task: 'C', other: 'B', from: '2024-03-11', to: '2024-03-11' }],
    ]);
    expect(localizeIssue(issues[0]!, 'en-US').message).toBe('张三 is booked on “B” and “A” at the same time (2024-03-10 to 2024-03-10).');
  });
});

describe('working days', () => {
  // 2023-12-29 is a Friday; 12-30/31 the weekend; 2024-01-01 (Monday) a holiday.
  const tasks: Rows = [
    HEADER,
    ['跨年准备', '甲', '2023-12-29', '2024-01-02', '-'],
    ['上线', '乙', '2024-01-03', '2024-01-05', '跨年准备'],
    ['宣传', '丙', '2023-12-29', '2023-12-29', '-'],
  ];

  it.each<[string, Rows]>([
    ['Chinese, in one cell each', [['日历：工作日', null, '节假日：2024-01-01'], []]],
    ['English, label and value in neighbouring cells', [['Calendar', 'working days'], ['Holidays', '2024-01-01']]],
    ['full-width colon, a one-day range', [['日历：工作日（周一至周五）'], ['節假日', '2024-01-01~2024-01-01']]],
    ['both labels on one row, values to their right', [['Calendar', 'working days', 'Holidays', '2024-01-01']]],
    ['holidays spread over cells, one a serial date number', [['日历', '工作日'], ['节假日', 45292, '2024-05-01']]],
  ])('%s: a plan across a weekend and a holiday counts working days', (_name, above) => {
    const rows = [...above, ...tasks];
    const { plan, issues } = planOf(rows);
    expect(issues).toEqual([]);
    expect(plan.calendar.kind).toBe('working');
    expect(plan.calendar.kind === 'working' && plan.calendar.holidays[0]).toBe('2024-01-01');
    const s = schedule(rows);
    // 跨年准备: Friday and Tuesday = 2 working days; 上线: Wed–Fri; finish Friday 01-05.
    expect(s.finish).toBe('2024-01-05');
    expect(s.criticalPath).toEqual(['跨年准备', '上线']);
    const byName = Object.fromEntries(s.tasks.map((t) => [t.task, t]));
    expect(byName['跨年准备']).toMatchObject({ earlyStart: '2023-12-29', earlyFinish: '2024-01-02', slack: 0, critical: true });
    expect(byName['上线']).toMatchObject({ earlyStart: '2024-01-03', earlyFinish: '2024-01-05', slack: 0 });
    // One working day of work that may slip to the finish: Fri 12-29 … Fri 01-05 is 4 working days later.
    expect(byName['宣传']).toMatchObject({ lateStart: '2024-01-05', lateFinish: '2024-01-05', slack: 4, critical: false });
  });

  it('the same plan in calendar days finishes differently', () => {
    const s = schedule(tasks);
    expect(s.finish).toBe('2024-01-05');
    expect(s.tasks.find((t) => t.task === '宣传')!.slack).toBe(7);
  });

  it.each<[string, Rows, [string, string, string][]]>([
    ['an unknown calendar', [['日历：双休']], [['gantt.calendar-invalid', 'A1', 'error']]],
    ['a holiday that is no date', [['日历：工作日', '节假日：元旦、2024-02-10']], [['gantt.holiday-invalid', 'B1', 'error']]],
    ['a range too long', [['日历：工作日', '节假日：2024-01-01~2026-01-01']], [['gantt.holiday-invalid', 'B1', 'error']]],
    ['holidays with calendar days', [['节假日：2024-01-01、2024-02-10']], [['gantt.holidays-ignored', 'A1', 'warning']]],
  ])('%s', (_name, above, expected) => {
    expect(brief(planOf([...above, ...tasks]).issues)).toEqual(expected);
  });

  it('a title above the table is not a calendar', () => {
    expect(planOf([['Calendar days of the spring campaign'], ...tasks]).plan.calendar).toEqual({ kind: 'calendar' });
  });
});
