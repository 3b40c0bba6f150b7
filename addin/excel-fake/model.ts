import { MAX_COLUMNS, type Rect } from './a1';

/**
 * The workbook the fake keeps in memory: plain data only (no classes, no functions), so that a
 * batch can be rolled back by a structured clone and the preview can render it as it is.
 * An empty cell is absent; a cell's empty value is ''.
 */
export type ModelValue = string | number | boolean;

export interface CellModel {
  value: ModelValue;
  /** The formula as typed ("=1+1"); null for a constant. */
  formula: string | null;
  numberFormat: string;
  /** Direct fill, "#RRGGBB"; null for none. */
  fill: string | null;
  bold: boolean;
  fontColor: string | null;
  /** Typed with a leading apostrophe: the text is shown as text whatever it looks like. */
  quotePrefix: boolean;
}

export interface TableModel {
  id: string;
  name: string;
  rect: Rect;
  style: string;
  hasHeaders: boolean;
}

export interface ChartModel {
  id: string;
  name: string;
  type: string;
  source: Rect;
  seriesBy: string;
  title: string;
  /** Top-left and bottom-right cells it covers, when placed. */
  position: { start: string; end: string | null } | null;
}

export interface IconCriterionModel {
  type: string;
  operator: string;
  formula: string;
}

export interface ConditionalFormatModel {
  id: string;
  rect: Rect;
  type: string;
  iconSet: { style: string; criteria: IconCriterionModel[] } | null;
  cellValue: { rule: { formula1: string; formula2?: string; operator: string } | null; fill: string | null; fontColor: string | null } | null;
}

export interface ValidationModel {
  rect: Rect;
  rule: { list?: { inCellDropDown: boolean; source: string } } & Record<string, unknown>;
  errorAlert: { showAlert: boolean; style: string; title: string; message: string } | null;
}

export interface AnnotationModel {
  id: string;
  content: string;
  author: string;
}

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface SheetModel {
  id: string;
  name: string;
  visibility: Visibility;
  cells: Map<number, CellModel>;
  columnWidths: Map<number, number>;
  frozenRows: number;
  tables: TableModel[];
  charts: ChartModel[];
  conditionalFormats: ConditionalFormatModel[];
  validations: ValidationModel[];
  /** Notes (ExcelApi 1.18) by cell key. */
  notes: Map<number, AnnotationModel>;
  /** Threaded comments (ExcelApi 1.10) by cell key. */
  comments: Map<number, AnnotationModel>;
}

export interface WorkbookModel {
  sheets: SheetModel[];
  /** The add-in's document settings (Excel.SettingCollection), JSON values. */
  settings: Map<string, unknown>;
  activeSheetId: string | null;
  selection: { sheetId: string; rect: Rect } | null;
  nextId: number;
}

export function cellKey(row: number, col: number): number {
  return row * MAX_COLUMNS + col;
}

export function keyRow(key: number): number {
  return Math.floor(key / MAX_COLUMNS);
}

export function keyColumn(key: number): number {
  return key % MAX_COLUMNS;
}

export function emptyCell(): CellModel {
  return { value: '', formula: null, numberFormat: 'General', fill: null, bold: false, fontColor: null, quotePrefix: false };
}

export function isBlankCell(cell: CellModel | undefined): boolean {
  return !cell || (cell.value === '' && cell.formula === null);
}

/** A cell that holds nothing and looks like nothing can be dropped from the map. */
export function isPristine(cell: CellModel): boolean {
  return isBlankCell(cell) && cell.numberFormat === 'General' && cell.fill === null && !cell.bold && cell.fontColor === null;
}

export function newId(model: WorkbookModel, prefix: string): string {
  model.nextId += 1;
  return `{${prefix}-${String(model.nextId).padStart(8, '0')}}`;
}

export function emptySheet(model: WorkbookModel, name: string): SheetModel {
  return {
    id: newId(model, 'sheet'),
    name,
    visibility: 'Visible',
    cells: new Map(),
    columnWidths: new Map(),
    frozenRows: 0,
    tables: [],
    charts: [],
    conditionalFormats: [],
    validations: [],
    notes: new Map(),
    comments: new Map(),
  };
}

export function emptyWorkbook(): WorkbookModel {
  return { sheets: [], settings: new Map(), activeSheetId: null, selection: null, nextId: 0 };
}

/** The bounding box of the cells that hold values (valuesOnly) or anything at all; null when none. */
export function usedRect(sheet: SheetModel, valuesOnly: boolean): Rect | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const [key, cell] of sheet.cells) {
    if (valuesOnly ? isBlankCell(cell) : isPristine(cell)) continue;
    const r = keyRow(key);
    const c = keyColumn(key);
    if (r < top) top = r;
    if (r > bottom) bottom = r;
    if (c < left) left = c;
    if (c > right) right = c;
  }
  return bottom < 0 ? null : { top, left, bottom, right };
}
