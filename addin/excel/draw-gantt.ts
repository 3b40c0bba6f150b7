/// <reference types="office-js" />
import { GANTT_SPEC } from '../../shared/kinds/gantt/spec';
import { cellText, findHeader, HEADER_SCAN_ROWS } from '../../shared/table/locate';
import type { CellValue } from '../../shared/table/grid';
import { matchKey } from '../../shared/text/normalize';
import type { GanttBar } from '../workbook-port';
import type { ExcelHost } from './excel-host';
import { BAR_COLORS, drawingFor } from './gantt-layout';
import { loadLayout, saveLayout } from './settings-io';

/** How far right the plan's header row is looked for: plans are a dozen columns, not hundreds. */
const HEADER_SCAN_COLUMNS = 64;
/** More bars than this would not fit one request under 5 MB (one fill each). */
export const MAX_GANTT_BARS = 20_000;
/** Points: narrow enough for a few months on screen. */
const DATE_COLUMN_WIDTH = 18;

export class NotAPlanError extends Error {
  readonly code = 'not-a-plan';
  constructor(sheet: string) {
    super(`'${sheet}' has no Gantt plan header (task, start, end) in its first ${HEADER_SCAN_ROWS} rows.`);
  }
}

/**
 * Draws the schedule on the plan sheet's own rows: a date header right of the plan, a bar per
 * task (critical path in red). The previous drawing (remembered in the add-in's layout record)
 * is cleared first; readers skip the drawing, so checks and syncs never read it as data.
 *
 * Syncs: 3 — the header block and the sheet's extent; the task column; every write.
 */
export async function drawGantt(excel: ExcelHost, sheetName: string, bars: readonly GanttBar[]): Promise<void> {
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.load('id');
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    const head = sheet.getRangeByIndexes(0, 0, HEADER_SCAN_ROWS, HEADER_SCAN_COLUMNS);
    head.load('values');
    const stored = loadLayout(context);
    await context.sync();

    const header = used.isNullObject ? null : findHeader({ name: sheetName, rows: head.values as CellValue[][] }, GANTT_SPEC);
    if (!header) throw new NotAPlanError(sheetName);
    const state = stored.read();
    const previous = state.gantt[sheet.id];
    const usedRight = used.columnIndex + used.columnCount - 1;
    const tableRight = Math.max(...Object.values(header.columns).map((c) => c!.col));
    const contentRight = Math.max(tableRight, previous && usedRight >= previous.firstColumn ? previous.firstColumn - 2 : usedRight);
    const bodyTop = header.row + 1;
    const bodyRows = Math.min(used.rowIndex + used.rowCount - bodyTop, MAX_GANTT_BARS);
    const taskColumn = header.columns.task!.col;
    const tasks = bodyRows > 0 ? sheet.getRangeByIndexes(bodyTop, taskColumn, bodyRows, 1).load('values') : null;
    await context.sync();

    const taskRows = new Map<string, number>();
    tasks?.values.forEach((row, i) => {
      const name = cellText(row[0] as CellValue);
      if (name !== '' && !taskRows.has(matchKey(name))) taskRows.set(matchKey(name), bodyTop + i);
    });
    const drawing = drawingFor(bars.slice(0, MAX_GANTT_BARS), { headerRow: header.row, taskRows, contentRight }, matchKey);

    if (previous) {
      const rows = previous.lastRow - previous.firstRow + 1;
      const columns = previous.lastColumn - previous.firstColumn + 1;
      sheet.getRangeByIndexes(previous.firstRow, previous.firstColumn, rows, columns).clear('All');
    }
    const gantt = { ...state.gantt };
    delete gantt[sheet.id];
    if (drawing) {
      const { area, columnDates } = drawing;
      const dates = sheet.getRangeByIndexes(area.firstRow, area.firstColumn, 1, columnDates.length);
      dates.numberFormat = [columnDates.map(() => (drawing.unitDays === 30 ? 'yyyy-mm' : 'm/d'))];
      dates.values = [[...columnDates]];
      dates.format.font.bold = true;
      dates.format.columnWidth = DATE_COLUMN_WIDTH;
      for (const bar of drawing.bars) {
        sheet.getRangeByIndexes(bar.row, bar.from, 1, bar.to - bar.from + 1).format.fill.color = bar.critical ? BAR_COLORS.critical : BAR_COLORS.normal;
      }
      gantt[sheet.id] = area;
    }
    saveLayout(context, { ...state, gantt });
    await context.sync();
  });
}
