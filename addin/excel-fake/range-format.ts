import { cellIn, dropIfPristine, ensureCell, existingCellsIn, normalizeColor, sheetById } from './lookup';
import { FakeObject, strict, type Loadable, type Scalar } from './client-object';
import type { Execution, FakeRequestContext } from './context';
import { FakeExcelError } from './errors';
import type { CellModel } from './model';
import { valueBytes } from './payload';
import type { RangeRef } from './range-ref';

type Resolve = (exec: Execution) => RangeRef | null;

/** The one value every cell of a range shares, or null when they differ (as Excel reports). */
function uniform<T>(exec: Execution, ref: RangeRef, read: (cell: CellModel | undefined) => T): T | null {
  const sheet = sheetById(exec.model, ref.sheetId);
  let first: T | undefined;
  for (let r = ref.rect.top; r <= ref.rect.bottom; r++) {
    for (let c = ref.rect.left; c <= ref.rect.right; c++) {
      const v = read(cellIn(sheet, r, c));
      if (first === undefined) first = v;
      else if (v !== first) return null;
    }
  }
  return first ?? null;
}

function eachCell(exec: Execution, ref: RangeRef, apply: (cell: CellModel) => void): void {
  const sheet = sheetById(exec.model, ref.sheetId);
  for (let r = ref.rect.top; r <= ref.rect.bottom; r++) {
    for (let c = ref.rect.left; c <= ref.rect.right; c++) apply(ensureCell(sheet, r, c));
  }
}

export class FakeRangeFill extends FakeObject<RangeRef> {
  constructor(context: FakeRequestContext, resolve: Resolve) {
    super(context, resolve, false, 'RangeFill');
  }

  protected scalars(): Readonly<Record<string, Scalar<RangeRef>>> {
    // A cell without a fill reads as white: observed in Excel; RangeFill.color's docs do not say
    // what "no fill" reads as. A range whose cells differ reads null, as the docs say of range
    // format properties in general (a property that is not the same for every cell is null);
    // for fill colour specifically they are silent.
    return { color: { read: (exec, ref) => uniform(exec, ref, (cell) => cell?.fill ?? '#FFFFFF') } };
  }

  get color(): string {
    return this.loaded('color');
  }

  set color(value: string) {
    this.queueWrite('color', valueBytes(value), (exec, ref) => {
      const color = normalizeColor(value);
      eachCell(exec, ref, (cell) => {
        cell.fill = color;
      });
    });
  }

  clear(): void {
    this.queueAction(0, (exec, ref) => {
      const sheet = sheetById(exec.model, ref.sheetId);
      existingCellsIn(sheet, ref.rect, (cell, _r, _c, key) => {
        cell.fill = null;
        dropIfPristine(sheet, key);
      });
    });
  }
}

export class FakeRangeFont extends FakeObject<RangeRef> {
  constructor(context: FakeRequestContext, resolve: Resolve) {
    super(context, resolve, false, 'RangeFont');
  }

  protected scalars(): Readonly<Record<string, Scalar<RangeRef>>> {
    return {
      bold: { read: (exec, ref) => uniform(exec, ref, (cell) => cell?.bold ?? false) },
      color: { read: (exec, ref) => uniform(exec, ref, (cell) => cell?.fontColor ?? '#000000') },
    };
  }

  get bold(): boolean {
    return this.loaded('bold');
  }

  set bold(value: boolean) {
    this.queueWrite('bold', 8, (exec, ref) => {
      if (typeof value !== 'boolean') throw new FakeExcelError('InvalidArgument', 'bold must be a boolean.');
      eachCell(exec, ref, (cell) => {
        cell.bold = value;
      });
    });
  }

  get color(): string {
    return this.loaded('color');
  }

  set color(value: string) {
    this.queueWrite('color', valueBytes(value), (exec, ref) => {
      const color = normalizeColor(value);
      eachCell(exec, ref, (cell) => {
        cell.fontColor = color;
      });
    });
  }
}

export class FakeRangeFormat extends FakeObject<RangeRef> {
  private fillProxy: FakeRangeFill | null = null;
  private fontProxy: FakeRangeFont | null = null;

  constructor(
    context: FakeRequestContext,
    private readonly resolveRange: Resolve,
  ) {
    super(context, resolveRange, false, 'RangeFormat');
  }

  protected scalars(): Readonly<Record<string, Scalar<RangeRef>>> {
    return {
      columnWidth: {
        read: (exec, ref) => {
          const sheet = sheetById(exec.model, ref.sheetId);
          const widths = new Set<number>();
          for (let c = ref.rect.left; c <= ref.rect.right; c++) widths.add(sheet.columnWidths.get(c) ?? 48);
          return widths.size === 1 ? [...widths][0] : null;
        },
      },
    };
  }

  protected override navigation(name: string): Loadable | null {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    return null;
  }

  get fill(): FakeRangeFill {
    this.fillProxy ??= strict(new FakeRangeFill(this.context, this.resolveRange));
    return this.fillProxy;
  }

  get font(): FakeRangeFont {
    this.fontProxy ??= strict(new FakeRangeFont(this.context, this.resolveRange));
    return this.fontProxy;
  }

  get columnWidth(): number {
    return this.loaded('columnWidth');
  }

  set columnWidth(points: number) {
    this.queueWrite('columnWidth', 8, (exec, ref) => {
      if (typeof points !== 'number' || !(points >= 0)) throw new FakeExcelError('InvalidArgument', 'columnWidth must be a number of points.');
      const sheet = sheetById(exec.model, ref.sheetId);
      for (let c = ref.rect.left; c <= ref.rect.right; c++) sheet.columnWidths.set(c, points);
    });
  }

  /** Widths follow the content in Excel; the fake has no fonts to measure, so it records nothing. */
  autofitColumns(): void {
    this.queueAction(0, () => undefined);
  }
}
