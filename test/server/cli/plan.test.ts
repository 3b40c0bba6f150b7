import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HANDBOOK_GANTT_TABLE, HANDBOOK_KPI_TABLE } from '../../../server/demo/handbook-tables';
import { writeDemoWorkbook } from '../../../server/demo/write-demo-workbook';
import { runCli } from '../../fixtures/cli';
import { writeWorkbook } from '../../fixtures/workbooks';

const dir = mkdtempSync(path.join(os.tmpdir(), 'plan-'));
const file = (name: string) => path.join(dir, name);
const HEADER = ['任务名称', '负责人', '开始时间', '结束时间', '依赖任务'];
const corrected = HANDBOOK_GANTT_TABLE.map((r) => r.map((v) => (v === '活动策划完成' ? '联合促销活动策划' : v)));

beforeAll(async () => {
  await writeDemoWorkbook(file('demo.xlsx'));
  await writeWorkbook(file('handbook.xlsx'), [{ name: '甘特图', rows: HANDBOOK_GANTT_TABLE, at: { row: 2, col: 0 } }]);
  await writeWorkbook(file('corrected.xlsx'), [
    { name: 'KPI', rows: HANDBOOK_KPI_TABLE }, // errors elsewhere do not stop the plan
    { name: '甘特图', rows: corrected },
  ]);
  await writeWorkbook(file('cycle.xlsx'), [
    { name: '计划', rows: [HEADER, ['A', '张三', '2024-03-01', '2024-03-02', 'C'], ['B', '李四', '2024-03-03', '2024-03-04', 'A'], ['C', '王五', '2024-03-05', '2024-03-06', 'B']] },
  ]);
  await writeWorkbook(file('progress.xlsx'), [
    { name: '计划', rows: [[...HEADER, '进度'], ['设计', '张三', '2024-03-01', '2024-03-05', '-', 0.5], ['开发', '张三', '2024-03-06', '2024-03-08', '设计', 0]] },
  ]);
  await writeWorkbook(file('working.xlsx'), [
    {
      name: 'Plan',
      rows: [
        ['Calendar', 'working days', 'Holidays', '2024-01-01'],
        [],
        ['Task', 'Owner', 'Start', 'End', 'Depends on'],
        ['Year-end prep', 'Ann', '2023-12-29', '2024-01-02', '-'],
        ['Launch', 'Bob', '2024-01-03', '2024-01-05', 'Year-end prep'],
        ['Promotion', 'Cy', '2023-12-29', '2023-12-29', '-'],
      ],
    },
  ]);
  await writeWorkbook(file('no-plan.xlsx'), [{ name: 'KPI', rows: HANDBOOK_KPI_TABLE }]);
  writeFileSync(file('notes.xlsx'), 'not a workbook');
});

describe('ops-scorecard plan', () => {
  it('prints the JSON of PRODUCT.md for the demo plan, exit 0', async () => {
    const run = await runCli(['plan', file('demo.xlsx'), '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['tasks', 'criticalPath', 'finish']);
    expect(Object.keys(json.tasks[0])).toEqual(['task', 'start', 'end', 'earlyStart', 'earlyFinish', 'lateStart', 'lateFinish', 'slack', 'critical']);
    expect(json.criticalPath).toEqual(['联合促销活动策划', '市场推广', '效果复盘']);
    expect(json.finish).toBe('2023-12-28');
    expect(json.tasks.find((t: { task: string }) => t.task === '物料设计')).toEqual({
      task: '物料设计', start: '2023-12-04', end: '2023-12-08', earlyStart: '2023-12-04', earlyFinish: '2023-12-08',
      lateStart: '2023-12-11', lateFinish: '2023-12-15', slack: 7, critical: false,
    });
  });

  it("the handbook's plan corrected: finish 2023-12-25, both tasks critical, slack 0", async () => {
    const run = await runCli(['plan', file('corrected.xlsx'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      tasks: [
        { task: '联合促销活动策划', start: '2023-12-01', end: '2023-12-10', earlyStart: '2023-12-01', earlyFinish: '2023-12-10', lateStart: '2023-12-01', lateFinish: '2023-12-10', slack: 0, critical: true },
        { task: '市场推广', start: '2023-12-11', end: '2023-12-25', earlyStart: '2023-12-11', earlyFinish: '2023-12-25', lateStart: '2023-12-11', lateFinish: '2023-12-25', slack: 0, critical: true },
      ],
      criticalPath: ['联合促销活动策划', '市场推广'],
      finish: '2023-12-25',
    });
  });

  it("the handbook's plan as printed: exit 1, the unknown dependency with the task meant, no schedule", async () => {
    const run = await runCli(['plan', file('handbook.xlsx'), '--json', '--lang', 'zh-CN']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      issues: [
        {
          sheet: '甘特图', cell: 'E5', severity: 'error', code: 'gantt.dependency-unknown',
          message: '“活动策划完成”不是本计划中的任务。', suggestion: '您是否想写“联合促销活动策划”？',
        },
      ],
    });
    const text = await runCli(['plan', file('handbook.xlsx'), '--lang', 'en-US']);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe('甘特图!E5  error  gantt.dependency-unknown  “活动策划完成” is not a task of this plan. → Did you mean “联合促销活动策划”?\n');
  });

  it('a cycle: exit 1, the tasks named, no schedule', async () => {
    const run = await runCli(['plan', file('cycle.xlsx'), '--lang', 'en-US']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('计划!E2  error  gantt.cycle  These tasks wait for each other in a circle: A → B → C → A.');
    expect(run.stdout).not.toContain('Critical path');
  });

  it('overdue tasks and owner overlaps are warnings on stderr as of --today; the JSON stays clean', async () => {
    const run = await runCli(['plan', file('progress.xlsx'), '--json', '--today', '2024-03-07', '--lang', 'en-US']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).finish).toBe('2024-03-08');
    expect(run.stderr).toContain('计划!D2  warning  gantt.overdue  “设计” should have ended on 2024-03-05 (2 days ago) and is 50% done.');
    expect(run.stderr).not.toContain('开发');
  });

  it('takes today from the machine by default: a plan of 2024 is overdue now', async () => {
    const run = await runCli(['plan', file('progress.xlsx'), '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('gantt.overdue');
  });

  it('a working-day plan across a weekend and a holiday, as a text table', async () => {
    const run = await runCli(['plan', file('working.xlsx'), '--lang', 'en-US']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Task\s+Owner\s+Start\s+End\s+Early start\s+Early finish\s+Late start\s+Late finish\s+Slack \(working days\)\s+Critical$/);
    expect(lines[1]).toMatch(/^Year-end prep\s+Ann\s+2023-12-29\s+2024-01-02\s+2023-12-29\s+2024-01-02\s+2023-12-29\s+2024-01-02\s+0\s+✓$/);
    expect(lines[3]).toMatch(/^Promotion\s+Cy\s+2023-12-29\s+2023-12-29\s+2023-12-29\s+2023-12-29\s+2024-01-05\s+2024-01-05\s+4$/);
    expect(run.stdout).toContain('Critical path: Year-end prep → Launch\nFinish: 2024-01-05\nCalendar: working days (Monday to Friday, less 1 holiday(s))\n');
  });

  it('speaks Chinese', async () => {
    const run = await runCli(['plan', file('demo.xlsx')], { LANG: 'zh_CN.UTF-8' });
    expect(run.stdout).toContain('关键路径：联合促销活动策划 → 市场推广 → 效果复盘\n完工日期：2023-12-28\n日历：日历日\n');
  });

  it.each<[string, string[], RegExp]>([
    ['a file that is not a workbook', ['plan', 'notes.xlsx'], /refused/i],
    ['a workbook without a Gantt sheet', ['plan', 'no-plan.xlsx', '--lang', 'en-US'], /no Gantt sheet/],
    ['a --sheet that is no Gantt sheet', ['plan', 'demo.xlsx', '--sheet', 'KPI'], /--sheet "KPI" is not a Gantt sheet.*"甘特图"/],
    ['a --today that is no date', ['plan', 'demo.xlsx', '--today', 'tomorrow'], /--today/],
    ['no file', ['plan'], /Usage: ops-scorecard/],
    ['an unknown option', ['plan', 'demo.xlsx', '--bogus'], /Usage: ops-scorecard/],
  ])('%s: exit 2', async (_name, args, stderr) => {
    const run = await runCli(args.map((a) => (a.endsWith('.xlsx') ? file(a) : a)));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(stderr);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('is listed in the usage text', async () => {
    const run = await runCli(['--help']);
    expect(run.stdout).toContain('plan FILE.xlsx [--json]');
  });
});
