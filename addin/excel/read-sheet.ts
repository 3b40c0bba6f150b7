/// <reference types="office-js" />
import type { CellValue, SheetGrid } from '../../shared/table/grid';
import type { ExcelHost } from './excel-host';
import { toCellValue } from './cell-values';
import { ESTIMATED_BYTES_PER_CELL, halve, isPayloadTooLarge, planRowSlices } from './chunks';
import type { SheetArea } from './fill-probes';
import { loadLayout } from './settings-io';
import type { GanttArea } from './stored-state';

/**
 * A sheet's used range as a grid: row r of the grid is sheet row r+1 wherever the used range
 * starts (rows above it are empty, columns left of it null), dates as ISO text.
 *
 * Syncs: 1 for the used range's position and size (plus the add-in's layout record), then 1 per
 * slice of `planRowSlices` — 1 for anything up to ~83k cells, so 2 in all for a 10k-row sheet.
 * Loads are never synced per row or per cell; the only loop over syncs is over 4 MB slices,
 * which Excel on the web's 5 MB request limit makes necessary (a single sync carrying more
 * would be refused whole).
 */
export async function readSheet(excel: ExcelHost, name: string): Promise<SheetGrid> {
  return excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(name);
    sheet.load('id');
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    const layout = loadLayout(context);
    await context.sync();
    if (used.isNullObject) return { name, rows: [] };
    const { rows } = await readArea(sheet, gridArea(used, layout.read().gantt[sheet.id]), () => context.sync());
    return { name, rows };
  });
}

/**
 * The part of the used range that is data: the Gantt chart this add-in drew right of a plan
 * (after one empty column) is a drawing, not data, and is not read.
 */
export function gridArea(used: Excel.Range, drawing: GanttArea | undefined): SheetArea {
  const left = used.columnIndex;
  let columns = used.columnCount;
  if (drawing && drawing.firstColumn - 1 > left) columns = Math.min(columns, drawing.firstColumn - 1 - left);
  return { top: used.rowIndex, left, rows: used.rowCount, columns };
}

/**
 * Reads an area's values and number formats as grid rows (rows above it empty, columns left of
 * it null), one sync per slice of `planRowSlices`, halving a slice Excel refuses as too big.
 *
 * `withLast` lets a caller put more loads into the sync of the last slice (a sync of their own
 * when the area is empty): it is called when that sync is queued, with the estimated size of
 * the slice going with it, and called again with `lean` set should that sync be refused as too
 * big — the caller then queues the least it can. Its result comes back as `last`.
 */
export async function readArea<T = never>(
  sheet: Excel.Worksheet,
  area: SheetArea | null,
  sync: () => Promise<void>,
  withLast?: (sliceBytes: number, lean: boolean) => T,
): Promise<{ rows: CellValue[][]; last: T | undefined }> {
  const rows: CellValue[][] = [];
  const pending = area ? planRowSlices(area.rows, area.columns) : [];
  const done = new Map<number, CellValue[][]>();
  let last: { value: T } | null = null;
  let lean = false;
  while (pending.length > 0 || (withLast && !last)) {
    const slice = pending.shift() ?? null;
    const range = area && slice ? sheet.getRangeByIndexes(area.top + slice.offset, area.left, slice.rows, area.columns) : null;
    range?.load('values,numberFormat');
    const extra =
      withLast && pending.length === 0 ? { value: withLast(slice && area ? slice.rows * area.columns * ESTIMATED_BYTES_PER_CELL : 0, lean) } : null;
    try {
      await sync();
    } catch (error) {
      if (!isPayloadTooLarge(error)) throw error;
      // Longer text than the estimate: read the slice as two (and the extra loads leaner).
      const halves = slice ? halve(slice) : null;
      if (extra && !lean) {
        lean = true;
        pending.unshift(...(halves ?? (slice ? [slice] : [])));
        continue;
      }
      if (!halves) throw error;
      pending.unshift(...halves);
      continue;
    }
    if (area && slice && range) done.set(slice.offset, convert(range.values, range.numberFormat, area.left));
    if (extra) last = extra;
  }
  if (area) for (let r = 0; r < area.top; r++) rows.push([]);
  for (const offset of [...done.keys()].sort((a, b) => a - b)) rows.push(...done.get(offset)!);
  return { rows, last: last?.value };
}

function convert(values: unknown[][], formats: unknown[][], left: number): CellValue[][] {
  return values.map((row, r) => {
    const out: CellValue[] = new Array<CellValue>(left).fill(null);
    const formatRow = formats[r] ?? [];
    for (let c = 0; c < row.length; c++) out.push(toCellValue(row[c], formatRow[c]));
    return out;
  });
}
