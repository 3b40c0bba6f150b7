import { startCheckLoop, CELL_EDIT_RETRY_MS, CHECK_DEBOUNCE_MS, type CheckLoop } from '../../../addin/check/check-loop';
import { SheetChecker, type CheckResult } from '../../../addin/check/check-sheet';
import { MARK_COLORS } from '../../../addin/excel';
import { FakeExcelError } from '../../../addin/excel-fake';
import { paneChecker } from '../../../addin/taskpane/check-workbook';
import type { WorkbookPort } from '../../../addin/workbook-port';
import { excelWith } from '../excel/fixtures';
import { HandTimers } from '../../fixtures/hand-timers';

/**
 * The pane's one checking path (check-loop.ts, what use-checks.ts shows): a full check at
 * start, a debounced check after edits, unreadable sheets listed, and Excel's cell-edit-mode
 * refusal taken as "ask again shortly", on the strict fake through the real adapter.
 */

const KPI = [
  ['KPI', '目标值', '权重', '维度'],
  ['转化率', '≥3%', { value: 1, numberFormat: '0%' }, '客户'],
];

interface Seen {
  readonly results: CheckResult[];
  readonly errors: unknown[];
  readonly running: boolean[];
}

function watch(port: WorkbookPort, checker: SheetChecker, timers: HandTimers): { loop: CheckLoop; seen: Seen } {
  const seen: Seen = { results: [], errors: [], running: [] };
  const loop = startCheckLoop(
    port,
    checker,
    { onResult: (r) => seen.results.push(r), onError: (e) => seen.errors.push(e), onRunning: (r) => seen.running.push(r) },
    { timers },
  );
  return { loop, seen };
}

/** Lets the subscription and the first check settle. */
async function settle(loop: CheckLoop): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await loop.idle();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the check loop (the pane’s checking path)', () => {
  it('checks the workbook at start, then after a pause in typing, once for a burst of edits, and marks what the user typed', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', KPI);
    const timers = new HandTimers();
    const { loop, seen } = watch(port, paneChecker(port, 'zh-CN', () => '2024-06-01'), timers);
    await settle(loop);
    expect(seen.results).toHaveLength(1);
    expect(seen.results[0]!.issues).toEqual([]);
    expect(seen.running).toEqual([true, false]);

    await fake.userEdit('KPI', 'D2', '客');
    await fake.userEdit('KPI', 'D2', '客户维');
    await fake.userEdit('KPI', 'D2', '不知道');
    expect(timers.delays()).toEqual([CHECK_DEBOUNCE_MS]);
    expect(seen.results).toHaveLength(1);

    timers.fireAll();
    await settle(loop);
    expect(seen.results).toHaveLength(2);
    expect(seen.results[1]!.issues.map((i) => `${i.cell} ${i.code}`)).toEqual(['D2 kpi.perspective-invalid']);
    expect(fake.view.cell('KPI', 'D2').fill).toBe(MARK_COLORS.error);
    expect(seen.errors).toEqual([]);
    loop.stop();
  });

  it('lists a sheet it could not read, with Excel’s code, beside the issues of the others', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', [
      ['KPI', '目标值', '权重', '维度'],
      ['转化率', 'abc', { value: 1, numberFormat: '0%' }, '客户'],
    ]);
    fake.addSheet('Plan', [['任务名称', '开始时间', '结束时间']]);
    // Excel refuses to read the plan (a protected or corrupt sheet answers InvalidOperation).
    const refusing: WorkbookPort = Object.assign(Object.create(port) as WorkbookPort, {
      checkSheet: (sheet: string, analyse: Parameters<NonNullable<WorkbookPort['checkSheet']>>[1]) =>
        sheet === 'Plan' ? Promise.reject(new FakeExcelError('InvalidOperation', 'refused')) : port.checkSheet(sheet, analyse),
    });
    const timers = new HandTimers();
    const { loop, seen } = watch(refusing, paneChecker(refusing, 'en-US'), timers);
    await settle(loop);
    const result = seen.results.at(-1)!;
    expect(result.unreadable).toEqual([{ sheet: 'Plan', reason: 'refused', code: 'InvalidOperation' }]);
    expect(result.issues.map((i) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual(['KPI!B2 kpi.target-invalid']);
    // Unreadable is a fact about this check, not an error of the pane: no retry, no error message.
    expect(timers.delays()).toEqual([]);
    expect(seen.errors).toEqual([]);
    loop.stop();
  });

  it('while the user is typing in a cell, asks Excel again 2 s later instead of failing, and checks once they leave it', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', [
      ['KPI', '目标值', '权重', '维度'],
      ['转化率', 'abc', { value: 1, numberFormat: '0%' }, '客户'],
    ]);
    fake.userEntersCell();
    const timers = new HandTimers();
    const { loop, seen } = watch(port, paneChecker(port, 'en-US'), timers);
    await settle(loop);
    // Refused (every request fails in Edit mode): no result, no error shown, a retry due.
    expect(fake.runs.flatMap((r) => r.failures)).toContain('InvalidOperationInCellEditMode');
    expect(seen.results).toEqual([]);
    expect(seen.errors).toEqual([]);
    // The check and the subscription to change events (a request too) are both asked again.
    expect(timers.delays()).toEqual([CELL_EDIT_RETRY_MS, CELL_EDIT_RETRY_MS]);

    // Still typing at the first retry: asked again later.
    timers.fireAll();
    await settle(loop);
    expect(seen.results).toEqual([]);
    expect(timers.delays()).toEqual([CELL_EDIT_RETRY_MS, CELL_EDIT_RETRY_MS]);

    fake.userLeavesCell();
    timers.fireAll();
    await settle(loop);
    expect(seen.results).toHaveLength(1);
    expect(seen.results[0]!.issues.map((i) => i.code)).toEqual(['kpi.target-invalid']);
    expect(fake.view.cell('KPI', 'B2').fill).toBe(MARK_COLORS.error);
    expect(seen.errors).toEqual([]);
    expect(timers.delays()).toEqual([]);
    loop.stop();
  });

  it('takes a sheet refused for cell-edit mode as busy, not unreadable: its last issues stay listed and it is read again shortly', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', [
      ['KPI', '目标值', '权重', '维度'],
      ['转化率', 'abc', { value: 1, numberFormat: '0%' }, '客户'],
    ]);
    let editing = false;
    const sometimesBusy: WorkbookPort = Object.assign(Object.create(port) as WorkbookPort, {
      checkSheet: (sheet: string, analyse: Parameters<NonNullable<WorkbookPort['checkSheet']>>[1]) =>
        editing ? Promise.reject(new FakeExcelError('InvalidOperationInCellEditMode', 'editing')) : port.checkSheet(sheet, analyse),
    });
    const timers = new HandTimers();
    const { loop, seen } = watch(sometimesBusy, paneChecker(sometimesBusy, 'en-US'), timers);
    await settle(loop);
    expect(seen.results).toHaveLength(1);

    editing = true;
    await fake.userEdit('KPI', 'A2', 'Conversion');
    timers.fireAll();
    await settle(loop);
    const busy = seen.results.at(-1)!;
    expect(busy.busy).toEqual(['KPI']);
    expect(busy.unreadable).toEqual([]);
    expect(busy.issues.map((i) => i.code)).toEqual(['kpi.target-invalid']);
    expect(timers.delays()).toEqual([CELL_EDIT_RETRY_MS]);

    editing = false;
    timers.fireAll();
    await settle(loop);
    expect(seen.results.at(-1)!.busy).toEqual([]);
    expect(seen.errors).toEqual([]);
    loop.stop();
  });

  it('reports the refusal once it has lasted a minute of retries', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', KPI);
    fake.userEntersCell();
    const timers = new HandTimers();
    const seen: unknown[] = [];
    const loop = startCheckLoop(port, new SheetChecker(port, { locale: 'en-US' }), { onResult: () => undefined, onError: (e) => seen.push(e) }, { timers, maxRetries: 2 });
    await settle(loop);
    for (let i = 0; i < 2; i++) {
      timers.fireAll();
      await settle(loop);
    }
    // The check, and the change subscription it could not make either.
    expect(seen).toEqual([expect.objectContaining({ code: 'InvalidOperationInCellEditMode' }), expect.objectContaining({ code: 'InvalidOperationInCellEditMode' })]);
    expect(timers.delays()).toEqual([]);
    loop.stop();
  });

  it('holds checks back while suspended (the self-test) and checks what changed meanwhile when resumed', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', KPI);
    const timers = new HandTimers();
    const { loop, seen } = watch(port, paneChecker(port, 'en-US'), timers);
    await settle(loop);
    const resume = loop.suspend();
    await fake.userEdit('KPI', 'D2', 'nowhere');
    timers.fireAll();
    await settle(loop);
    expect(seen.results).toHaveLength(1);
    resume();
    await settle(loop);
    expect(seen.results).toHaveLength(2);
    expect(seen.results[1]!.issues.map((i) => `${i.cell} ${i.code}`)).toEqual(['D2 kpi.perspective-invalid']);
    loop.stop();
  });
});
