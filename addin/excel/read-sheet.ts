/// <reference types="office-js" />
import type { CellValue, SheetGrid } from '../../shared/table/grid';
import type { ExcelHost } from './excel-host';
import { toCellValue } from './cell-values';
import { halve, isPayloadTooLarge, planRowSlices } from './chunks';
import { loadLayout } from './settings-io';

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

    const top = used.rowIndex;
    const left = used.columnIndex;
    // The Gantt chart this add-in drew right of a plan (after one empty column) is a drawing,
    // not data: not read.
    const drawing = layout.read().gantt[sheet.id];
    let columns = used.columnCount;
    if (drawing && drawing.firstColumn - 1 > left) columns = Math.min(columns, drawing.firstColumn - 1 - left);

    const rows: CellValue[][] = [];
    for (let r = 0; r < top; r++) rows.push([]);
    const pending = planRowSlices(used.rowCount, columns);
    const done = new Map<number, CellValue[][]>();
    while (pending.length > 0) {
      const slice = pending.shift()!;
      const range = sheet.getRangeByIndexes(top + slice.offset, left, slice.rows, columns);
      range.load('values,numberFormat');
      try {
        await context.sync();
      } catch (error) {
        // Longer text than the estimate: read the slice as two.
        const halves = isPayloadTooLarge(error) ? halve(slice) : null;
        if (!halves) throw error;
        pending.unshift(...halves);
        continue;
      }
      done.set(slice.offset, convert(range.values, range.numberFormat, left));
    }
    for (const offset of [...done.keys()].sort((a, b) => a - b)) rows.push(...done.get(offset)!);
    return { name, rows };
  });
}

function convert(values: unknown[][], formats: unknown[][], left: number): CellValue[][] {
  return values.map((row, r) => {
    const out: CellValue[] = new Array<CellValue>(left).fill(null);
    const formatRow = formats[r] ?? [];
    for (let c = 0; c < row.length; c++) out.push(toCellValue(row[c], formatRow[c]));
    return out;
  });
}

