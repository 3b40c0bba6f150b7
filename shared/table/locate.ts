import { cellAddress } from './address';
import type { ColumnSpec, TableSpec } from './columns';
import type { CellValue, SheetGrid } from './grid';
import { headerKey } from './header-key';

/** How far down a sheet we look for a header row: titles and notes often sit above a table. */
export const HEADER_SCAN_ROWS = 50;

export interface LocatedColumn {
  readonly col: number;
  /** The header as the user wrote it, for messages. */
  readonly header: string;
}

export interface TableRow<F extends string> {
  /** Zero-based sheet row. */
  readonly row: number;
  readonly cells: Readonly<Partial<Record<F, CellValue>>>;
}

export interface LocatedTable<F extends string> {
  readonly sheet: string;
  readonly headerRow: number;
  readonly columns: Readonly<Partial<Record<F, LocatedColumn>>>;
  readonly rows: readonly TableRow<F>[];
}

export interface HeaderMatch<F extends string> {
  readonly row: number;
  readonly columns: Partial<Record<F, LocatedColumn>>;
  readonly matched: number;
}

function aliasIndex<F extends string>(spec: TableSpec<F>): Map<string, ColumnSpec<F>> {
  const index = new Map<string, ColumnSpec<F>>();
  for (const column of spec) for (const h of column.headers) index.set(headerKey(h), column);
  return index;
}

const indexCache = new WeakMap<object, Map<string, ColumnSpec<string>>>();

function cachedIndex<F extends string>(spec: TableSpec<F>): Map<string, ColumnSpec<F>> {
  let index = indexCache.get(spec);
  if (!index) {
    index = aliasIndex(spec) as Map<string, ColumnSpec<string>>;
    indexCache.set(spec, index);
  }
  return index as Map<string, ColumnSpec<F>>;
}

/** The best header row for `spec` in the first rows of the sheet, if one has every required column. */
export function findHeader<F extends string>(grid: SheetGrid, spec: TableSpec<F>): HeaderMatch<F> | null {
  const index = cachedIndex(spec);
  const required = spec.filter((c) => c.required).length;
  let best: HeaderMatch<F> | null = null;
  const last = Math.min(grid.rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < last; r++) {
    const row = grid.rows[r] ?? [];
    const columns: Partial<Record<F, LocatedColumn>> = {};
    let matched = 0;
    let requiredMatched = 0;
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (typeof value !== 'string' || value.trim() === '') continue;
      const column = index.get(headerKey(value));
      if (!column || columns[column.field]) continue;
      columns[column.field] = { col: c, header: value.trim() };
      matched++;
      if (column.required) requiredMatched++;
    }
    if (requiredMatched === required && (!best || matched > best.matched)) best = { row: r, columns, matched };
  }
  return best;
}

/** The data rows under a header: every row below it that is not blank across the table's columns. */
export function readTable<F extends string>(grid: SheetGrid, header: HeaderMatch<F>): LocatedTable<F> {
  const fields = Object.keys(header.columns) as F[];
  const cols = fields.map((field) => header.columns[field]!.col);
  const rows: TableRow<F>[] = [];
  for (let r = header.row + 1; r < grid.rows.length; r++) {
    const line = grid.rows[r];
    if (line === undefined) continue;
    // Made for the first non-blank cell: a blank row costs no object.
    let cells: Partial<Record<F, CellValue>> | null = null;
    for (let i = 0; i < fields.length; i++) {
      const value = line[cols[i]!] ?? null;
      // Trimmed once: a string that trims to nothing is a blank cell.
      const cell = typeof value === 'string' ? trimmed(value) : value;
      if (cell === null || cell === '') continue;
      cells ??= {};
      cells[fields[i]!] = cell;
    }
    if (cells !== null) rows.push({ row: r, cells });
  }
  return { sheet: grid.name, headerRow: header.row, columns: header.columns, rows };
}

/** The address of a field's cell in a data row. */
export function addressOf<F extends string>(table: LocatedTable<F>, row: number, field: F): string {
  const column = table.columns[field];
  return cellAddress(row, column ? column.col : 0);
}

/** Text of a cell as the user sees it, for messages and keys. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? trimmed(value) : String(value);
}

/**
 * `text.trim()`, skipped when the first and last characters are plainly not white space, as in
 * most cells of a large sheet. `solid` admits printable ASCII and U+3001–U+FEFE, where trim
 * removes nothing: it removes ASCII controls and space, U+00A0, U+1680, U+2000–U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000 and U+FEFF (a test compares the two for every BMP character).
 */
export function trimmed(text: string): string {
  if (text.length > 0 && solid(text.charCodeAt(0)) && solid(text.charCodeAt(text.length - 1))) return text;
  return text.trim();
}

function solid(code: number): boolean {
  return (code > 0x20 && code < 0x7f) || (code > 0x3000 && code < 0xfeff);
}
