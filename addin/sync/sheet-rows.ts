import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { CellValue, SheetGrid } from '../../shared/table/grid';
import { readTable } from '../../shared/table/locate';
import { recogniseSheet } from '../../shared/workbook/analyse';

/** A synced row's cells by field name (name, target, weight…), as the sync API carries them. */
export type Cells = Readonly<Record<string, CellValue>>;

/**
 * A sheet's table as sync sees it: its kind, where each field's column is, and each data row
 * with its sheet row, so pulled values can be written back to the right cells. The table is
 * found exactly as the checks find it (one engine: recogniseSheet + readTable).
 */
export interface SheetTable {
  readonly sheet: string;
  readonly kind: SheetKind;
  readonly headerRow: number;
  /** Zero-based column of each field present in the sheet. */
  readonly columns: Readonly<Record<string, number>>;
  readonly rows: readonly { readonly row: number; readonly cells: Cells }[];
}

export function readSheetTable(grid: SheetGrid): SheetTable | null {
  const found = recogniseSheet(grid);
  if (!found) return null;
  const table = readTable(grid, found.header);
  const columns: Record<string, number> = {};
  for (const [field, located] of Object.entries(table.columns)) {
    if (located) columns[field] = located.col;
  }
  return {
    sheet: grid.name,
    kind: found.room.kind,
    headerRow: table.headerRow,
    columns,
    rows: table.rows.map((r) => ({ row: r.row, cells: r.cells as Cells })),
  };
}
