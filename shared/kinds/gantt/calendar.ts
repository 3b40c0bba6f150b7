import { issue, type Issue } from '../../issues/issue';
import { dayNumber, fromDayNumber, parseDate } from '../../parse/date';
import { cellAddress } from '../../table/address';
import { isBlank, type CellValue, type SheetGrid } from '../../table/grid';
import { matchKey, normalizeText } from '../../text/normalize';
import type { PlanCalendar } from './types';

/** The syntax is documented with the columns, in spec.ts. */

const CALENDAR_LABEL = /^(?:日历|日曆|项目日历|項目日曆|计划日历|計劃日曆|calendar|project calendar|plan calendar)\s*(?::\s*(.*))?$/i;
const HOLIDAY_LABEL =
  /^(?:节假日|節假日|法定节假日|法定節假日|假日|假期|节日|節日|休息日|非工作日|holidays?|public holidays|non[- ]?working days)\s*(?::\s*(.*))?$/i;

const WORKING = new Set(['工作日', '工作日历', '工作日曆', '周一至周五', '週一至週五', '周一到周五', 'workingdays', 'workingday', 'workdays', 'businessdays', 'weekdays', 'mondaytofriday', 'montofri'].map(matchKey));
const CALENDAR = new Set(['日历日', '日曆日', '自然日', '每天', '全部日期', 'calendardays', 'calendarday', 'alldays', 'everyday'].map(matchKey));

/** A holiday range longer than this is a typo (2024-01-01~2042-01-01), not a holiday. */
const MAX_RANGE_DAYS = 366;

interface Located {
  readonly text: string;
  readonly value: CellValue;
  readonly cell: string;
}

/** The plan's calendar from the rows above its header, and the issues of those cells. */
export function readPlanCalendar(grid: SheetGrid, sheet: string, headerRow: number): { calendar: PlanCalendar; issues: Issue[] } {
  const issues: Issue[] = [];
  let kind: PlanCalendar['kind'] | null = null;
  let holidayCell: string | null = null;
  const holidays = new Set<number>();

  for (let r = 0; r < headerRow; r++) {
    const row = grid.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (typeof value !== 'string') continue;
      const text = normalizeText(value);
      const cal = kind === null ? CALENDAR_LABEL.exec(text) : null;
      if (cal) {
        // One value: the calendar is one word, and a holidays label may follow on the same row.
        const values = valuesOf(cal[1], row, r, c).slice(0, 1);
        const written = values[0]?.text ?? '';
        const key = matchKey(written.replace(/\([^)]*\)|（[^）]*）/g, ''));
        if (WORKING.has(key)) kind = 'working';
        else if (CALENDAR.has(key)) kind = 'calendar';
        else {
          kind = 'calendar';
          issues.push(issue('gantt.calendar-invalid', 'error', sheet, values[0]?.cell ?? cellAddress(r, c), { input: written }));
        }
        continue;
      }
      const hol = holidayCell === null ? HOLIDAY_LABEL.exec(text) : null;
      if (hol) {
        holidayCell = cellAddress(r, c);
        for (const v of valuesOf(hol[1], row, r, c)) readHolidays(v, sheet, holidays, issues);
      }
    }
  }

  if (kind === 'working') {
    const sorted = [...holidays].sort((a, b) => a - b).map(fromDayNumber);
    return { calendar: { kind: 'working', holidays: sorted }, issues };
  }
  if (holidayCell !== null && holidays.size > 0) {
    issues.push(issue('gantt.holidays-ignored', 'warning', sheet, holidayCell, { count: holidays.size }));
  }
  return { calendar: { kind: 'calendar' }, issues };
}

/**
 * The text after the label's colon, or else the non-blank cells to the right of the label up to
 * the next label ("Calendar | working days | Holidays | 2024-01-01" on one row).
 */
function valuesOf(inline: string | undefined, row: readonly CellValue[], r: number, c: number): Located[] {
  if (inline !== undefined && inline.trim() !== '') return [{ text: inline.trim(), value: inline.trim(), cell: cellAddress(r, c) }];
  const out: Located[] = [];
  for (let k = c + 1; k < row.length; k++) {
    const value = row[k] ?? null;
    if (isBlank(value)) continue;
    const text = typeof value === 'string' ? normalizeText(value) : String(value);
    if (typeof value === 'string' && (CALENDAR_LABEL.test(text) || HOLIDAY_LABEL.test(text))) break;
    out.push({ text, value, cell: cellAddress(r, k) });
  }
  return out;
}

function readHolidays(v: Located, sheet: string, into: Set<number>, issues: Issue[]): void {
  // A date cell (a number from some adapters, an ISO string from ours) is one holiday.
  if (typeof v.value !== 'string') {
    const d = parseDate(v.value);
    if (d.ok) into.add(dayNumber(d.value));
    else issues.push(issue('gantt.holiday-invalid', 'error', sheet, v.cell, { input: v.text }));
    return;
  }
  // Spaces around a range sign belong to the range, not between two entries.
  const text = v.text.replace(/\s*([~至到–—])\s*/g, '$1');
  for (const entry of text.split(/[、，,;；\s]+/)) {
    if (entry === '') continue;
    const days = holidayDays(entry);
    if (days) for (const d of days) into.add(d);
    else issues.push(issue('gantt.holiday-invalid', 'error', sheet, v.cell, { input: entry }));
  }
}

/** The days of one entry: a date, or a range "from~to" (inclusive); null when it is neither. */
function holidayDays(entry: string): number[] | null {
  const parts = entry.split(/[~至到–—]/);
  if (parts.length > 2) return null;
  const from = parseDate(parts[0]!);
  const to = parseDate(parts[parts.length - 1]!);
  if (!from.ok || !to.ok) return null;
  const a = dayNumber(from.value);
  const b = dayNumber(to.value);
  if (b < a || b - a >= MAX_RANGE_DAYS) return null;
  const days: number[] = [];
  for (let d = a; d <= b; d++) days.push(d);
  return days;
}
