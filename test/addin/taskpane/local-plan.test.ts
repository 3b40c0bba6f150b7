import { barsOf, computeLocalPlans } from '../../../addin/taskpane/local-plan';
import { HANDBOOK_GANTT_TABLE } from '../../../server/demo/handbook-tables';
import { GridWorkbook } from '../../fixtures/grid-workbook';

/** The Plan view's schedule, computed from the workbook's sheets as the CLI's `plan` does. */
describe('computeLocalPlans', () => {
  const PLAN = [
    ['任务名称', '负责人', '开始时间', '结束时间', '依赖任务'],
    ['联合促销活动策划', '张三', '2023-12-01', '2023-12-10', '-'],
    ['市场推广', '李四', '2023-12-11', '2023-12-25', '联合促销活动策划'],
    ['物料设计', '王五', '2023-12-01', '2023-12-05', '-'],
  ];

  it('schedules the plan: dates, slack, the critical path and the finish', async () => {
    const { plans } = await computeLocalPlans(new GridWorkbook({ 计划: PLAN }));
    expect(plans).toHaveLength(1);
    const outcome = plans[0]!;
    if (outcome.kind !== 'scheduled') throw new Error(outcome.kind);
    const s = outcome.schedule;
    expect(s.sheet).toBe('计划');
    expect(s.finish).toBe('2023-12-25');
    expect(s.criticalPath).toEqual(['联合促销活动策划', '市场推广']);
    // Design can start as late as 12-21 and still finish by the 25th: 20 days of slack.
    expect(s.tasks[2]).toMatchObject({ task: '物料设计', earlyStart: '2023-12-01', earlyFinish: '2023-12-05', lateStart: '2023-12-21', lateFinish: '2023-12-25', slack: 20, critical: false });
    expect(barsOf(s)).toEqual([
      { task: '联合促销活动策划', earlyStart: '2023-12-01', earlyFinish: '2023-12-10', critical: true },
      { task: '市场推广', earlyStart: '2023-12-11', earlyFinish: '2023-12-25', critical: true },
      { task: '物料设计', earlyStart: '2023-12-01', earlyFinish: '2023-12-05', critical: false },
    ]);
  });

  it('says which tasks form a circle instead of a schedule', async () => {
    const circle = [PLAN[0]!, ['A', '', '2024-01-01', '2024-01-02', 'B'], ['B', '', '2024-01-03', '2024-01-04', 'A']];
    const { plans } = await computeLocalPlans(new GridWorkbook({ Plan: circle }));
    expect(plans[0]).toMatchObject({ kind: 'cycle', sheet: 'Plan' });
    expect([...(plans[0] as { tasks: readonly string[] }).tasks].sort()).toEqual(['A', 'B']);
  });

  it('has no plan for a workbook without a Gantt sheet, and schedules the handbook’s own plan despite its unknown dependency', async () => {
    expect((await computeLocalPlans(new GridWorkbook({ Other: [['x']] }))).plans).toEqual([]);
    const { plans } = await computeLocalPlans(new GridWorkbook({ 甘特图: HANDBOOK_GANTT_TABLE.map((r) => [...r]) }));
    expect(plans[0]!.kind).toBe('scheduled');
  });
});
