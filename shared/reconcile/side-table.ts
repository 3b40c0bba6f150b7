import { cellAddress } from '../table/address';
import type { CellValue, SheetGrid } from '../table/grid';
import { headerKey } from '../table/header-key';
import { HEADER_SCAN_ROWS } from '../table/locate';

/** How a header is matched: its folded text, or the field a sheet kind reads it as (kind-aware, see reconcile.ts). */
export type HeaderFolder = (header: string) => string;

export const foldHeader: HeaderFolder = headerKey;

/** One side of a rule found in its sheet: the header row, and the column of each named header, in order. */
export interface SideTable {
  readonly grid: SheetGrid;
  readonly headerRow: number;
  readonly columns: readonly number[];
}

/**
 * The first header row (within the rows a header is looked for in) that holds every named
 * column, or the column the best row lacks. Each name is matched as headers are everywhere
 * (scripts, case, full-width forms and notes in brackets folded).
 */
export function locateSide(grid: SheetGrid, names: readonly string[], fold: HeaderFolder): { ok: true; table: SideTable } | { ok: false; missing: string } {
  const wanted = names.map(fold);
  let bestMissing = names[0] ?? '';
  let bestFound = -1;
  const last = Math.min(grid.rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < last; r++) {
    const row = grid.rows[r] ?? [];
    const at = new Map<string, number>();
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (typeof value !== 'string' || value.trim() === '') continue;
      const key = fold(value);
      if (!at.has(key)) at.set(key, c);
    }
    const columns = wanted.map((w) => at.get(w));
    const found = columns.filter((c) => c !== undefined).length;
    if (found === wanted.length) return { ok: true, table: { grid, headerRow: r, columns: columns as number[] } };
    if (found > bestFound) {
      bestFound = found;
      bestMissing = names[columns.findIndex((c) => c === undefined)]!;
    }
  }
  return { ok: false, missing: bestMissing };
}

/** The value of a side's cell (null when the row is shorter). */
export function cellOf(table: SideTable, row: number, column: number): CellValue {
  return table.grid.rows[row]?.[table.columns[column]!] ?? null;
}

export function addressOfCell(table: SideTable, row: number, column: number): string {
  return cellAddress(row, table.columns[column]!);
}
