import { naturalKey } from '../../shared/kinds/kind-specs';
import { cellAddress } from '../../shared/table/address';
import type { CellValue } from '../../shared/table/grid';
import type { WorkbookPort } from '../workbook-port';
import type { CellWrite } from './merge-pull';
import type { Cells, SheetTable } from './sheet-rows';

/**
 * Synced values back into the sheet, as few WorkbookPort.writeValues calls as it takes (each is
 * one Excel.run): single cells merged into horizontal runs, one rectangle for appended rows,
 * and — past MAX_RUNS — one rectangle for the whole table instead of hundreds of small writes.
 * Fields the sheet has no column for are not written (there is nowhere to show them).
 */

export interface Rectangle {
  readonly topLeft: string;
  readonly values: (CellValue)[][];
}

export interface SheetEdits {
  readonly writes: readonly CellWrite[];
  readonly appends: readonly Cells[];
  readonly removals: readonly string[];
}

const MAX_RUNS = 100;

export function rowsByKey(table: SheetTable): Map<string, number> {
  const rows = new Map<string, number>();
  for (const r of table.rows) {
    const key = naturalKey(table.kind, r.cells);
    if (key !== null && !rows.has(key)) rows.set(key, r.row);
  }
  return rows;
}

export function planRectangles(table: SheetTable, edits: SheetEdits): Rectangle[] {
  const columns = Object.values(table.columns);
  if (columns.length === 0) return [];
  const firstCol = Math.min(...columns);
  const lastCol = Math.max(...columns);
  const width = lastCol - firstCol + 1;
  const byKey = rowsByKey(table);

  // Cell by cell, as (row, col) → value; removals clear the table's columns of their row.
  const cells = new Map<number, Map<number, CellValue>>();
  const put = (row: number, col: number, value: CellValue) => {
    let line = cells.get(row);
    if (!line) cells.set(row, (line = new Map()));
    line.set(col, value);
  };
  for (const w of edits.writes) {
    const row = byKey.get(w.key);
    const col = table.columns[w.field];
    if (row !== undefined && col !== undefined) put(row, col, w.value);
  }
  for (const key of edits.removals) {
    const row = byKey.get(key);
    if (row !== undefined) for (const col of columns) put(row, col, null);
  }

  const runs: Rectangle[] = [];
  for (const [row, line] of [...cells].sort((a, b) => a[0] - b[0])) {
    const cols = [...line.keys()].sort((a, b) => a - b);
    let start = 0;
    for (let i = 1; i <= cols.length; i++) {
      if (i < cols.length && cols[i] === cols[i - 1]! + 1) continue;
      const from = cols[start]!;
      runs.push({ topLeft: cellAddress(row, from), values: [cols.slice(start, i).map((c) => line.get(c) ?? null)] });
      start = i;
    }
  }

  // One rectangle only when the table's columns are contiguous: it must not blank a user's own
  // column that sits between two of ours.
  const contiguous = new Set(columns).size === width;
  const out = runs.length > MAX_RUNS && contiguous ? [wholeTable(table, cells, firstCol, width)] : runs;
  if (edits.appends.length > 0) {
    const lastRow = Math.max(table.headerRow, ...table.rows.map((r) => r.row));
    const values = edits.appends.map((row) => {
      const line: CellValue[] = new Array<CellValue>(width).fill(null);
      for (const [field, col] of Object.entries(table.columns)) line[col - firstCol] = row[field] ?? null;
      return line;
    });
    out.push({ topLeft: cellAddress(lastRow + 1, firstCol), values });
  }
  return out;
}

/** The table's data rows as they will be, in one rectangle (used when edits are many). */
function wholeTable(table: SheetTable, edits: Map<number, Map<number, CellValue>>, firstCol: number, width: number): Rectangle {
  const first = table.headerRow + 1;
  const last = Math.max(first, ...table.rows.map((r) => r.row), ...edits.keys());
  const known = new Map(table.rows.map((r) => [r.row, r.cells]));
  const values: CellValue[][] = [];
  for (let row = first; row <= last; row++) {
    const line: CellValue[] = new Array<CellValue>(width).fill(null);
    const cellsNow = known.get(row);
    for (const [field, col] of Object.entries(table.columns)) line[col - firstCol] = cellsNow?.[field] ?? null;
    for (const [col, value] of edits.get(row) ?? []) line[col - firstCol] = value;
    values.push(line);
  }
  return { topLeft: cellAddress(first, firstCol), values };
}

export async function applyRectangles(workbook: WorkbookPort, sheet: string, rectangles: readonly Rectangle[]): Promise<void> {
  for (const r of rectangles) await workbook.writeValues(sheet, r.topLeft, r.values);
}
