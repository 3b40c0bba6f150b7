import { formatAddress, rectCells, type Rect } from './a1';
import { FakeObject, strict, type Loadable, type Scalar } from './client-object';
import { FakeConditionalFormatCollection } from './conditional-format';
import type { Execution, FakeRequestContext } from './context';
import { newDataValidation, type FakeDataValidation } from './data-validation';
import { displayText } from './display-text';
import { FakeExcelError } from './errors';
import { cellIn, dropIfPristine, ensureCell, existingCellsIn, sheetById } from './lookup';
import type { CellModel, ModelValue } from './model';
import { cellBytes, gridBytes, valueBytes } from './payload';
import { FakeRangeFormat } from './range-format';
import { cellSource, checkedRect, type RangeRef } from './range-ref';
import { parseTypedInput } from './typed-input';

type Grid = unknown[][];

function readGrid(exec: Execution, ref: RangeRef, read: (cell: CellModel | undefined) => unknown): Grid {
  const sheet = sheetById(exec.model, ref.sheetId);
  const out: Grid = [];
  for (let r = ref.rect.top; r <= ref.rect.bottom; r++) {
    const row: unknown[] = [];
    for (let c = ref.rect.left; c <= ref.rect.right; c++) row.push(read(cellIn(sheet, r, c)));
    out.push(row);
  }
  return out;
}

const gridScalar = (read: (cell: CellModel | undefined) => unknown): Scalar<RangeRef> => ({
  read: (exec, ref) => readGrid(exec, ref, read),
  bytes: (value) => gridBytes(value as Grid),
});

/** Writes one typed or assigned value into a cell, as Excel does when `values` is set. */
export function writeCell(cell: CellModel, input: unknown): void {
  if (typeof input === 'string') {
    const typed = parseTypedInput(input, cell.numberFormat);
    cell.value = typed.value;
    cell.formula = typed.formula;
    cell.quotePrefix = typed.quotePrefix;
    if (typed.numberFormat !== null && cell.numberFormat === 'General') cell.numberFormat = typed.numberFormat;
    return;
  }
  if ((typeof input === 'number' && Number.isFinite(input)) || typeof input === 'boolean') {
    // A Text ("@") cell keeps what it is given as text, numbers too: what Excel does with a number
    // typed into a Text cell ("Format numbers as text"). For a number set through the API the
    // docs are silent; the fake takes the stricter reading, and the contract suite checks the
    // adapter against a real Excel.
    if (cell.numberFormat === '@') {
      cell.value = typeof input === 'boolean' ? (input ? 'TRUE' : 'FALSE') : String(input);
      cell.formula = null;
      cell.quotePrefix = false;
      return;
    }
    cell.value = input as ModelValue;
    cell.formula = null;
    cell.quotePrefix = false;
    return;
  }
  throw new FakeExcelError('InvalidArgument', `A cell cannot hold ${String(input)}.`);
}

/** The bytes an assigned value or grid of values sends. */
function assignedBytes(input: unknown): number {
  return Array.isArray(input) ? gridBytes(input as Grid) : cellBytes(input);
}

/**
 * Excel.Range, faked. Its cell arrays (values, numberFormat, formulas, text) cost their size in
 * the sync that loads or sets them; `values` set to a string is parsed like typing; a `null`
 * in an assigned array leaves that cell alone.
 *
 * Sources:
 * - An empty cell reads as "" in values, formulas and text: Range.values, "... an empty string
 *   for empty cells" (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values,
 *   the get-values example shows "" for blank cells).
 * - null in an assigned 2-D array changes nothing there: "Update only some cells ... set the
 *   others to null" — the same set-get-values page (set values or formulas: "null input ...
 *   will be ignored"); the same for numberFormat (docs silent for numberFormat specifically; the
 *   fake treats it like values).
 * - The array must match the range's shape, else InvalidArgument ("The number of rows or columns
 *   in the input array doesn't match the size or dimensions of the range"): the error text Excel
 *   gives; the docs state the shape rule on Range.values.
 * - A single value assigned to a multi-cell range sets every cell: Range.values, "If the
 *   specified value is a single value, it will be applied to all cells" — the same page.
 * - Dates come back as serial numbers (1900 date system, with its phantom 1900-02-29: "Excel
 *   incorrectly assumes that the year 1900 is a leap year",
 *   https://learn.microsoft.com/office/troubleshoot/excel/wrongly-assumes-1900-is-leap-year) and
 *   a date numberFormat, never as Date objects: Range.values holds "string, number, or boolean";
 *   booleans as booleans; errors as their text ("#DIV/0!"). The serial arithmetic is serial.ts's.
 */
export class FakeRange extends FakeObject<RangeRef> {
  private formatProxy: FakeRangeFormat | null = null;
  private cfProxy: FakeConditionalFormatCollection | null = null;
  private dvProxy: FakeDataValidation | null = null;

  constructor(
    context: FakeRequestContext,
    private readonly resolveRef: (exec: Execution) => RangeRef | null,
    nullable: boolean,
    description = 'Range',
  ) {
    super(context, resolveRef, nullable, description);
  }

  protected scalars(): Readonly<Record<string, Scalar<RangeRef>>> {
    const rect = (exec: Execution, ref: RangeRef): Rect => {
      sheetById(exec.model, ref.sheetId);
      return ref.rect;
    };
    return {
      address: { read: (exec, ref) => formatAddress(sheetById(exec.model, ref.sheetId).name, ref.rect) },
      addressLocal: { read: (exec, ref) => formatAddress(sheetById(exec.model, ref.sheetId).name, ref.rect) },
      rowIndex: { read: (exec, ref) => rect(exec, ref).top },
      columnIndex: { read: (exec, ref) => rect(exec, ref).left },
      rowCount: { read: (exec, ref) => rect(exec, ref).bottom - ref.rect.top + 1 },
      columnCount: { read: (exec, ref) => rect(exec, ref).right - ref.rect.left + 1 },
      cellCount: { read: (exec, ref) => rectCells(rect(exec, ref)) },
      values: gridScalar((cell) => cell?.value ?? ''),
      numberFormat: gridScalar((cell) => cell?.numberFormat ?? 'General'),
      formulas: gridScalar((cell) => cell?.formula ?? cell?.value ?? ''),
      text: gridScalar((cell) => (cell ? displayText(cell.value, cell.numberFormat) : '')),
    };
  }

  protected override navigation(name: string): Loadable | null {
    return name === 'format' ? this.format : null;
  }

  get address(): string {
    return this.loaded('address');
  }
  get addressLocal(): string {
    return this.loaded('addressLocal');
  }
  get rowIndex(): number {
    return this.loaded('rowIndex');
  }
  get columnIndex(): number {
    return this.loaded('columnIndex');
  }
  get rowCount(): number {
    return this.loaded('rowCount');
  }
  get columnCount(): number {
    return this.loaded('columnCount');
  }
  get cellCount(): number {
    return this.loaded('cellCount');
  }
  get text(): string[][] {
    return this.loaded('text');
  }

  get values(): unknown[][] {
    return this.loaded('values');
  }

  set values(input: unknown) {
    this.queueWrite('values', assignedBytes(input), (exec, ref) => {
      const at = cellSource(input, ref.rect, 'values');
      const sheet = sheetById(exec.model, ref.sheetId);
      for (let r = ref.rect.top; r <= ref.rect.bottom; r++) {
        for (let c = ref.rect.left; c <= ref.rect.right; c++) {
          const v = at(r - ref.rect.top, c - ref.rect.left);
          if (v === null || v === undefined) continue;
          writeCell(ensureCell(sheet, r, c), v);
        }
      }
      exec.changed({ sheetId: ref.sheetId, rect: ref.rect });
    });
  }

  get numberFormat(): unknown[][] {
    return this.loaded('numberFormat');
  }

  set numberFormat(input: unknown) {
    this.queueWrite('numberFormat', assignedBytes(input), (exec, ref) => {
      const at = cellSource(input, ref.rect, 'numberFormat');
      const sheet = sheetById(exec.model, ref.sheetId);
      for (let r = ref.rect.top; r <= ref.rect.bottom; r++) {
        for (let c = ref.rect.left; c <= ref.rect.right; c++) {
          const f = at(r - ref.rect.top, c - ref.rect.left);
          if (f === null || f === undefined) continue;
          if (typeof f !== 'string' || f === '') throw new FakeExcelError('InvalidArgument', `'${String(f)}' is not a number format.`);
          ensureCell(sheet, r, c).numberFormat = f;
        }
      }
    });
  }

  get formulas(): unknown[][] {
    return this.loaded('formulas');
  }

  set formulas(input: unknown) {
    this.values = input;
  }

  get format(): FakeRangeFormat {
    this.formatProxy ??= strict(new FakeRangeFormat(this.context, (exec) => this.resolveIn(exec)));
    return this.formatProxy;
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    this.context.host.requireApi('1.6', 'Range.conditionalFormats');
    this.cfProxy ??= strict(new FakeConditionalFormatCollection(this.context, (exec) => this.resolveIn(exec)));
    return this.cfProxy;
  }

  get dataValidation(): FakeDataValidation {
    this.context.host.requireApi('1.8', 'Range.dataValidation');
    this.dvProxy ??= newDataValidation(this.context, (exec) => this.resolveIn(exec));
    return this.dvProxy;
  }

  private derived(describe: string, derive: (rect: Rect) => Rect): FakeRange {
    return strict(
      new FakeRange(
        this.context,
        (exec) => {
          const ref = this.resolveIn(exec);
          return ref === null ? null : { sheetId: ref.sheetId, rect: derive(ref.rect) };
        },
        false,
        describe,
      ),
    );
  }

  getCell(row: number, column: number): FakeRange {
    return this.derived('Range.getCell', (r) => checkedRect(r.top + row, r.left + column, 1, 1));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived('Range.getOffsetRange', (r) =>
      checkedRect(r.top + rowOffset, r.left + columnOffset, r.bottom - r.top + 1, r.right - r.left + 1),
    );
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived('Range.getResizedRange', (r) =>
      checkedRect(r.top, r.left, r.bottom - r.top + 1 + deltaRows, r.right - r.left + 1 + deltaColumns),
    );
  }

  getRow(row: number): FakeRange {
    return this.derived('Range.getRow', (r) => checkedRect(r.top + row, r.left, 1, r.right - r.left + 1));
  }

  getColumn(column: number): FakeRange {
    return this.derived('Range.getColumn', (r) => checkedRect(r.top, r.left + column, r.bottom - r.top + 1, 1));
  }

  select(): void {
    this.queueAction(0, (exec, ref) => {
      exec.model.activeSheetId = ref.sheetId;
      exec.model.selection = { sheetId: ref.sheetId, rect: ref.rect };
    });
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.queueAction(valueBytes(applyTo), (exec, ref) => {
      const sheet = sheetById(exec.model, ref.sheetId);
      existingCellsIn(sheet, ref.rect, (cell, _r, _c, key) => {
        if (applyTo !== 'Formats') {
          cell.value = '';
          cell.formula = null;
          cell.quotePrefix = false;
        }
        if (applyTo !== 'Contents') {
          cell.numberFormat = 'General';
          cell.fill = null;
          cell.bold = false;
          cell.fontColor = null;
        }
        dropIfPristine(sheet, key);
      });
      if (applyTo !== 'Formats') exec.changed({ sheetId: ref.sheetId, rect: ref.rect });
    });
  }
}
