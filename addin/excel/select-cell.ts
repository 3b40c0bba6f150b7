/// <reference types="office-js" />
import type { ExcelHost } from './excel-host';

/** Shows a cell the pane lists: activates its sheet and selects it. Syncs: 1. */
export async function selectCell(excel: ExcelHost, sheetName: string, cell: string): Promise<void> {
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(cell).select();
    await context.sync();
  });
}
