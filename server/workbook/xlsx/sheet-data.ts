import { excelNumberValue, isoDateText, type FormatKind } from '../../../shared/parse/excel-number';
import type { CellValue } from '../../../shared/table/grid';
import { EXCEL_MAX_COLS, EXCEL_MAX_ROWS } from '../limit-defaults';
import type { CellBudget } from './cell-budget';
import { parseCellRef, parsePositiveInt } from './cell-ref';
import { refuse } from './read-refusal';
import type { Attributes, XmlHandlers } from './xml-part';
import { decodeXString } from './xstring';

export interface SheetContext {
  readonly sheetName: string;
  readonly sharedStrings: readonly string[];
  readonly styleKinds: readonly FormatKind[];
  readonly date1904: boolean;
  readonly cells: CellBudget;
}

/**
 * A cell's `t` attribute as a small number, so that the hot path compares integers. Anything
 * that is not one of the types below (`n`, absent, or a value no writer uses) reads as a number.
 */
export const CELL_NUMBER = 0;
export const CELL_SHARED = 1;
export const CELL_INLINE = 2;
export const CELL_STR = 3;
export const CELL_BOOL = 4;
export const CELL_ERROR = 5;
export const CELL_DATE = 6;

export function cellTypeCode(t: string | undefined): number {
  switch (t) {
    case 's':
      return CELL_SHARED;
    case 'inlineStr':
      return CELL_INLINE;
    case 'str':
      return CELL_STR;
    case 'b':
      return CELL_BOOL;
    case 'e':
      return CELL_ERROR;
    case 'd':
      return CELL_DATE;
    default:
      return CELL_NUMBER;
  }
}

/**
 * One cell's value from what its XML held: `raw` the text of its `<v>` (when `hasValue`),
 * `inlineText` the text of its `<is>` (when `hasInline`). Null for a cell without a value
 * (styled but empty, or a formula never calculated). Both sheet readers decode cells here,
 * but place shared strings by index (`sharedIndex`).
 */
export function decodeCellValue(
  ctx: SheetContext,
  type: number,
  style: number,
  hasValue: boolean,
  raw: string,
  hasInline: boolean,
  inlineText: string,
): CellValue {
  switch (type) {
    case CELL_SHARED:
      return hasValue ? (ctx.sharedStrings[sharedIndex(ctx, raw)] as string) : null;
    case CELL_INLINE:
      if (hasInline) return decodeXString(inlineText);
      return hasValue ? decodeXString(raw) : null;
    case CELL_STR:
      // A formula's text result; Excel writes <v></v> for a formula that returns "".
      return hasValue ? decodeXString(raw) : null;
    case CELL_BOOL:
      if (!hasValue) return null;
      return raw.trim() === '1' || raw.trim().toLowerCase() === 'true';
    case CELL_ERROR:
      return hasValue ? raw : null;
    case CELL_DATE:
      return hasValue ? isoDateText(raw) : null;
    default: {
      if (!hasValue || raw.trim() === '') return null;
      const n = Number(raw);
      // Not a number after all: keep what the file says rather than inventing one.
      if (!Number.isFinite(n)) return raw;
      return numberCell(ctx, style, n);
    }
  }
}

/** A finite number under its cell format (shared/parse/excel-number.ts: dates, percents). */
export function numberCell(ctx: SheetContext, style: number, n: number): CellValue {
  const kind = ctx.styleKinds[style];
  return kind === undefined || kind === 'number' ? n : excelNumberValue(n, kind, ctx.date1904);
}

/** The `<v>` of a `t="s"` cell as an index into the shared strings, refusing one past the table. */
export function sharedIndex(ctx: SheetContext, raw: string): number {
  const index = Number(raw);
  return checkedSharedIndex(ctx, Number.isInteger(index) ? index : -1);
}

export function checkedSharedIndex(ctx: SheetContext, index: number): number {
  if (ctx.sharedStrings[index] === undefined) refuse('corrupt', { reason: 'shared-string-index', sheet: ctx.sheetName });
  // (-0, from "-0", is index 0.)
  return index | 0;
}

/**
 * Where a sheet reader puts the cells it decodes: the grid as arrays (`GridRows`), or the
 * worker's transfer format built directly (`EncodedSheetBuilder` in grid-transfer.ts). Every
 * sink counts grid slots against the workbook's cell budget the same way, so a workbook is
 * refused at the same cell whichever sink reads it.
 */
export interface CellSink {
  /** A value (never null) at a zero-based position; a later one at the same position wins. */
  place(row: number, col: number, value: string | number | boolean): void;
  /** Shared string `index` (already checked against the table) at a position. */
  placeShared(row: number, col: number, index: number): void;
}

/**
 * Rows that hold no value share one empty array: a sheet whose only cell is far down costs a
 * pointer per skipped row, not an array. Frozen, because it is shared.
 */
const EMPTY_ROW = Object.freeze([]) as unknown as CellValue[];

/**
 * The grid as arrays. Slots are counted as they are allocated: every row entry, and every
 * cell entry up to the last one written in its row.
 */
export class GridRows implements CellSink {
  readonly rows: CellValue[][] = [];

  constructor(private readonly ctx: SheetContext) {}

  placeShared(row: number, col: number, index: number): void {
    this.place(row, col, this.ctx.sharedStrings[index] as string);
  }

  place(row: number, col: number, value: CellValue): void {
    const rows = this.rows;
    let cells = rows[row];
    if (cells === undefined) {
      this.ctx.cells.take(row + 1 - rows.length, this.ctx.sheetName);
      while (rows.length < row) rows.push(EMPTY_ROW);
      cells = [];
      rows.push(cells);
    } else if (cells === EMPTY_ROW) {
      cells = [];
      rows[row] = cells;
    }
    const length = cells.length;
    if (col < length) {
      cells[col] = value;
      return;
    }
    this.ctx.cells.take(col + 1 - length, this.ctx.sheetName);
    while (cells.length < col) cells.push(null);
    cells.push(value);
  }
}

/** `<row r>` → zero-based row index, refusing what no sheet can hold. */
export function rowIndexOf(ctx: SheetContext, r: string): number {
  const n = parsePositiveInt(r);
  if (n === null) refuse('corrupt', { reason: 'bad-row-number', sheet: ctx.sheetName });
  return checkRow(ctx, n - 1);
}

export function checkRow(ctx: SheetContext, rowIndex: number): number {
  if (rowIndex >= EXCEL_MAX_ROWS) refuse('corrupt', { reason: 'beyond-sheet', sheet: ctx.sheetName });
  return rowIndex;
}

export function badCellAddress(ctx: SheetContext): never {
  refuse('corrupt', { reason: 'bad-cell-address', sheet: ctx.sheetName });
}

export function checkCell(ctx: SheetContext, row: number, col: number): void {
  if (row >= EXCEL_MAX_ROWS || col >= EXCEL_MAX_COLS) refuse('corrupt', { reason: 'beyond-sheet', sheet: ctx.sheetName });
}

/**
 * The `<sheetData>` of one worksheet as SAX events → rows of values. Everything else in the
 * part (merges, validations, conditional formats, drawings) is never looked at: reading stops
 * at `</sheetData>`. This is the saxes path: `sheet-scan.ts` reads the same elements with the
 * same state machine much faster, and falls back to this for what it does not handle.
 */
export class SheetDataReader implements XmlHandlers {
  private inSheetData = false;
  private finished = false;
  /** Zero-based index of the current `<row>`, -1 before the first. */
  private rowIndex = -1;
  private nextCol = 0;

  private inCell = false;
  private cellRow = 0;
  private cellCol = 0;
  private cellType = CELL_NUMBER;
  private cellStyle = 0;
  private inValue = false;
  private hasValue = false;
  private value = '';
  private inInline = false;
  private inInlineText = false;
  private hasInline = false;
  private inlineText = '';
  private phoneticDepth = 0;

  constructor(
    private readonly ctx: SheetContext,
    private readonly sink: CellSink,
  ) {}

  done(): boolean {
    return this.finished;
  }

  open(local: string, attrs: Attributes): void {
    if (!this.inSheetData) {
      if (local === 'sheetData' && !this.finished) this.inSheetData = true;
      return;
    }
    switch (local) {
      case 'c':
        this.openCell(attrs);
        return;
      case 'v':
        if (this.inCell) {
          this.inValue = true;
          this.hasValue = true;
          this.value = '';
        }
        return;
      case 'row':
        this.openRow(attrs);
        return;
      case 'is':
        if (this.inCell) {
          this.inInline = true;
          this.hasInline = true;
          this.inlineText = '';
        }
        return;
      case 't':
        if (this.inInline && this.phoneticDepth === 0) this.inInlineText = true;
        return;
      case 'rPh':
        if (this.inInline) this.phoneticDepth += 1;
        return;
      default:
        return;
    }
  }

  text(text: string): void {
    if (this.inValue) this.value += text;
    else if (this.inInlineText) this.inlineText += text;
  }

  close(local: string): void {
    if (!this.inSheetData) return;
    switch (local) {
      case 'v':
        this.inValue = false;
        return;
      case 'c':
        if (this.inCell) this.closeCell();
        return;
      case 't':
        this.inInlineText = false;
        return;
      case 'rPh':
        if (this.phoneticDepth > 0) this.phoneticDepth -= 1;
        return;
      case 'is':
        this.inInline = false;
        return;
      case 'sheetData':
        this.finished = true;
        this.inSheetData = false;
        return;
      default:
        return;
    }
  }

  private openRow(attrs: Attributes): void {
    const r = attrs.r;
    this.rowIndex = r === undefined ? checkRow(this.ctx, this.rowIndex + 1) : rowIndexOf(this.ctx, r);
    this.nextCol = 0;
  }

  private openCell(attrs: Attributes): void {
    const r = attrs.r;
    if (r === undefined) {
      // Cells may omit their address: they follow the previous cell of the row.
      if (this.rowIndex < 0) this.rowIndex = 0;
      this.cellRow = this.rowIndex;
      this.cellCol = this.nextCol;
    } else {
      const pos = parseCellRef(r);
      if (pos === null) badCellAddress(this.ctx);
      this.cellRow = pos.row;
      this.cellCol = pos.col;
    }
    checkCell(this.ctx, this.cellRow, this.cellCol);
    this.nextCol = this.cellCol + 1;
    this.cellType = cellTypeCode(attrs.t);
    const s = attrs.s;
    this.cellStyle = s === undefined ? 0 : Number(s);
    this.inCell = true;
    this.hasValue = false;
    this.hasInline = false;
    this.value = '';
  }

  private closeCell(): void {
    this.inCell = false;
    this.inValue = false;
    this.inInline = false;
    this.inInlineText = false;
    this.phoneticDepth = 0;
    if (this.cellType === CELL_SHARED) {
      if (this.hasValue) this.sink.placeShared(this.cellRow, this.cellCol, sharedIndex(this.ctx, this.value));
      return;
    }
    const value = decodeCellValue(this.ctx, this.cellType, this.cellStyle, this.hasValue, this.value, this.hasInline, this.inlineText);
    if (value !== null) this.sink.place(this.cellRow, this.cellCol, value);
  }
}
