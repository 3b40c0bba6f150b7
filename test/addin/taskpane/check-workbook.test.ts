import { WorkbookChecker, localToday } from '../../../addin/taskpane/check-workbook';
import { OFFICE_READY_TIMEOUT_MS, detectHost } from '../../../addin/taskpane/detect-host';
import { readPeriod } from '../../../addin/taskpane/local-scorecard';
import { GridWorkbook } from '../helpers/grid-workbook';

const KPI = [
  ['KPI', '目标值', '权重', '维度'],
  ['转化率', 'abc', '100%', '客户'],
];

class CountingWorkbook extends GridWorkbook {
  markCalls: string[] = [];
  override async markCells(sheet: string, marks: Parameters<GridWorkbook['markCells']>[1]): Promise<void> {
    this.markCalls.push(sheet);
    return super.markCells(sheet, marks);
  }
}

describe('WorkbookChecker', () => {
  it('marks what the shared engine finds, in the pane’s language, and clears marks once fixed', async () => {
    const wb = new CountingWorkbook({ KPI, Notes: [['free text']] });
    const checker = new WorkbookChecker(wb, () => '2024-03-01');
    const first = await checker.check('zh-CN');
    expect(first.sheets).toEqual([{ name: 'KPI', kind: 'kpi' }]);
    expect(first.issues.map((i) => [i.cell, i.code])).toContainEqual(['B2', 'kpi.target-invalid']);
    expect(wb.marks.get('KPI')!.find((m) => m.cell === 'B2')).toMatchObject({ severity: 'error', message: expect.stringContaining('无法识别目标值“abc”') });
    // The first check marks every sheet once: that clears marks an earlier session left.
    expect(wb.markCalls).toEqual(['KPI', 'Notes']);

    wb.set('KPI', 'B2', '≥3%');
    const fixed = await checker.check('zh-CN', ['KPI']);
    expect(fixed.issues.filter((i) => i.sheet === 'KPI' && i.cell === 'B2')).toEqual([]);
    expect(wb.marks.get('KPI')!.some((m) => m.cell === 'B2')).toBe(false);
  });

  it('after an edit re-marks the edited sheet only (marks are formats and notes: they fire no change event)', async () => {
    const wb = new CountingWorkbook({ KPI, Notes: [['free text']] });
    const checker = new WorkbookChecker(wb, () => '2024-03-01');
    await checker.check('en-US');
    expect(wb.markCalls).toEqual(['KPI', 'Notes']);
    await checker.check('en-US', ['KPI']);
    await checker.check('en-US', ['KPI']);
    expect(wb.markCalls).toEqual(['KPI', 'Notes', 'KPI', 'KPI']);
    // A language switch changes the words: a fresh full check, every sheet marked once more.
    await checker.check('zh-CN', ['KPI']);
    expect(wb.markCalls).toEqual(['KPI', 'Notes', 'KPI', 'KPI', 'KPI', 'Notes']);
    expect(wb.marks.get('KPI')!.find((m) => m.cell === 'B2')?.message).toContain('无法识别目标值');
  });
});


describe('detectHost', () => {
  it('is a plain browser without office.js, with a host-less Office, or when Office never answers', async () => {
    expect(await detectHost({})).toEqual({ kind: 'browser' });
    expect(await detectHost({ Office: { onReady: async () => ({ host: null }) } })).toEqual({ kind: 'browser' });
  });

  it('stops waiting for a silent Office after OFFICE_READY_TIMEOUT_MS, not before (fake timers, no wall clock)', async () => {
    jest.useFakeTimers();
    try {
      let answer: unknown = null;
      void detectHost({ Office: { onReady: () => new Promise(() => undefined) } }).then((h) => (answer = h));
      await jest.advanceTimersByTimeAsync(OFFICE_READY_TIMEOUT_MS - 1);
      expect(answer).toBeNull();
      await jest.advanceTimersByTimeAsync(1);
      expect(answer).toEqual({ kind: 'browser' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('is Excel when Office.onReady says so, with Office’s display language', async () => {
    const office = { onReady: async () => ({ host: 'Excel' }), HostType: { Excel: 'Excel' }, context: { displayLanguage: 'zh-CN' } };
    expect(await detectHost({ Office: office })).toEqual({ kind: 'excel', displayLanguage: 'zh-CN' });
    expect(await detectHost({ Office: { ...office, onReady: async () => ({ host: 'Word' }) } })).toEqual({ kind: 'browser' });
  });
});

describe('the period field', () => {
  it.each([
    ['', undefined],
    ['2024年3月', '2024-03'],
    [' 2024-q1 ', '2024-Q1'],
  ])('%j → %j', (text, period) => {
    expect(readPeriod(text)).toEqual({ ok: true, value: period });
  });

  it('refuses what is not a period', () => {
    expect(readPeriod('last month')).toEqual({ ok: false, error: { kind: 'bad-period' } });
  });
});

it('localToday is the local calendar date', () => {
  expect(localToday(new Date(2024, 2, 5, 23, 59))).toBe('2024-03-05');
});
