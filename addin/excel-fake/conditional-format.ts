import { overlaps } from './a1';
import { FakeObject, strict, type Scalar } from './client-object';
import type { Execution, FakeRequestContext } from './context';
import { FakeExcelError, propertyNotLoaded } from './errors';
import { newId, type ConditionalFormatModel, type IconCriterionModel } from './model';
import { normalizeColor, sheetById } from './lookup';
import { valueBytes } from './payload';
import type { RangeRef } from './range-ref';

/**
 * Range.conditionalFormats (ExcelApi 1.6), https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-conditional-formatting:
 * `add(type)` gives a format whose type-specific part (iconSet, cellValue…) is the only one
 * usable; touching another type's part fails (the docs: "the ... property is null unless the
 * type is ..."; the fake throws instead, to catch the mistake early).
 */
const TYPES = ['Custom', 'DataBar', 'ColorScale', 'IconSet', 'TopBottom', 'PresetCriteria', 'ContainsText', 'CellValue'];
const OPERATORS = ['Between', 'NotBetween', 'EqualTo', 'NotEqualTo', 'GreaterThan', 'LessThan', 'GreaterThanOrEqual', 'LessThanOrEqual'];

interface CfRef {
  readonly sheetId: string;
  readonly id: string;
}

function findCf(exec: Execution, ref: CfRef, type: string | null): ConditionalFormatModel {
  const cf = sheetById(exec.model, ref.sheetId).conditionalFormats.find((f) => f.id === ref.id);
  if (!cf) throw new FakeExcelError('ItemNotFound', 'The conditional format no longer exists.');
  if (type !== null && cf.type !== type) {
    throw new FakeExcelError('InvalidOperation', `A ${cf.type} conditional format has no ${type} rule.`);
  }
  return cf;
}

export class FakeConditionalRangeFill extends FakeObject<CfRef> {
  constructor(context: FakeRequestContext, resolve: (exec: Execution) => CfRef | null) {
    super(context, resolve, false, 'ConditionalRangeFill');
  }

  protected scalars(): Readonly<Record<string, Scalar<CfRef>>> {
    return { color: { read: (exec, ref) => findCf(exec, ref, 'CellValue').cellValue?.fill ?? null } };
  }

  set color(value: string) {
    this.queueWrite('color', valueBytes(value), (exec, ref) => {
      findCf(exec, ref, 'CellValue').cellValue!.fill = normalizeColor(value);
    });
  }

  get color(): string {
    return this.loaded('color');
  }
}

export class FakeConditionalRangeFont extends FakeObject<CfRef> {
  constructor(context: FakeRequestContext, resolve: (exec: Execution) => CfRef | null) {
    super(context, resolve, false, 'ConditionalRangeFont');
  }

  protected scalars(): Readonly<Record<string, Scalar<CfRef>>> {
    return { color: { read: (exec, ref) => findCf(exec, ref, 'CellValue').cellValue?.fontColor ?? null } };
  }

  set color(value: string) {
    this.queueWrite('color', valueBytes(value), (exec, ref) => {
      findCf(exec, ref, 'CellValue').cellValue!.fontColor = normalizeColor(value);
    });
  }

  get color(): string {
    return this.loaded('color');
  }
}

export class FakeConditionalRangeFormat extends FakeObject<CfRef> {
  readonly fill: FakeConditionalRangeFill;
  readonly font: FakeConditionalRangeFont;

  constructor(context: FakeRequestContext, resolve: (exec: Execution) => CfRef | null) {
    super(context, resolve, false, 'ConditionalRangeFormat');
    this.fill = strict(new FakeConditionalRangeFill(context, resolve));
    this.font = strict(new FakeConditionalRangeFont(context, resolve));
  }

  protected scalars(): Readonly<Record<string, Scalar<CfRef>>> {
    return {};
  }
}

export class FakeCellValueConditionalFormat extends FakeObject<CfRef> {
  readonly format: FakeConditionalRangeFormat;

  constructor(context: FakeRequestContext, resolve: (exec: Execution) => CfRef | null) {
    super(context, resolve, false, 'CellValueConditionalFormat');
    this.format = strict(new FakeConditionalRangeFormat(context, resolve));
  }

  protected scalars(): Readonly<Record<string, Scalar<CfRef>>> {
    return { rule: { read: (exec, ref) => findCf(exec, ref, 'CellValue').cellValue?.rule ?? null } };
  }

  get rule(): { formula1: string; formula2?: string; operator: string } {
    return this.loaded('rule');
  }

  set rule(rule: { formula1: string; formula2?: string; operator: string }) {
    this.queueWrite('rule', valueBytes(rule), (exec, ref) => {
      if (typeof rule?.formula1 !== 'string' || !OPERATORS.includes(rule.operator)) {
        throw new FakeExcelError('InvalidArgument', 'A cell-value rule needs formula1 and a known operator.');
      }
      if ((rule.operator === 'Between' || rule.operator === 'NotBetween') && typeof rule.formula2 !== 'string') {
        throw new FakeExcelError('InvalidArgument', `${rule.operator} needs formula2.`);
      }
      findCf(exec, ref, 'CellValue').cellValue!.rule = { ...rule };
    });
  }
}

export class FakeIconSetConditionalFormat extends FakeObject<CfRef> {
  constructor(context: FakeRequestContext, resolve: (exec: Execution) => CfRef | null) {
    super(context, resolve, false, 'IconSetConditionalFormat');
  }

  protected scalars(): Readonly<Record<string, Scalar<CfRef>>> {
    return {
      style: { read: (exec, ref) => findCf(exec, ref, 'IconSet').iconSet?.style ?? null },
      criteria: { read: (exec, ref) => structuredClone(findCf(exec, ref, 'IconSet').iconSet?.criteria ?? []) },
    };
  }

  get style(): string {
    return this.loaded('style');
  }

  set style(style: string) {
    this.queueWrite('style', valueBytes(style), (exec, ref) => {
      if (typeof style !== 'string' || !/^(Three|Four|Five)[A-Za-z0-9]+$/.test(style)) {
        throw new FakeExcelError('InvalidArgument', `'${String(style)}' is not an icon set.`);
      }
      findCf(exec, ref, 'IconSet').iconSet!.style = style;
    });
  }

  get criteria(): IconCriterionModel[] {
    return this.loaded('criteria');
  }

  set criteria(criteria: IconCriterionModel[]) {
    this.queueWrite('criteria', valueBytes(criteria), (exec, ref) => {
      const model = findCf(exec, ref, 'IconSet').iconSet!;
      const icons = model.style.startsWith('Three') ? 3 : model.style.startsWith('Four') ? 4 : 5;
      if (!Array.isArray(criteria) || criteria.length !== icons) {
        throw new FakeExcelError('InvalidArgument', `An icon set of ${icons} icons needs ${icons} criteria.`);
      }
      // The first criterion is the floor and carries nothing; the others need a formula.
      model.criteria = criteria.map((c, i) => {
        if (i > 0 && (typeof c?.formula !== 'string' || typeof c.type !== 'string' || typeof c.operator !== 'string')) {
          throw new FakeExcelError('InvalidArgument', `Icon criterion ${i} needs type, operator and formula.`);
        }
        return { type: c?.type ?? '', operator: c?.operator ?? '', formula: c?.formula ?? '' };
      });
    });
  }
}

export class FakeConditionalFormat extends FakeObject<CfRef> {
  private iconSetProxy: FakeIconSetConditionalFormat | null = null;
  private cellValueProxy: FakeCellValueConditionalFormat | null = null;

  constructor(
    context: FakeRequestContext,
    private readonly resolveCf: (exec: Execution) => CfRef | null,
  ) {
    super(context, resolveCf, false, 'ConditionalFormat');
  }

  protected scalars(): Readonly<Record<string, Scalar<CfRef>>> {
    return {
      id: { read: (_exec, ref) => ref.id },
      type: { read: (exec, ref) => findCf(exec, ref, null).type },
    };
  }

  get id(): string {
    return this.loaded('id');
  }

  get type(): string {
    return this.loaded('type');
  }

  get iconSet(): FakeIconSetConditionalFormat {
    this.iconSetProxy ??= strict(new FakeIconSetConditionalFormat(this.context, this.resolveCf));
    return this.iconSetProxy;
  }

  get cellValue(): FakeCellValueConditionalFormat {
    this.cellValueProxy ??= strict(new FakeCellValueConditionalFormat(this.context, this.resolveCf));
    return this.cellValueProxy;
  }

  delete(): void {
    this.queueAction(0, (exec, ref) => {
      const sheet = sheetById(exec.model, ref.sheetId);
      sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => f.id !== ref.id);
    });
  }
}

export class FakeConditionalFormatCollection extends FakeObject<RangeRef> {
  constructor(context: FakeRequestContext, resolve: (exec: Execution) => RangeRef | null) {
    super(context, resolve, false, 'ConditionalFormatCollection');
  }

  protected scalars(): Readonly<Record<string, Scalar<RangeRef>>> {
    return {};
  }

  /**
   * The number of conditional formats that touch the range (ExcelApi 1.6), as an
   * OfficeExtension.ClientResult: readable after the sync, not before.
   */
  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.queueCommand({
      write: false,
      requestBytes: 0,
      run: (exec) => {
        const ref = this.resolveIn(exec);
        const n = ref ? sheetById(exec.model, ref.sheetId).conditionalFormats.filter((cf) => overlaps(cf.rect, ref.rect)).length : 0;
        exec.respond(8);
        exec.publish(() => result.resolve(n));
      },
    });
    return result;
  }

  add(type: string): FakeConditionalFormat {
    let created: CfRef | null = null;
    const cf = strict(new FakeConditionalFormat(this.context, () => created));
    this.queueAction(valueBytes(type), (exec, ref) => {
      if (!TYPES.includes(type)) throw new FakeExcelError('InvalidArgument', `'${type}' is not a conditional format type.`);
      const model: ConditionalFormatModel = {
        id: newId(exec.model, 'cf'),
        rect: ref.rect,
        type,
        iconSet: type === 'IconSet' ? { style: 'ThreeTrafficLights1', criteria: [] } : null,
        cellValue: type === 'CellValue' ? { rule: null, fill: null, fontColor: null } : null,
      };
      sheetById(exec.model, ref.sheetId).conditionalFormats.push(model);
      created = { sheetId: ref.sheetId, id: model.id };
      cf.markResolved(exec, created);
    });
    return cf;
  }

  clearAll(): void {
    this.queueAction(0, (exec, ref) => {
      const sheet = sheetById(exec.model, ref.sheetId);
      sheet.conditionalFormats = sheet.conditionalFormats.filter(
        (f) => f.rect.right < ref.rect.left || f.rect.left > ref.rect.right || f.rect.bottom < ref.rect.top || f.rect.top > ref.rect.bottom,
      );
    });
  }
}

/** OfficeExtension.ClientResult, faked: `value` throws until the sync that answers it. */
export class FakeClientResult<T> {
  private answered = false;
  private answer: T | undefined;

  resolve(value: T): void {
    this.answered = true;
    this.answer = value;
  }

  get value(): T {
    if (!this.answered) throw propertyNotLoaded('value');
    return this.answer as T;
  }
}
