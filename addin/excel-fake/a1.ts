import { columnLetters } from '../../shared/table/address';
/**
 * A1 addresses as the fake's object model speaks them: "C3", "$C$3", "A1:G10", "A:C", "2:5",
 * optionally behind a sheet name ("KPI!A1", "'My plan'!B2"). Zero-based, inclusive rectangles.
 * Sources: the grid's size, 1,048,576 rows × 16,384 columns ("Excel specifications and limits",
 * https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3);
 * A1 references and quoting a sheet name that is not a plain word ("Overview of formulas",
 * https://support.microsoft.com/office/overview-of-formulas-in-excel-ecfdc708-9162-49e8-b993-c311f47ca173).
 * Which addresses Worksheet.getRange accepts beyond these the API docs do not list.
 */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export function rectRows(r: Rect): number {
  return r.bottom - r.top + 1;
}

export function rectColumns(r: Rect): number {
  return r.right - r.left + 1;
}

export function rectCells(r: Rect): number {
  return rectRows(r) * rectColumns(r);
}

export function contains(outer: Rect, row: number, col: number): boolean {
  return row >= outer.top && row <= outer.bottom && col >= outer.left && col <= outer.right;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function within(inner: Rect, outer: Rect): boolean {
  return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
}

/** Column letters: the same A1 arithmetic the shared engine uses. */
export const columnName = columnLetters;

function columnIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** Excel quotes a sheet name in an address unless it is a plain word. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatRect(r: Rect): string {
  const a = `${columnName(r.left)}${r.top + 1}`;
  const b = `${columnName(r.right)}${r.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

export function formatAddress(sheet: string, r: Rect): string {
  return `${quoteSheet(sheet)}!${formatRect(r)}`;
}

export interface ParsedAddress {
  readonly sheet: string | null;
  readonly rect: Rect;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?([1-9][0-9]{0,6})$/;

function parsePart(part: string): { row: number | null; col: number | null } | null {
  let m = CELL.exec(part);
  if (m) return { col: columnIndex(m[1]!), row: Number(m[2]) - 1 };
  m = COLUMN.exec(part);
  if (m) return { col: columnIndex(m[1]!), row: null };
  m = ROW.exec(part);
  if (m) return { col: null, row: Number(m[1]) - 1 };
  return null;
}

/** null for anything Excel would reject as an address. */
export function parseAddress(address: string): ParsedAddress | null {
  let sheet: string | null = null;
  let rest = address.trim();
  const bang = rest.lastIndexOf('!');
  if (bang >= 0) {
    const raw = rest.slice(0, bang);
    sheet = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
    rest = rest.slice(bang + 1);
  }
  const [first, second, extra] = rest.split(':');
  if (first === undefined || extra !== undefined) return null;
  const a = parsePart(first);
  const b = second === undefined ? a : parsePart(second);
  if (!a || !b) return null;
  // "A:C" spans every row, "2:5" every column; "A1:C" is not an address.
  if ((a.row === null) !== (b.row === null) || (a.col === null) !== (b.col === null)) return null;
  const top = Math.min(a.row ?? 0, b.row ?? 0);
  const bottom = a.row === null ? MAX_ROWS - 1 : Math.max(a.row, b.row ?? 0);
  const left = Math.min(a.col ?? 0, b.col ?? 0);
  const right = a.col === null ? MAX_COLUMNS - 1 : Math.max(a.col, b.col ?? 0);
  if (bottom >= MAX_ROWS || right >= MAX_COLUMNS) return null;
  return { sheet, rect: { top, left, bottom, right } };
}
