import { BAR_COLORS } from '../../../addin/excel';
import { schedulePlan } from '../../../shared/kinds/gantt/schedule-plan';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import type { GanttBar } from '../../../addin/workbook-port';
import { excelWith, serialOf, syncsPerRun } from './fixtures';

const date = (iso: string) => ({ value: serialOf(iso), numberFormat: 'yyyy-mm-dd' });

function plan(fake: ReturnType<typeof excelWith>['fake']): void {
  fake.addSheet('Plan', [
    ['任务名称', '负责人', '开始时间', '结束时间', '依赖任务'],
    ['联合促销活动策划', '张三', date('2024-12-01'), date('2024-12-05'), '-'],
    ['物料设计', '李四', date('2024-12-06'), date('2024-12-10'), '联合促销活动策划'],
    ['渠道沟通', '王五', date('2024-12-06'), date('2024-12-07'), '联合促销活动策划'],
    ['活动上线', '张三', date('2024-12-11'), date('2024-12-12'), '物料设计、渠道沟通'],
  ]);
}

async function barsOf(port: ReturnType<typeof excelWith>['port']): Promise<GanttBar[]> {
  const analysis = analyseWorkbook([await port.readSheet('Plan')]);
  const schedule = schedulePlan(analysis.records.plans[0]!);
  if (!schedule.ok) throw new Error('no schedule');
  return schedule.value.tasks.map((t) => ({ task: t.task, earlyStart: t.earlyStart, earlyFinish: t.earlyFinish, critical: t.critical }));
}

describe('drawing the Gantt chart on the plan sheet', () => {
  it('draws a date header right of the plan and a bar per task, the critical path in red, in 3 syncs', async () => {
    const { fake, port } = excelWith();
    plan(fake);
    const bars = await barsOf(port);
    fake.resetStats();

    await port.drawGantt('Plan', bars, 'zh-CN');

    expect(syncsPerRun(fake)).toEqual([3]);
    // One empty column after the plan (E), dates from G: 12-01 … 12-12, one column a day.
    expect(fake.view.texts('Plan', 'G1:R1')[0]).toEqual(['12/1', '12/2', '12/3', '12/4', '12/5', '12/6', '12/7', '12/8', '12/9', '12/10', '12/11', '12/12']);
    expect(fake.view.cell('Plan', 'F1').value).toBe('');
    const fills = (row: number) => fake.view.texts('Plan', `G${row}:R${row}`)[0]!.map((_, i) => fake.view.cell('Plan', `${String.fromCharCode(71 + i)}${row}`).fill);
    const red = BAR_COLORS.critical;
    const blue = BAR_COLORS.normal;
    expect(fills(2)).toEqual([red, red, red, red, red, null, null, null, null, null, null, null]);
    expect(fills(3)).toEqual([null, null, null, null, null, red, red, red, red, red, null, null]);
    expect(fills(4)).toEqual([null, null, null, null, null, blue, blue, null, null, null, null, null]);
    expect(fills(5)).toEqual([null, null, null, null, null, null, null, null, null, null, red, red]);
  });

  it('leaves the drawing out of what readSheet reads, and clears it before drawing again', async () => {
    const { fake, port } = excelWith();
    plan(fake);
    const before = await port.readSheet('Plan');
    const bars = await barsOf(port);
    await port.drawGantt('Plan', bars, 'en-US');
    expect(await port.readSheet('Plan')).toEqual(before);

    // The plan moves a week later: the old bars go, the new ones come.
    await port.drawGantt('Plan', [{ task: '物料设计', earlyStart: '2024-12-11', earlyFinish: '2024-12-12', critical: false }], 'en-US');
    expect(fake.view.cell('Plan', 'G1').value).toBe(serialOf('2024-12-11'));
    expect(fake.view.cell('Plan', 'I1').value).toBe('');
    expect(fake.view.cell('Plan', 'G2').fill).toBeNull();
    expect(['G3', 'H3', 'I3'].map((a) => fake.view.cell('Plan', a).fill)).toEqual([BAR_COLORS.normal, BAR_COLORS.normal, null]);
    expect(fake.view.cell('Plan', 'L3').fill).toBeNull();
    expect(fake.view.cell('Plan', 'Q5').fill).toBeNull();
  });

  it('refuses a sheet that holds no plan', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Notes', [['hello']]);
    await expect(port.drawGantt('Notes', [], 'en-US')).rejects.toMatchObject({ code: 'not-a-plan' });
  });
});
