import { overlaps, within } from './a1';
import { FakeObject, strict, type Scalar } from './client-object';
import type { Execution, FakeRequestContext } from './context';
import { FakeExcelError } from './errors';
import { sheetById } from './lookup';
import type { ValidationModel } from './model';
import { valueBytes } from './payload';
import type { RangeRef } from './range-ref';

const RULE_KINDS = ['list', 'wholeNumber', 'decimal', 'date', 'time', 'textLength', 'custom'];
const ALERT_STYLES = ['Stop', 'Warning', 'Information'];

type Rule = ValidationModel['rule'];
type Alert = NonNullable<ValidationModel['errorAlert']>;

function validationAt(exec: Execution, ref: RangeRef): ValidationModel | null {
  const sheet = sheetById(exec.model, ref.sheetId);
  return sheet.validations.find((v) => within(ref.rect, v.rect)) ?? null;
}

function checkRule(rule: Rule): void {
  const kinds = Object.keys(rule ?? {}).filter((k) => rule[k] !== undefined);
  if (kinds.length !== 1 || !RULE_KINDS.includes(kinds[0]!)) {
    throw new FakeExcelError('InvalidArgument', 'A data-validation rule names exactly one kind of rule.');
  }
  if (rule.list && (typeof rule.list.source !== 'string' || rule.list.source.trim() === '')) {
    throw new FakeExcelError('InvalidArgument', 'A list rule needs a source.');
  }
}

/**
 * Range.dataValidation. As in Excel, a range that already holds a different validation must be
 * cleared first: setting a rule over part of another validation fails. Source: "Add data
 * validation to Excel ranges" (call `clear()` before setting a new rule on a range that may
 * have one), https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation.
 * That a partial overlap is refused rather than merged the docs do not say: the fake refuses.
 */
export class FakeDataValidation extends FakeObject<RangeRef> {
  constructor(context: FakeRequestContext, resolve: (exec: Execution) => RangeRef | null) {
    super(context, resolve, false, 'DataValidation');
  }

  protected scalars(): Readonly<Record<string, Scalar<RangeRef>>> {
    return {
      rule: { read: (exec, ref) => structuredClone(validationAt(exec, ref)?.rule ?? {}) },
      errorAlert: { read: (exec, ref) => structuredClone(validationAt(exec, ref)?.errorAlert ?? null) },
    };
  }

  get rule(): Rule {
    return this.loaded('rule');
  }

  set rule(rule: Rule) {
    this.queueWrite('rule', valueBytes(rule), (exec, ref) => {
      checkRule(rule);
      const sheet = sheetById(exec.model, ref.sheetId);
      const clash = sheet.validations.find((v) => overlaps(v.rect, ref.rect) && !within(v.rect, ref.rect));
      if (clash) throw new FakeExcelError('InvalidOperation', 'The range overlaps another data validation; clear it first.');
      sheet.validations = sheet.validations.filter((v) => !within(v.rect, ref.rect));
      sheet.validations.push({ rect: ref.rect, rule: structuredClone(rule), errorAlert: null });
    });
  }

  get errorAlert(): Alert {
    return this.loaded('errorAlert');
  }

  set errorAlert(alert: Alert) {
    this.queueWrite('errorAlert', valueBytes(alert), (exec, ref) => {
      const model = validationAt(exec, ref);
      if (!model) throw new FakeExcelError('InvalidOperation', 'Set a rule before its error alert.');
      if (!ALERT_STYLES.includes(alert.style)) throw new FakeExcelError('InvalidArgument', `'${alert.style}' is not an alert style.`);
      model.errorAlert = { showAlert: alert.showAlert, style: alert.style, title: alert.title ?? '', message: alert.message ?? '' };
    });
  }

  clear(): void {
    this.queueAction(0, (exec, ref) => {
      const sheet = sheetById(exec.model, ref.sheetId);
      sheet.validations = sheet.validations.filter((v) => !overlaps(v.rect, ref.rect));
    });
  }
}

export const newDataValidation = (context: FakeRequestContext, resolve: (exec: Execution) => RangeRef | null): FakeDataValidation =>
  strict(new FakeDataValidation(context, resolve));
