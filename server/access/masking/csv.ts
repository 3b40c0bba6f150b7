import type { CellValue } from '../../../shared/table/grid';

/**
 * CSV for Excel, the last step of what leaves the service as a file: UTF-8 with a byte-order
 * mark (without it Excel reads Chinese as mojibake), CRLF lines, RFC 4180 quoting, and no cell
 * that a spreadsheet would run. Text starting with = + - @ tab or CR is a formula to Excel,
 * LibreOffice and Google Sheets ("=HYPERLINK(…)", "@SUM(…)"): it is prefixed with an apostrophe,
 * which they show as text (OWASP's CSV-injection advice). Numbers are written as numbers: a
 * number cannot be a formula.
 */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const UTF8_BOM = '\ufeff';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (CellValue | undefined)[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

/** The whole document: BOM, header, rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly (CellValue | undefined)[])[]): string {
  return UTF8_BOM + csvLine(header) + rows.map(csvLine).join('');
}
