import type { CellValue, SheetGrid } from '../../shared/table/grid';
import { GridRows, type CellSink, type SheetContext } from './xlsx/sheet-data';

/**
 * Grids as they cross from the read worker to the main thread. A structured clone of the
 * arrays copies every string once per cell and rebuilds every value on arrival (~150 ms for
 * 100k rows × 4 columns); here each distinct string travels once, everything else as typed
 * arrays whose buffers are transferred, not copied. On arrival equal strings are one object.
 */
export interface EncodedSheet {
  readonly name: string;
  /** Cells per row (0 for an empty row). */
  readonly rowLengths: Int32Array;
  /** Per cell: ≥ 0 an index into `strings`; or one of the CODE_* values below. */
  readonly codes: Int32Array;
  /** Per cell: the number when its code is CODE_NUMBER. */
  readonly numbers: Float64Array;
}

export interface EncodedGrids {
  readonly strings: string[];
  readonly sheets: EncodedSheet[];
}

const CODE_NULL = -1;
const CODE_NUMBER = -2;
const CODE_TRUE = -3;
const CODE_FALSE = -4;

export function encodeGrids(grids: readonly SheetGrid[]): { encoded: EncodedGrids; transfer: ArrayBuffer[] } {
  const table = new StringTable([]);
  const encoded = { strings: table.strings, sheets: grids.map((grid) => encodeSheet(grid.name, grid.rows, table)) };
  return { encoded, transfer: transferList(encoded) };
}

function encodeSheet(name: string, rows: SheetGrid['rows'], table: StringTable): EncodedSheet {
  let cells = 0;
  for (const row of rows) cells += row.length;
  const rowLengths = new Int32Array(rows.length);
  const codes = new Int32Array(cells);
  const numbers = new Float64Array(cells);
  let at = 0;
  rows.forEach((row, r) => {
    rowLengths[r] = row.length;
    for (const value of row) {
      if (typeof value === 'number') {
        codes[at] = CODE_NUMBER;
        numbers[at] = value;
      } else if (typeof value === 'string') codes[at] = table.code(value);
      else if (value === true) codes[at] = CODE_TRUE;
      else if (value === false) codes[at] = CODE_FALSE;
      else codes[at] = CODE_NULL;
      at += 1;
    }
  });
  return { name, rowLengths, codes, numbers };
}

export function transferList(grids: EncodedGrids): ArrayBuffer[] {
  return grids.sheets.flatMap((s) => [s.rowLengths.buffer as ArrayBuffer, s.codes.buffer as ArrayBuffer, s.numbers.buffer as ArrayBuffer]);
}

function decodeCell(code: number, number: number, strings: readonly string[]): CellValue {
  if (code >= 0) return strings[code] ?? null;
  if (code === CODE_NUMBER) return number;
  return code === CODE_TRUE ? true : code === CODE_FALSE ? false : null;
}

/** Empty rows share one frozen array: a sheet whose data starts far down costs no more. */
const EMPTY_ROW: readonly CellValue[] = Object.freeze([]);

export function decodeGrids(encoded: EncodedGrids): SheetGrid[] {
  const { strings } = encoded;
  return encoded.sheets.map((sheet) => {
    const rows = new Array<readonly CellValue[]>(sheet.rowLengths.length);
    let at = 0;
    for (let r = 0; r < sheet.rowLengths.length; r++) {
      const length = sheet.rowLengths[r] ?? 0;
      if (length === 0) {
        rows[r] = EMPTY_ROW;
        continue;
      }
      const row = new Array<CellValue>(length);
      for (let c = 0; c < length; c++, at++) {
        row[c] = decodeCell(sheet.codes[at] ?? CODE_NULL, sheet.numbers[at] ?? 0, strings);
      }
      rows[r] = row;
    }
    return { name: sheet.name, rows };
  });
}

/**
 * The strings of an `EncodedGrids` as the worker builds it: the shared string table first, so
 * that a shared-string cell's code is its index and costs no lookup, then each other distinct
 * string once.
 */
export class StringTable {
  readonly strings: string[];
  private readonly index = new Map<string, number>();

  constructor(sharedStrings: readonly string[]) {
    this.strings = sharedStrings.slice();
  }

  code(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(text);
      this.index.set(text, i);
    }
    return i;
  }
}

/**
 * One sheet's `EncodedSheet` built straight from the reader's cells, in the worker: no array
 * per row, no object per cell, nothing for the collector to copy but a few big arrays, and no
 * `encodeGrids` pass afterwards. It counts grid slots against the cell budget exactly as
 * `GridRows` does, and decodes to the grid `GridRows` would have built (tested).
 *
 * The layout is the transfer format's own, row after row, gaps as nulls, kept in plain arrays:
 * like the row arrays they replace they live on the worker's heap, so a grid too big for the
 * heap limit (a cell at column XFD on every row) still ends as 'too-large'. Only the last row
 * can grow in place; a cell that lengthens an earlier row (rare: writers go row by row) turns
 * the sheet into `GridRows` arrays, encoded at the end as before.
 */
export class EncodedSheetBuilder implements CellSink {
  private lastRow = -1;
  private readonly rowStart: number[] = [];
  private readonly rowLength: number[] = [];
  private codes: number[] = [];
  private numbers: number[] = [];
  private general: GridRows | null = null;

  constructor(
    private readonly ctx: SheetContext,
    private readonly table: StringTable,
  ) {}

  placeShared(row: number, col: number, index: number): void {
    const at = this.general === null ? this.slot(row, col) : -1;
    if (at < 0) this.generalGrid().placeShared(row, col, index);
    else this.codes[at] = index;
  }

  place(row: number, col: number, value: string | number | boolean): void {
    const at = this.general === null ? this.slot(row, col) : -1;
    if (at < 0) {
      this.generalGrid().place(row, col, value);
    } else if (typeof value === 'number') {
      this.codes[at] = CODE_NUMBER;
      this.numbers[at] = value;
    } else {
      this.codes[at] = typeof value === 'string' ? this.table.code(value) : value ? CODE_TRUE : CODE_FALSE;
    }
  }

  finish(name: string): EncodedSheet {
    if (this.general !== null) return encodeSheet(name, this.general.rows, this.table);
    return { name, rowLengths: new Int32Array(this.rowLength), codes: new Int32Array(this.codes), numbers: new Float64Array(this.numbers) };
  }

  /**
   * The layout position for a cell, taking slots as `GridRows.place` takes them; -1 when the
   * cell would lengthen a row that is not the last (the caller goes general, which takes them).
   */
  private slot(row: number, col: number): number {
    if (row > this.lastRow) {
      this.ctx.cells.take(row - this.lastRow, this.ctx.sheetName);
      for (let r = this.lastRow + 1; r <= row; r++) {
        this.rowStart.push(this.codes.length);
        this.rowLength.push(0);
      }
      this.lastRow = row;
    }
    const length = this.rowLength[row] as number;
    if (col < length) return (this.rowStart[row] as number) + col;
    if (row !== this.lastRow) return -1;
    this.ctx.cells.take(col + 1 - length, this.ctx.sheetName);
    for (let k = length; k <= col; k++) {
      this.codes.push(CODE_NULL);
      this.numbers.push(0);
    }
    this.rowLength[row] = col + 1;
    return (this.rowStart[row] as number) + col;
  }

  private generalGrid(): GridRows {
    if (this.general !== null) return this.general;
    const grid = new GridRows(this.ctx);
    const { strings } = this.table;
    for (let r = 0; r <= this.lastRow; r++) {
      const start = this.rowStart[r] as number;
      const cells: CellValue[] = [];
      for (let at = start; at < start + (this.rowLength[r] as number); at++) {
        cells.push(decodeCell(this.codes[at] as number, this.numbers[at] as number, strings));
      }
      grid.rows.push(cells);
    }
    this.codes = [];
    this.numbers = [];
    this.general = grid;
    return grid;
  }
}
