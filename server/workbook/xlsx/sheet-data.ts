import type { CellValue } from '../../../shared/table/grid';
import { EXCEL_MAX_COLS, EXCEL_MAX_ROWS } from '../limit-defaults';
import type { CellBudget } from './cell-budget';
import { parseCellRef, parsePositiveInt } from './cell-ref';
import type { NumberKind } from './number-formats';
import { refuse } from './read-refusal';
import { normaliseIsoDate, serialToIso } from './serial-date';
import type { Attributes, XmlHandlers } from './xml-part';
import { decodeXString } from './xstring';

export interface SheetContext {
  readonly sheetName: string;
  readonly sharedStrings: readonly string[];
  readonly styleKinds: readonly NumberKind[];
  readonly date1904: boolean;
  readonly cells: CellBudget;
}

/**
 * Rows that hold no value share one empty array: a sheet whose only cell is far down costs a
 * pointer per skipped row, not an array. Frozen, because it is shared.
 */
const EMPTY_ROW = Object.freeze([]) as unknown as CellValue[];

/**
 * The `<sheetData>` of one worksheet as SAX events → rows of values. Everything else in the
 * part (merges, validations, conditional formats, drawings) is never looked at: reading stops
 * at `</sheetData>`. This is the hot path, so it is a flat state machine with no allocation
 * per element beyond the values it keeps.
 */
export class SheetDataReader implements XmlHandlers {
  readonly rows: CellValue[][] = [];
  private inSheetData = false;
  private finished = false;
  /** Zero-based index of the current `<row>`, -1 before the first. */
  private rowIndex = -1;
  private nextCol = 0;

  private inCell = false;
  private cellRow = 0;
  private cellCol = 0;
  private cellType: string | undefined;
  private cellStyle = 0;
  private inValue = false;
  private hasValue = false;
  private value = '';
  private inInline = false;
  private inInlineText = false;
  private hasInline = false;
  private inlineText = '';
  private phoneticDepth = 0;

  constructor(private readonly ctx: SheetContext) {}

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
    if (r === undefined) {
      this.rowIndex += 1;
    } else {
      const n = parsePositiveInt(r);
      if (n === null) refuse('corrupt', { reason: 'bad-row-number', sheet: this.ctx.sheetName });
      this.rowIndex = n - 1;
    }
    if (this.rowIndex >= EXCEL_MAX_ROWS) refuse('corrupt', { reason: 'beyond-sheet', sheet: this.ctx.sheetName });
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
      if (pos === null) refuse('corrupt', { reason: 'bad-cell-address', sheet: this.ctx.sheetName });
      this.cellRow = pos.row;
      this.cellCol = pos.col;
    }
    if (this.cellRow >= EXCEL_MAX_ROWS || this.cellCol >= EXCEL_MAX_COLS) {
      refuse('corrupt', { reason: 'beyond-sheet', sheet: this.ctx.sheetName });
    }
    this.nextCol = this.cellCol + 1;
    this.cellType = attrs.t;
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
    const value = this.cellValue();
    if (value !== null) this.place(this.cellRow, this.cellCol, value);
  }

  /** Null for a cell without a value (styled but empty, or a formula never calculated). */
  private cellValue(): CellValue {
    const raw = this.value;
    switch (this.cellType) {
      case 's': {
        if (!this.hasValue) return null;
        const index = Number(raw);
        const text = Number.isInteger(index) ? this.ctx.sharedStrings[index] : undefined;
        if (text === undefined) refuse('corrupt', { reason: 'shared-string-index', sheet: this.ctx.sheetName });
        return text;
      }
      case 'inlineStr':
        if (this.hasInline) return decodeXString(this.inlineText);
        return this.hasValue ? decodeXString(raw) : null;
      case 'str':
        // A formula's text result; Excel writes <v></v> for a formula that returns "".
        return this.hasValue ? decodeXString(raw) : null;
      case 'b':
        if (!this.hasValue) return null;
        return raw.trim() === '1' || raw.trim().toLowerCase() === 'true';
      case 'e':
        return this.hasValue ? raw : null;
      case 'd':
        return this.hasValue ? normaliseIsoDate(raw) : null;
      default:
        return this.hasValue ? this.numberValue(raw) : null;
    }
  }

  private numberValue(raw: string): CellValue {
    if (raw.trim() === '') return null;
    const n = Number(raw);
    // Not a number after all: keep what the file says rather than inventing one.
    if (!Number.isFinite(n)) return raw;
    if (this.ctx.styleKinds[this.cellStyle] === 'date') return serialToIso(n, this.ctx.date1904) ?? n;
    return n;
  }

  private place(row: number, col: number, value: CellValue): void {
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
