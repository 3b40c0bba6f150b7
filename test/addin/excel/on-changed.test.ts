import { SheetChecker, watchWorkbook, type CheckResult } from '../../../addin/check/check-sheet';
import type { Timers } from '../../../addin/check/debounce';
import { MARK_COLORS } from '../../../addin/excel';
import { excelWith } from './fixtures';

class HandTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, () => void>();
  setTimeout(fn: () => void): unknown {
    this.pending.set(this.next, fn);
    return this.next++;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fireAll(): void {
    const fns = [...this.pending.values()];
    this.pending.clear();
    for (const fn of fns) fn();
  }
}

describe('worksheet change events', () => {
  it('names the sheet and the address, and stops when removed', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', [['KPI']]);
    const seen: string[] = [];
    const stop = await port.onChanged((sheet, address) => seen.push(`${sheet}!${address}`));
    await fake.userEdit('KPI', 'C3', '≥3%');
    expect(seen).toEqual(['KPI!C3']);

    stop();
    await fake.idle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.handlerCount).toBe(0);
    await fake.userEdit('KPI', 'C4', 'x');
    expect(seen).toEqual(['KPI!C3']);
  });

  it('subscribes to nothing where Excel has no change events', async () => {
    const { fake, port } = excelWith({ apiVersion: '1.6' });
    fake.addSheet('KPI', [['KPI']]);
    const stop = await port.onChanged(() => undefined);
    expect(fake.runs).toEqual([]);
    stop();
  });

  it('checks after a pause in typing, once for a burst of edits, and marks what the user typed', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', [
      ['KPI', '目标值', '权重', '维度'],
      ['转化率', '≥3%', { value: 1, numberFormat: '0%' }, '客户'],
    ]);
    const timers = new HandTimers();
    const checker = new SheetChecker(port, { locale: 'zh-CN' });
    const results: CheckResult[] = [];
    const watch = await watchWorkbook(port, checker, (r) => results.push(r), (e) => {
      throw e;
    }, { timers });

    await fake.userEdit('KPI', 'D2', '客');
    await fake.userEdit('KPI', 'D2', '客户维');
    await fake.userEdit('KPI', 'D2', '不知道');
    expect(timers.pending.size).toBe(1);
    expect(results).toEqual([]);

    fake.resetStats();
    timers.fireAll();
    await checkerIdle(checker);
    expect(results).toHaveLength(1);
    expect(results[0]!.issues.map((i) => `${i.cell} ${i.code}`)).toEqual(['D2 kpi.perspective-invalid']);
    expect(fake.view.cell('KPI', 'D2').fill).toBe(MARK_COLORS.error);
    watch.stop();
  });

  it('selects the cell the pane lists, on its sheet', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('A', [['x']]);
    fake.addSheet('KPI', [['KPI']]);
    await port.selectCell('KPI', 'C7');
    expect(fake.view.selection()).toEqual({ sheet: 'KPI', address: 'C7' });
    expect(fake.view.activeSheet()).toBe('KPI');
  });
});

/** The watch hands its check to the checker's queue; a check queued after it finishes after it. */
async function checkerIdle(checker: SheetChecker): Promise<void> {
  await checker.checkAll();
}
