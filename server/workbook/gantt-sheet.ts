import type ExcelJS from 'exceljs';
import type { PlanCalendar } from '../../shared/kinds/gantt/types';
import type { Locale } from '../../shared/i18n/locale';
import { dayNumber, fromDayNumber, weekday } from '../../shared/parse/date';
import { dayToSerial } from '../../shared/parse/excel-number';
import { columnLetters } from '../../shared/table/address';
import { cellText } from './xlsx-text';

/**
 * What the Gantt sheet shows: the scheduled tasks (shared/kinds/gantt/schedule-plan's
 * PlanSchedule fits as it is). Bars run from each task's early start to its early finish, the
 * dates the critical-path schedule gives it.
 */
export interface PlanForSheet {
  readonly tasks: readonly {
    readonly task: string;
    readonly owner: string;
    /** 'YYYY-MM-DD' */
    readonly earlyStart: string;
    readonly earlyFinish: string;
    /** In the plan's days (working days with a working calendar). */
    readonly slack: number;
    readonly critical: boolean;
  }[];
  readonly calendar: PlanCalendar;
}

/** One column per day, up to this many: a plan of several years would make a sheet nobody scrolls. */
export const MAX_GRID_DAYS = 366;

const FIRST_GRID_COL = 7; // A–F: task, owner, start, end, slack, critical

interface GanttLabels {
  readonly sheet: string;
  readonly headers: readonly [string, string, string, string, string, string];
  readonly workingSlack: string;
  readonly capped: (days: number, last: string, finish: string) => string;
}

const LABELS: Readonly<Record<Locale, GanttLabels>> = {
  'zh-CN': {
    sheet: '甘特图',
    headers: ['任务', '负责人', '开始', '结束', '浮动(天)', '关键'],
    workingSlack: '浮动(工作日)',
    capped: (days, last, finish) => `甘特图只画出前 ${days} 天（至 ${last}），计划完工日期为 ${finish}。`,
  },
  'en-US': {
    sheet: 'Gantt',
    headers: ['Task', 'Owner', 'Start', 'End', 'Slack (days)', 'Critical'],
    workingSlack: 'Slack (working days)',
    capped: (days, last, finish) => `The chart shows the first ${days} days (to ${last}); the plan finishes on ${finish}.`,
  },
};

const CRITICAL_MARK = '✓';
const HEADER: Partial<ExcelJS.Style> = {
  font: { bold: true, color: { argb: 'FF1F3864' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  alignment: { vertical: 'middle' },
};
const DAY_HEADER: Partial<ExcelJS.Style> = { ...HEADER, numFmt: 'm/d', alignment: { textRotation: 90, horizontal: 'center' } };
const DATE: Partial<ExcelJS.Style> = { numFmt: 'yyyy-mm-dd' };
const CENTERED: Partial<ExcelJS.Style> = { alignment: { horizontal: 'center' } };
const NONE: Partial<ExcelJS.Style> = {};

/** A conditional-format fill (dxf: Excel paints a solid pattern with bgColor). */
function fill(argb: string): Partial<ExcelJS.Style> {
  return { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb } } };
}

/**
 * Adds and commits the Gantt sheet: one row per task (task, owner, start, end, slack, critical
 * ✓), then one column per day from the earliest start to the finish (at most MAX_GRID_DAYS; a
 * note under the tasks says when the grid stops early). Bars are conditional formats over the
 * grid that compare each column's date (row 1) with the row's start and end, so they follow the
 * dates if someone edits them: red for critical tasks, blue for the others; with working days,
 * weekends and holidays are shaded grey over the bars. Every cell is a primitive (text or
 * number): user text stays text.
 */
export function addGanttSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, plan: PlanForSheet, locale: Locale): void {
  const labels = LABELS[locale];
  const tasks = plan.tasks;
  // A loop, not Math.min(...spread): a 100k-task plan would exceed the arguments limit.
  let first = Infinity;
  let finish = -Infinity;
  for (const t of tasks) {
    first = Math.min(first, dayNumber(t.earlyStart));
    finish = Math.max(finish, dayNumber(t.earlyFinish));
  }
  const span = tasks.length > 0 ? finish - first + 1 : 0;
  const days = Math.min(span, MAX_GRID_DAYS);

  const sheet = workbook.addWorksheet(labels.sheet, {
    views: [{ state: 'frozen', xSplit: FIRST_GRID_COL - 1, ySplit: 1, topLeftCell: columnLetters(FIRST_GRID_COL - 1) + '2', activeCell: 'A2' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  // Widths go before the first row: the streaming writer emits <cols> with it.
  sheet.columns = [28, 14, 12, 12, 10, 8, ...new Array<number>(days).fill(3.2)].map((width) => ({ width }));

  const working = plan.calendar.kind === 'working';
  const headers: (string | number)[] = [...labels.headers];
  if (working) headers[4] = labels.workingSlack;
  for (let d = 0; d < days; d++) headers.push(dayToSerial(first + d));
  const head = sheet.addRow(headers);
  head.height = 44;
  for (let c = 1; c <= headers.length; c++) head.getCell(c).style = c < FIRST_GRID_COL ? HEADER : DAY_HEADER;
  head.commit();

  const styles = [NONE, NONE, DATE, DATE, NONE, CENTERED];
  for (const t of tasks) {
    const values: (string | number | undefined)[] = [
      cellText(t.task),
      t.owner === '' ? undefined : cellText(t.owner),
      dayToSerial(dayNumber(t.earlyStart)),
      dayToSerial(dayNumber(t.earlyFinish)),
      t.slack,
      t.critical ? CRITICAL_MARK : undefined,
    ];
    const row = sheet.addRow(values);
    values.forEach((v, i) => {
      if (v !== undefined) row.getCell(i + 1).style = styles[i]!;
    });
    row.commit();
  }

  if (span > days) {
    const note = sheet.addRow([]);
    note.commit();
    sheet.addRow([labels.capped(days, fromDayNumber(first + days - 1), fromDayNumber(finish))]).commit();
  }

  if (tasks.length > 0 && days > 0) {
    const firstCol = columnLetters(FIRST_GRID_COL - 1);
    const ref = `${firstCol}2:${columnLetters(FIRST_GRID_COL - 2 + days)}${tasks.length + 1}`;
    sheet.addConditionalFormatting({ ref, rules: barRules(firstCol, plan.calendar, first, days) });
  }
  sheet.commit();
}

/**
 * All rules in one element: LibreOffice draws only the first conditional-format element that
 * covers a cell. Formulas are relative to the range's top-left cell (row 2, first day column).
 */
function barRules(col: string, calendar: PlanCalendar, first: number, days: number): ExcelJS.ConditionalFormattingRule[] {
  const rules: ExcelJS.ExpressionRuleType[] = [];
  const inBar = `${col}$1>=$C2,${col}$1<=$D2`;
  if (calendar.kind === 'working') {
    rules.push({ type: 'expression', priority: 0, formulae: [`WEEKDAY(${col}$1,2)>5`], style: fill('FFD9D9D9') });
    // Holidays as serial numbers: short enough for Excel's formula limit even for a full year.
    const inGrid = calendar.holidays.map(dayNumber).filter((d) => d >= first && d < first + days && weekday(d) < 5);
    if (inGrid.length > 0) {
      const terms = inGrid.map((d) => `${col}$1=${dayToSerial(d)}`);
      rules.push({ type: 'expression', priority: 0, formulae: [anyOf(terms)], style: fill('FFD9D9D9') });
    }
  }
  rules.push({ type: 'expression', priority: 0, formulae: [`AND($F2<>"",${inBar})`], style: fill('FFE06666') });
  rules.push({ type: 'expression', priority: 0, formulae: [`AND(${inBar})`], style: fill('FF6FA8DC') });
  return rules.map((r, i) => ({ ...r, priority: i + 1 }));
}

/** Excel functions take at most 255 arguments; a longer OR makes Excel repair the file. */
const MAX_FUNCTION_ARGUMENTS = 255;

/** OR over the terms, nested so that no OR gets more arguments than Excel allows (366 days: two levels). */
function anyOf(terms: readonly string[]): string {
  if (terms.length === 1) return terms[0]!;
  if (terms.length <= MAX_FUNCTION_ARGUMENTS) return `OR(${terms.join(',')})`;
  const groups: string[] = [];
  for (let i = 0; i < terms.length; i += MAX_FUNCTION_ARGUMENTS) groups.push(anyOf(terms.slice(i, i + MAX_FUNCTION_ARGUMENTS)));
  return anyOf(groups);
}
