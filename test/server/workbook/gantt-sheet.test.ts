import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { addGanttSheet, MAX_GRID_DAYS, type PlanForSheet } from '../../../server/workbook/gantt-sheet';
import type { Locale } from '../../../shared/i18n/locale';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gantt-sheet-'));

interface ReadRule {
  type: string;
  priority: number;
  formulae?: string[];
  style?: { fill?: { bgColor?: { argb?: string } } };
}
/** exceljs reads conditional formats back but does not declare them on Worksheet. */
type WithConditionalFormats = ExcelJS.Worksheet & { conditionalFormattings: { ref: string; rules: ReadRule[] }[] };

async function roundTrip(plan: PlanForSheet, locale: Locale, name: string): Promise<WithConditionalFormats> {
  const file = path.join(dir, name);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  addGanttSheet(workbook, plan, locale);
  await workbook.commit();
  const read = new ExcelJS.Workbook();
  await read.xlsx.readFile(file);
  expect(read.worksheets).toHaveLength(1);
  return read.worksheets[0] as WithConditionalFormats;
}

const utc = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

// 2023-12-29 is a Friday; 2024-01-01 a Monday and a holiday.
const WORKING: PlanForSheet = {
  calendar: { kind: 'working', holidays: ['2024-01-01'] },
  tasks: [
    { task: '跨年准备', owner: '张三', earlyStart: '2023-12-29', earlyFinish: '2024-01-02', slack: 0, critical: true },
    { task: '=HYPERLINK("http://x","点我")', owner: '', earlyStart: '2024-01-03', earlyFinish: '2024-01-04', slack: 1, critical: false },
  ],
};

describe('addGanttSheet', () => {
  it('writes one row per task with real dates, then one column per day from the first start to the finish', async () => {
    const sheet = await roundTrip(WORKING, 'zh-CN', 'working.xlsx');
    expect(sheet.name).toBe('甘特图');
    const header = sheet.getRow(1).values as unknown[];
    expect(header.slice(1, 7)).toEqual(['任务', '负责人', '开始', '结束', '浮动(工作日)', '关键']);
    // 12-29 … 01-04: seven day columns, G to M, each a date.
    expect(header.slice(7)).toEqual(['2023-12-29', '2023-12-30', '2023-12-31', '2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'].map(utc));
    expect(sheet.columnCount).toBe(13);

    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['跨年准备', '张三', utc('2023-12-29'), utc('2024-01-02'), 0, '✓']);
    expect(sheet.getCell('C2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.rowCount).toBe(3);
  });

  it('keeps user text as text: a formula-looking task name is a string, not a formula or a link', async () => {
    const sheet = await roundTrip(WORKING, 'en-US', 'text.xlsx');
    const cell = sheet.getCell('A3');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x","点我")');
    expect(sheet.getCell('B3').value).toBeNull();
    expect(sheet.getCell('F3').value).toBeNull(); // not critical: no mark
  });

  it('draws bars with conditional-format expressions over the grid: weekends and holidays, then critical red, then blue', async () => {
    const sheet = await roundTrip(WORKING, 'en-US', 'rules.xlsx');
    expect(sheet.conditionalFormattings).toHaveLength(1); // one element: LibreOffice draws only the first
    const [cf] = sheet.conditionalFormattings;
    expect(cf!.ref).toBe('G2:M3');
    expect(cf!.rules.map((r) => [r.type, r.priority, r.formulae, r.style?.fill?.bgColor?.argb])).toEqual([
      ['expression', 1, ['WEEKDAY(G$1,2)>5'], 'FFD9D9D9'],
      ['expression', 2, ['G$1=45292'], 'FFD9D9D9'], // 2024-01-01
      ['expression', 3, ['AND($F2<>"",G$1>=$C2,G$1<=$D2)'], 'FFE06666'],
      ['expression', 4, ['AND(G$1>=$C2,G$1<=$D2)'], 'FF6FA8DC'],
    ]);
    // No static fills in the grid: the bars are the rules.
    expect(sheet.getCell('G2').value).toBeNull();
    expect(sheet.getCell('G2').fill).toBeUndefined();
  });

  it('shades no weekend when the plan counts calendar days, and labels slack in days', async () => {
    const sheet = await roundTrip({ ...WORKING, calendar: { kind: 'calendar' } }, 'en-US', 'calendar.xlsx');
    expect(sheet.getCell('E1').value).toBe('Slack (days)');
    expect(sheet.conditionalFormattings[0]!.rules.map((r) => r.formulae?.[0])).toEqual(['AND($F2<>"",G$1>=$C2,G$1<=$D2)', 'AND(G$1>=$C2,G$1<=$D2)']);
  });

  it(`stops the grid at ${MAX_GRID_DAYS} days and says so under the tasks`, async () => {
    const plan: PlanForSheet = {
      calendar: { kind: 'calendar' },
      tasks: [{ task: 'Long', owner: 'Ann', earlyStart: '2024-01-01', earlyFinish: '2025-06-30', slack: 0, critical: true }],
    };
    const sheet = await roundTrip(plan, 'en-US', 'capped.xlsx');
    expect(sheet.columnCount).toBe(6 + MAX_GRID_DAYS);
    expect(sheet.getRow(1).getCell(6 + MAX_GRID_DAYS).value).toEqual(utc('2024-12-31'));
    expect(sheet.getCell('A4').value).toBe('The chart shows the first 366 days (to 2024-12-31); the plan finishes on 2025-06-30.');
    expect(sheet.conditionalFormattings[0]!.ref).toBe(`G2:NH2`);
  });

  it('writes a header and no grid for a plan without tasks', async () => {
    const sheet = await roundTrip({ calendar: { kind: 'calendar' }, tasks: [] }, 'zh-CN', 'empty.xlsx');
    expect(sheet.rowCount).toBe(1);
    expect(sheet.columnCount).toBe(6);
    expect(sheet.conditionalFormattings ?? []).toEqual([]);
  });
});
