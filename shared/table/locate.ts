import { cellAddress } from './address';
import type { ColumnSpec, TableSpec } from './columns';
import { cellAt, isBlank, type CellValue, type SheetGrid } from './grid';
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
  const rows: TableRow<F>[] = [];
  for (let r = header.row + 1; r < grid.rows.length; r++) {
    const cells: Partial<Record<F, CellValue>> = {};
    let blank = true;
    for (const field of fields) {
      const value = cellAt(grid, r, header.columns[field]!.col);
      if (!isBlank(value)) {
        blank = false;
        cells[field] = typeof value === 'string' ? value.trim() : value;
      }
    }
    if (!blank) rows.push({ row: r, cells });
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
  return typeof value === 'string' ? value.trim() : String(value);
}
