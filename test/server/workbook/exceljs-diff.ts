import ExcelJS from 'exceljs';
import { classifyFormat, isoToSerial } from '../../../shared/parse/excel-number';
import { parseQuantity } from '../../../shared/parse/number';
import type { CellValue, SheetGrid } from '../../../shared/table/grid';
import { readXlsx } from '../../../server/workbook/xlsx-reader';
import { decodeXString } from '../../../server/workbook/xlsx/xstring';

/**
 * Our xlsx reader against exceljs's in-memory reader, cell by cell in both directions (every
 * cell either has a value), on the value each holds: text, numbers, booleans, errors, formulas'
 * cached results, dates compared as the serial they stand for. Where the two answer
 * differently on purpose the cell is counted under its reason instead of failing:
 *
 * - percent-as-text: a percent cell is "150%" for us, 1.5 for exceljs (our reading, the same in
 *   the pane, the CLI and uploads: shared/parse/excel-number.ts);
 * - time-of-day-as-number, duration-as-number, no-such-day: exceljs makes a Date of every
 *   number under a format with y/m/d/h/s in it; we keep a time of day without a date, an
 *   elapsed time ([h]:mm) and a serial that is no calendar day (negative, 0 or 60 of the 1900
 *   system, past 9999-12-31) as the number;
 * - exceljs-1900-epoch: exceljs counts every 1900-system serial from 1899-12-30, so its dates
 *   before 1900-03-01 are a day early; ours are Excel's (the serials agree);
 * - date-format-exceljs-misses: a format exceljs does not know is a date (the East Asian and
 *   Thai built-ins it has no code for), which we read as a date;
 * - formula-result-exceljs-drops: a cached formula result exceljs does not keep (under a Text
 *   format, for one);
 * - date-exceljs-cannot-hold: a number under a date format too far from 1970 for a JavaScript
 *   Date (exceljs answers an Invalid Date; we keep the number);
 * - xstring-escape: text written with SpreadsheetML's `_xHHHH_` escape ("_x000D_" for a
 *   carriage return) in an inline or formula string cell; Excel and we decode it there as in
 *   shared strings, exceljs only in shared strings;
 * - entity-exceljs-decodes-twice: exceljs's reader unescapes the text of a `t="str"` cell a
 *   second time, so "&amp;a" (written `&amp;amp;a`) comes back as "&a";
 * - merged-copy: exceljs copies a merged range's value into every cell of it; the file holds
 *   it once, and so do we.
 */
export type Deliberate =
  | 'percent-as-text'
  | 'time-of-day-as-number'
  | 'duration-as-number'
  | 'no-such-day'
  | 'exceljs-1900-epoch'
  | 'date-format-exceljs-misses'
  | 'formula-result-exceljs-drops'
  | 'date-exceljs-cannot-hold'
  | 'xstring-escape'
  | 'entity-exceljs-decodes-twice'
  | 'merged-copy';

export interface Comparison {
  /** Cells read differently for no listed reason: "Sheet!A1: exceljs …, ours …". */
  readonly differences: string[];
  /** Cells read differently on purpose, by reason. */
  readonly deliberate: Partial<Record<Deliberate, string[]>>;
  /** Cells compared (holding a value on either side). */
  readonly cells: number;
}

type Expected = { type: 'value'; value: CellValue } | { type: 'date'; serial: number } | { type: 'lost'; why: Deliberate };

const DAY_MS = 86_400_000;
/** Half a second, as a fraction of a day (we round to the second, exceljs to the millisecond), plus float noise. */
const SERIAL_TOLERANCE = 0.5 / 86_400 + 1e-9;

/** exceljs's value as what it stands for. */
function expectedOf(value: ExcelJS.CellValue, date1904: boolean): Expected {
  if (value === null || value === undefined) return { type: 'value', value: null };
  // exceljs: new Date(round((serial - 25569 + (1904 ? 1462 : 0)) × 86400000)), inverted.
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? { type: 'lost', why: 'date-exceljs-cannot-hold' } : { type: 'date', serial: ms / DAY_MS + 25_569 - (date1904 ? 1462 : 0) };
  }
  if (typeof value !== 'object') return { type: 'value', value };
  if ('richText' in value) return { type: 'value', value: value.richText.map((run) => run.text).join('') };
  if ('error' in value) return { type: 'value', value: value.error };
  if ('formula' in value || 'sharedFormula' in value) {
    return value.result === undefined ? { type: 'lost', why: 'formula-result-exceljs-drops' } : expectedOf(value.result as ExcelJS.CellValue, date1904);
  }
  if ('text' in value) return expectedOf(value.text as ExcelJS.CellValue, date1904);
  return { type: 'lost', why: 'formula-result-exceljs-drops' };
}

const ISO = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/;

/** Our ISO date text back to the serial it was read from. */
function serialOfIso(text: string, date1904: boolean): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const day = isoToSerial(m[1] as string, date1904);
  if (day === null) return null;
  return day + (Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) / 86_400;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string): string => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');

const near = (a: number, b: number): boolean => Math.abs(a - b) <= SERIAL_TOLERANCE;

/** Null when the two agree; a listed reason; or 'different'. */
function judge(expected: Expected, ours: CellValue, numFmt: string | undefined, date1904: boolean): null | Deliberate | 'different' {
  const kind = classifyFormat(numFmt ?? 'General');
  if (expected.type === 'lost') return ours === null ? null : expected.why;
  if (expected.type === 'date') {
    const serial = expected.serial;
    if (typeof ours === 'string') {
      const back = serialOfIso(ours, date1904);
      if (back === null || !near(back, serial)) return 'different';
      return !date1904 && serial < 61 ? 'exceljs-1900-epoch' : null;
    }
    if (typeof ours !== 'number' || !near(ours, serial)) return 'different';
    if (kind === 'duration') return 'duration-as-number';
    if (kind === 'time' && serial >= 0 && serial < 1) return 'time-of-day-as-number';
    // Before day 1 (1900) or day 0 (1904), serial 60 of 1900, past 9999-12-31.
    const seconds = Math.round(serial * 86_400);
    const day = Math.floor(seconds / 86_400);
    const noDay = seconds < 0 || (!date1904 && (day === 0 || day === 60)) || day > (date1904 ? 2_957_003 : 2_958_465);
    return noDay ? 'no-such-day' : 'different';
  }
  const value = expected.value;
  if (value === ours) return null;
  if (typeof value === 'string' && typeof ours === 'string') {
    if (value.includes('_x') && decodeXString(value) === ours) return 'xstring-escape';
    if (unescapeXml(ours) === value) return 'entity-exceljs-decodes-twice';
    // Both at once: "_x005F_x000D_&amp;a".
    if (decodeXString(value) === unescapeXml(ours)) return 'xstring-escape';
  }
  if (typeof value === 'number' && typeof ours === 'string') {
    if (kind === 'percent') {
      const q = parseQuantity(ours);
      return q.ok && q.value.unit === 'percent' && q.value.value === value ? 'percent-as-text' : 'different';
    }
    const back = serialOfIso(ours, date1904);
    return back !== null && near(back, value) ? 'date-format-exceljs-misses' : 'different';
  }
  return 'different';
}

export async function compareWithExcelJs(file: Buffer): Promise<Comparison> {
  // exceljs declares a Buffer type of its own (an ArrayBuffer); a Node Buffer is what it takes.
  const read = await readXlsx(file);
  if (!read.ok) return { differences: [`refused: ${read.error.code} ${JSON.stringify(read.error.detail)}`], deliberate: {}, cells: 0 };
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const date1904 = workbook.properties.date1904 === true;
  const differences: string[] = [];
  const deliberate: Partial<Record<Deliberate, string[]>> = {};
  let cells = 0;

  const names = workbook.worksheets.map((w) => w.name);
  const ourNames = read.value.map((s) => s.name);
  if (JSON.stringify(names) !== JSON.stringify(ourNames)) differences.push(`sheets: exceljs ${JSON.stringify(names)}, ours ${JSON.stringify(ourNames)}`);

  for (const worksheet of workbook.worksheets) {
    const grid: SheetGrid = read.value.find((s) => s.name === worksheet.name) ?? { name: worksheet.name, rows: [] };
    const seen = new Set<string>();
    const compare = (r: number, c: number, cell: ExcelJS.Cell | undefined): void => {
      const ours = grid.rows[r - 1]?.[c - 1] ?? null;
      const merged = cell !== undefined && cell.master.address !== cell.address;
      const expected: Expected = cell === undefined ? { type: 'value', value: null } : expectedOf(cell.value, date1904);
      if (expected.type === 'value' && expected.value === null && ours === null) return;
      cells++;
      const address = `${worksheet.name}!${cell?.address ?? `R${r}C${c}`}`;
      const verdict = merged ? (ours === null ? 'merged-copy' : 'different') : judge(expected, ours, cell?.numFmt, date1904);
      if (verdict === 'different') {
        differences.push(`${address} (${cell?.numFmt ?? 'General'}): exceljs ${JSON.stringify(cell?.value ?? null)}, ours ${JSON.stringify(ours)}`);
      } else if (verdict !== null) {
        (deliberate[verdict] ??= []).push(address);
      }
    };
    worksheet.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        seen.add(`${r}:${c}`);
        compare(r, c, cell);
      }),
    );
    // Cells we read that exceljs has no value for.
    grid.rows.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value !== null && !seen.has(`${r + 1}:${c + 1}`)) compare(r + 1, c + 1, undefined);
      }),
    );
  }
  return { differences, deliberate, cells };
}
