/// <reference types="office-js" />
import { columnLetters } from '../../shared/table/address';
import type { Locale } from '../../shared/i18n/locale';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { ExcelHost } from './excel-host';
import { WORKBOOK_LABELS } from './labels';
import { TEMPLATE_BODY_ROWS, templateFor, uniqueName } from './templates';

/**
 * A new sheet holding a kind's template: the header row, an Excel table (TableStyleMedium2)
 * over it, each column's number format and drop-down on the rows below, the header frozen.
 * Drop-downs warn rather than refuse: the engine accepts other spellings (財務, Finance…) and
 * explains what it does not.
 *
 * Syncs: 2 — the names already taken (sheets, tables), then everything else.
 */
export async function insertTemplate(excel: ExcelHost, kind: SheetKind, locale: Locale): Promise<string> {
  const template = templateFor(kind, locale);
  const alert = WORKBOOK_LABELS[locale].listAlert;
  return excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    const tables = context.workbook.tables;
    tables.load('items/name');
    await context.sync();

    const name = uniqueName(template.sheetName, sheets.items.map((s) => s.name));
    const tableName = uniqueName(template.tableName, tables.items.map((t) => t.name), 255, '');
    const width = template.columns.length;
    const sheet = sheets.add(name);
    const header = sheet.getRangeByIndexes(0, 0, 1, width);
    header.values = [template.columns.map((c) => c.header)];

    const table = sheet.tables.add(`A1:${columnLetters(width - 1)}1`, true);
    table.name = tableName;
    table.style = 'TableStyleMedium2';

    template.columns.forEach((column, c) => {
      const body = sheet.getRangeByIndexes(1, c, TEMPLATE_BODY_ROWS, 1);
      if (column.numberFormat !== null) body.numberFormat = Array.from({ length: TEMPLATE_BODY_ROWS }, () => [column.numberFormat]);
      if (column.choices !== null) {
        body.dataValidation.clear();
        body.dataValidation.rule = { list: { inCellDropDown: true, source: column.choices.join(',') } };
        body.dataValidation.errorAlert = { showAlert: true, style: 'Warning', title: alert.title, message: alert.message };
      }
    });
    header.format.autofitColumns();
    sheet.freezePanes.freezeRows(1);
    sheet.activate();
    await context.sync();
    return name;
  });
}
