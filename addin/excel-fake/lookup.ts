import { contains, type Rect } from './a1';
import { FakeExcelError } from './errors';
import { cellKey, emptyCell, isPristine, keyColumn, keyRow, type CellModel, type SheetModel, type WorkbookModel } from './model';

/** Model lookups shared by the proxies; a missing object fails the batch as Excel does. */
export function sheetById(model: WorkbookModel, id: string): SheetModel {
  const sheet = model.sheets.find((s) => s.id === id);
  if (!sheet) throw new FakeExcelError('ItemNotFound', `The worksheet ${id} no longer exists.`);
  return sheet;
}

/** Worksheet names compare without regard to case, as in Excel (WorksheetCollection.getItem, "the worksheet name or ID"; case: the rename article above). */
export function sheetByName(model: WorkbookModel, name: string): SheetModel | undefined {
  const key = name.toLowerCase();
  return model.sheets.find((s) => s.name.toLowerCase() === key);
}

export function sheetByKey(model: WorkbookModel, key: string): SheetModel | undefined {
  return model.sheets.find((s) => s.id === key) ?? sheetByName(model, key);
}

/**
 * Excel's rules for a worksheet name, "Rename a worksheet": not blank, at most 31 characters, none
 * of / \\ ? * : [ ], not beginning or ending with an apostrophe, not "History" (reserved),
 * unique without regard to case,
 * https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9.
 * The API refuses the same names (Worksheet.name, WorksheetCollection.add); which error code it
 * gives, the docs do not say: the fake answers InvalidArgument, and ItemAlreadyExists for a clash.
 */
export function checkSheetName(model: WorkbookModel, name: string, exceptId: string | null): void {
  if (
    name.length === 0 ||
    name.length > 31 ||
    /[[\]:*?/\\]/.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'") ||
    name.toLowerCase() === 'history'
  ) {
    throw new FakeExcelError('InvalidArgument', `'${name}' is not a valid worksheet name.`);
  }
  const clash = sheetByName(model, name);
  if (clash && clash.id !== exceptId) throw new FakeExcelError('ItemAlreadyExists', `A worksheet named '${name}' already exists.`);
}

export function cellIn(sheet: SheetModel, row: number, col: number): CellModel | undefined {
  return sheet.cells.get(cellKey(row, col));
}

export function ensureCell(sheet: SheetModel, row: number, col: number): CellModel {
  const key = cellKey(row, col);
  let cell = sheet.cells.get(key);
  if (!cell) {
    cell = emptyCell();
    sheet.cells.set(key, cell);
  }
  return cell;
}

/** Visits the cells that exist inside a rectangle, cheaply for big sparse ranges. */
export function existingCellsIn(sheet: SheetModel, rect: Rect, visit: (cell: CellModel, row: number, col: number, key: number) => void): void {
  const area = (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
  if (area <= sheet.cells.size) {
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) {
        const key = cellKey(r, c);
        const cell = sheet.cells.get(key);
        if (cell) visit(cell, r, c, key);
      }
    }
    return;
  }
  for (const [key, cell] of [...sheet.cells]) {
    const r = keyRow(key);
    const c = keyColumn(key);
    if (contains(rect, r, c)) visit(cell, r, c, key);
  }
}

export function dropIfPristine(sheet: SheetModel, key: number): void {
  const cell = sheet.cells.get(key);
  if (cell && isPristine(cell)) sheet.cells.delete(key);
}

/**
 * "#RRGGBB" from "#rrggbb", "RRGGBB" or the few colour names people write: RangeFill.color takes
 * "#RRGGBB" or "a named HTML color" (https://learn.microsoft.com/javascript/api/excel/excel.rangefill#excel-excel-rangefill-color-member);
 * the fake knows only the names below and refuses others rather than guess.
 */
export function normalizeColor(input: unknown): string {
  const names: Record<string, string> = { red: '#FF0000', white: '#FFFFFF', black: '#000000', yellow: '#FFFF00', green: '#008000', blue: '#0000FF' };
  if (typeof input === 'string') {
    const named = names[input.toLowerCase()];
    if (named) return named;
    const m = /^#?([0-9a-f]{6})$/i.exec(input);
    if (m) return `#${m[1]!.toUpperCase()}`;
  }
  throw new FakeExcelError('InvalidArgument', `'${String(input)}' is not a colour.`);
}
