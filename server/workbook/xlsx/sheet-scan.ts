import type { CellValue } from '../../../shared/table/grid';
import { parseCellRef } from './cell-ref';
import { refuse } from './read-refusal';
import {
  CELL_BOOL,
  CELL_DATE,
  CELL_ERROR,
  CELL_INLINE,
  CELL_NUMBER,
  CELL_SHARED,
  CELL_STR,
  GridRows,
  SheetDataReader,
  badCellAddress,
  cellTypeCode,
  checkCell,
  checkRow,
  checkedSharedIndex,
  decodeCellValue,
  numberCell,
  rowIndexOf,
  sharedIndex,
  type CellSink,
  type SheetContext,
} from './sheet-data';
import { parseXmlPart, parseXmlText } from './xml-part';
import { scanXmlBytes, scanXmlPart, stringOf, type ScanHandler, type XmlScanner } from './xml-scan';
import type { InflateBudget, ZipPackage } from './zip-source';

const K_OTHER = 0;
const K_SHEET_DATA = 1;
const K_ROW = 2;
const K_C = 3;
const K_V = 4;
const K_IS = 5;
const K_T = 6;
const K_RPH = 7;

const CHAR_R = 114;
const CHAR_S = 115;
const CHAR_T = 116;

/** Powers of ten that are exact doubles, for `parseSimpleNumber`. */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * "-12", "4730", "0.035" (as bytes) → the number `Number()` gives, without making a string; NaN for
 * anything else (exponents, signs, spaces, more than 15 digits), which the caller hands to
 * `Number()`. Exact: up to 15 digits the mantissa is an exact integer and 10^k an exact
 * double, so one division rounds correctly, as `Number()` does (Clinger's fast path).
 */
export function parseSimpleNumber(s: Uint8Array, start: number, end: number): number {
  let k = start;
  const negative = k < end && s[k] === 45;
  if (negative) k++;
  const first = k;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let dot = false;
  for (; k < end; k++) {
    const c = s[k] as number;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (dot) scale++;
      if (digits > 15) return NaN;
    } else if (c === 46 && !dot && k > first) {
      dot = true;
    } else {
      return NaN;
    }
  }
  if (digits === 0 || (dot && scale === 0)) return NaN;
  const value = scale === 0 ? mantissa : mantissa / (POW10[scale] as number);
  return negative ? -value : value;
}

/**
 * `<sheetData>` from the fast scanner: the same state machine as `SheetDataReader` (same
 * flags, same order of checks, the same refusals), fed with positions in the scanned text, so
 * that the common cell — `<c r="B2" s="1" t="s"><v>17</v></c>` — costs no string, no
 * attribute object and no regular expression: the address, type, style, shared-string index
 * and plain numbers are read straight from the text.
 */
export class SheetScanHandler implements ScanHandler {
  private inSheetData = false;
  private finished = false;
  private rowIndex = -1;
  private nextCol = 0;

  private inCell = false;
  private cellRow = 0;
  private cellCol = 0;
  private cellType = CELL_NUMBER;
  private cellStyle = 0;
  private inValue = false;
  private hasValue = false;
  /** The value's text so far, when it is not (only) the range below. */
  private value = '';
  /** The value as a range of `valueBuf`, while it is one plain piece of text; -1 otherwise. */
  private valueStart = -1;
  private valueEnd = 0;
  private valueBuf: Buffer = Buffer.alloc(0);
  private inInline = false;
  private inInlineText = false;
  private hasInline = false;
  private inlineText = '';
  private phoneticDepth = 0;

  constructor(
    private readonly ctx: SheetContext,
    private readonly sink: CellSink,
  ) {}

  kindOf(local: string): number {
    switch (local) {
      case 'sheetData':
        return K_SHEET_DATA;
      case 'row':
        return K_ROW;
      case 'c':
        return K_C;
      case 'v':
        return K_V;
      case 'is':
        return K_IS;
      case 't':
        return K_T;
      case 'rPh':
        return K_RPH;
      default:
        return K_OTHER;
    }
  }

  open(kind: number, scanner: XmlScanner): void {
    if (!this.inSheetData) {
      if (kind === K_SHEET_DATA && !this.finished) this.inSheetData = true;
      return;
    }
    switch (kind) {
      case K_C:
        this.openCell(scanner);
        return;
      case K_V:
        if (this.inCell) {
          this.inValue = true;
          this.hasValue = true;
          this.value = '';
          this.valueStart = -1;
        }
        return;
      case K_ROW:
        this.openRow(scanner);
        return;
      case K_IS:
        if (this.inCell) {
          this.inInline = true;
          this.hasInline = true;
          this.inlineText = '';
        }
        return;
      case K_T:
        if (this.inInline && this.phoneticDepth === 0) this.inInlineText = true;
        return;
      case K_RPH:
        if (this.inInline) this.phoneticDepth += 1;
        return;
      default:
        return;
    }
  }

  text(scanner: XmlScanner, start: number, end: number, decoded: string | null): void {
    if (this.inValue) {
      if (decoded === null && this.valueStart < 0 && this.value === '') {
        this.valueBuf = scanner.buf;
        this.valueStart = start;
        this.valueEnd = end;
        return;
      }
      this.value = this.rawValue() + (decoded ?? scanner.stringAt(start, end));
      this.valueStart = -1;
    } else if (this.inInlineText) {
      this.inlineText += decoded ?? scanner.stringAt(start, end);
    }
  }

  close(kind: number): boolean {
    if (!this.inSheetData) return false;
    switch (kind) {
      case K_V:
        this.inValue = false;
        return false;
      case K_C:
        if (this.inCell) this.closeCell();
        return false;
      case K_T:
        this.inInlineText = false;
        return false;
      case K_RPH:
        if (this.phoneticDepth > 0) this.phoneticDepth -= 1;
        return false;
      case K_IS:
        this.inInline = false;
        return false;
      case K_SHEET_DATA:
        this.finished = true;
        this.inSheetData = false;
        return true;
      default:
        return false;
    }
  }

  private rawValue(): string {
    return this.valueStart < 0 ? this.value : stringOf(this.valueBuf, this.valueStart, this.valueEnd);
  }

  private openRow(scanner: XmlScanner): void {
    const k = scanner.attrIndex('r');
    if (k < 0) {
      this.rowIndex = checkRow(this.ctx, this.rowIndex + 1);
    } else if (scanner.attrFlags[k] === 0) {
      const n = positiveIntAt(scanner.buf, scanner.attrValueStart[k] as number, scanner.attrValueEnd[k] as number);
      if (n < 0) refuse('corrupt', { reason: 'bad-row-number', sheet: this.ctx.sheetName });
      this.rowIndex = checkRow(this.ctx, n - 1);
    } else {
      this.rowIndex = rowIndexOf(this.ctx, scanner.attrValue(k));
    }
    this.nextCol = 0;
  }

  private openCell(scanner: XmlScanner): void {
    const buf = scanner.buf;
    let ref = -1;
    let type = CELL_NUMBER;
    let style = 0;
    for (let k = 0; k < scanner.attrCount; k++) {
      const nameStart = scanner.attrNameStart[k] as number;
      if ((scanner.attrNameEnd[k] as number) - nameStart !== 1) continue;
      const name = buf[nameStart];
      if (name === CHAR_R) ref = k;
      else if (name === CHAR_T) type = cellTypeAt(scanner, k);
      else if (name === CHAR_S) style = styleAt(scanner, k);
    }
    if (ref < 0) {
      // Cells may omit their address: they follow the previous cell of the row.
      if (this.rowIndex < 0) this.rowIndex = 0;
      this.cellRow = this.rowIndex;
      this.cellCol = this.nextCol;
    } else {
      const packed =
        scanner.attrFlags[ref] === 0
          ? cellRefAt(buf, scanner.attrValueStart[ref] as number, scanner.attrValueEnd[ref] as number)
          : packedRef(scanner.attrValue(ref));
      if (packed < 0) badCellAddress(this.ctx);
      this.cellRow = unpackRow(packed);
      this.cellCol = unpackCol(packed);
    }
    checkCell(this.ctx, this.cellRow, this.cellCol);
    this.nextCol = this.cellCol + 1;
    this.cellType = type;
    this.cellStyle = style;
    this.inCell = true;
    this.hasValue = false;
    this.hasInline = false;
    this.value = '';
    this.valueStart = -1;
  }

  private closeCell(): void {
    this.inCell = false;
    this.inValue = false;
    this.inInline = false;
    this.inInlineText = false;
    this.phoneticDepth = 0;
    const type = this.cellType;
    if (type === CELL_SHARED) {
      if (!this.hasValue) return;
      const index = this.valueStart >= 0 ? this.plainIndex() : -1;
      const checked = index >= 0 ? checkedSharedIndex(this.ctx, index) : sharedIndex(this.ctx, this.rawValue());
      this.sink.placeShared(this.cellRow, this.cellCol, checked);
      return;
    }
    let value: CellValue | undefined;
    if (type === CELL_NUMBER && this.valueStart >= 0 && this.hasValue) value = this.numberFast();
    if (value === undefined) {
      value = decodeCellValue(this.ctx, type, this.cellStyle, this.hasValue, this.rawValue(), this.hasInline, this.inlineText);
    }
    if (value !== null) this.sink.place(this.cellRow, this.cellCol, value);
  }

  /** `<v>17</v>` of a `t="s"` cell as a number; -1 when it is not 1–9 plain digits. */
  private plainIndex(): number {
    const buf = this.valueBuf;
    const end = this.valueEnd;
    if (end - this.valueStart > 9 || end === this.valueStart) return -1;
    let index = 0;
    for (let k = this.valueStart; k < end; k++) {
      const c = (buf[k] as number) - 48;
      if (c < 0 || c > 9) return -1;
      index = index * 10 + c;
    }
    return index;
  }

  private numberFast(): CellValue | undefined {
    const n = parseSimpleNumber(this.valueBuf, this.valueStart, this.valueEnd);
    return n === n ? numberCell(this.ctx, this.cellStyle, n) : undefined;
  }
}

/** Columns stop at 1e7 in `parseCellRef`, so a position packs as row × 2^24 + col, exact in a double. */
const COL_FACTOR = 16_777_216;
const unpackRow = (packed: number): number => Math.floor(packed / COL_FACTOR);
const unpackCol = (packed: number): number => packed % COL_FACTOR;

function packedRef(ref: string): number {
  const pos = parseCellRef(ref);
  return pos === null ? -1 : pos.row * COL_FACTOR + pos.col;
}

/** `parseCellRef` on bytes, packed; -1 where it gives null. Same steps, same limits. */
export function cellRefAt(s: Uint8Array, start: number, end: number): number {
  let i = start;
  let col = 0;
  while (i < end) {
    const c = s[i] as number;
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    i += 1;
    if (col > 1e7) return -1;
  }
  if (i === start || i === end) return -1;
  let row = 0;
  for (; i < end; i++) {
    const c = s[i] as number;
    if (c < 48 || c > 57) return -1;
    row = row * 10 + (c - 48);
    if (row > 1e8) return -1;
  }
  if (row === 0) return -1;
  return (row - 1) * COL_FACTOR + (col - 1);
}

/** `parsePositiveInt` on bytes: the number, or -1 where it gives null. */
export function positiveIntAt(s: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length < 1 || length > 9) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = (s[i] as number) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n >= 1 ? n : -1;
}

function cellTypeAt(scanner: XmlScanner, k: number): number {
  if (scanner.attrFlags[k] !== 0) return cellTypeCode(scanner.attrValue(k));
  const buf = scanner.buf;
  const start = scanner.attrValueStart[k] as number;
  const end = scanner.attrValueEnd[k] as number;
  if (end - start === 1) {
    switch (buf[start]) {
      case CHAR_S:
        return CELL_SHARED;
      case 98 /* b */:
        return CELL_BOOL;
      case 101 /* e */:
        return CELL_ERROR;
      case 100 /* d */:
        return CELL_DATE;
      default:
        return CELL_NUMBER;
    }
  }
  if (scanner.equalsAt(start, end, 'str')) return CELL_STR;
  if (scanner.equalsAt(start, end, 'inlineStr')) return CELL_INLINE;
  return CELL_NUMBER;
}

function styleAt(scanner: XmlScanner, k: number): number {
  if (scanner.attrFlags[k] === 0) {
    const buf = scanner.buf;
    const start = scanner.attrValueStart[k] as number;
    const end = scanner.attrValueEnd[k] as number;
    if (end > start && end - start <= 9) {
      let n = 0;
      let i = start;
      for (; i < end; i++) {
        const c = (buf[i] as number) - 48;
        if (c < 0 || c > 9) break;
        n = n * 10 + c;
      }
      if (i === end) return n;
    }
  }
  return Number(scanner.attrValue(k));
}

/**
 * One worksheet's cells into a fresh sink: the fast scanner, or — when it meets something it
 * leaves to saxes — saxes from the start of the part into another fresh sink, with the inflate
 * and cell budgets set back to where they stood, as if the fast attempt had never been.
 */
export async function readSheetCells<S extends CellSink>(
  pkg: ZipPackage,
  partName: string,
  budget: InflateBudget,
  ctx: SheetContext,
  newSink: () => S,
): Promise<S> {
  const inflated = budget.used;
  const cells = ctx.cells.used;
  const fast = newSink();
  if (await scanXmlPart(pkg, partName, budget, new SheetScanHandler(ctx, fast))) return fast;
  budget.rewind(inflated);
  ctx.cells.rewind(cells);
  const slow = newSink();
  await parseXmlPart(pkg, partName, budget, new SheetDataReader(ctx, slow));
  return slow;
}

/**
 * Both readers on worksheet XML in hand, for tests: the fast scanner's rows (or 'fallback'
 * when it would leave the part to saxes), and saxes's rows from the same bytes decoded as
 * `partText` decodes them.
 */
export function scanSheetBytes(chunks: readonly Buffer[], ctx: SheetContext): CellValue[][] | 'fallback' {
  const grid = new GridRows(ctx);
  return scanXmlBytes(chunks, new SheetScanHandler(ctx, grid)) ? grid.rows : 'fallback';
}

export async function saxesSheetBytes(chunks: readonly Buffer[], ctx: SheetContext): Promise<CellValue[][]> {
  const grid = new GridRows(ctx);
  const decoder = new TextDecoder();
  const text = chunks.map((chunk) => decoder.decode(chunk, { stream: true }));
  text.push(decoder.decode());
  await parseXmlText(text, 'sheet.xml', new SheetDataReader(ctx, grid));
  return grid.rows;
}
