/// <reference types="office-js" />
import type { SheetInfo } from '../workbook-port';
import type { ExcelHost } from './excel-host';
import { loadLayout } from './settings-io';

/**
 * The workbook's sheets with the size of their used range (values only: fills and borders do
 * not make a sheet bigger). The Scorecard sheet this add-in generated is left out: it is output,
 * and its KPI table would otherwise be checked as if someone had typed it.
 *
 * Syncs: 2 — the sheet list (and the add-in's layout record), then every used range at once.
 */
export async function listSheets(excel: ExcelHost): Promise<SheetInfo[]> {
  return excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/id');
    const layout = loadLayout(context);
    await context.sync();

    const generated = layout.read().scorecardSheetId;
    const listed = sheets.items.filter((s) => s.id !== generated);
    const used = listed.map((s) => {
      const range = s.getUsedRangeOrNullObject(true);
      range.load('rowCount,columnCount');
      return range;
    });
    await context.sync();

    return listed.map((s, i) => {
      const range = used[i]!;
      return range.isNullObject
        ? { name: s.name, rows: 0, columns: 0 }
        : { name: s.name, rows: range.rowCount, columns: range.columnCount };
    });
  });
}
