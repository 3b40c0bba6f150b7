import { FakeObject, strict, type Scalar } from './client-object';
import { FakeCollection } from './collection';
import type { Execution, FakeRequestContext } from './context';
import { FakeExcelError } from './errors';
import { valueBytes } from './payload';

/** Settings hold what JSON can: a value goes in and comes out as its JSON round trip. */
function jsonCopy(value: unknown): unknown {
  const text = JSON.stringify(value);
  if (text === undefined) throw new FakeExcelError('InvalidArgument', 'A setting value must be JSON.');
  return JSON.parse(text) as unknown;
}

export class FakeSetting extends FakeObject<string> {
  constructor(context: FakeRequestContext, resolve: (exec: Execution) => string | null, nullable: boolean) {
    super(context, resolve, nullable, 'Setting');
  }

  protected scalars(): Readonly<Record<string, Scalar<string>>> {
    return {
      key: { read: (_exec, key) => key },
      value: { read: (exec, key) => structuredClone(exec.model.settings.get(key)) },
    };
  }

  get key(): string {
    return this.loaded('key');
  }

  get value(): unknown {
    return this.loaded('value');
  }

  set value(value: unknown) {
    this.queueWrite('value', valueBytes(value), (exec, key) => {
      exec.model.settings.set(key, jsonCopy(value));
    });
  }

  delete(): void {
    this.queueAction(0, (exec, key) => {
      exec.model.settings.delete(key);
    });
  }
}

/**
 * Workbook.settings (ExcelApi 1.4): the add-in's own key-value store, saved with the document,
 * https://learn.microsoft.com/javascript/api/excel/excel.settingcollection. Values are "JSON
 * serializable": the fake stores the JSON round trip of what it is given.
 */
export class FakeSettingCollection extends FakeCollection<string, string, FakeSetting> {
  constructor(context: FakeRequestContext) {
    super(context, () => 'settings', 'SettingCollection');
  }

  protected memberKeys(exec: Execution): string[] {
    return [...exec.model.settings.keys()];
  }

  protected memberProxy(key: string): FakeSetting {
    return strict(new FakeSetting(this.context, () => key, false));
  }

  getItem(key: string): FakeSetting {
    return strict(new FakeSetting(this.context, (exec) => (exec.model.settings.has(key) ? key : null), false));
  }

  getItemOrNullObject(key: string): FakeSetting {
    return strict(new FakeSetting(this.context, (exec) => (exec.model.settings.has(key) ? key : null), true));
  }

  /** Adds or replaces. */
  add(key: string, value: unknown): FakeSetting {
    const item = strict(new FakeSetting(this.context, () => key, false));
    this.queueAction(valueBytes(key) + valueBytes(value), (exec) => {
      if (typeof key !== 'string' || key === '') throw new FakeExcelError('InvalidArgument', 'A setting needs a key.');
      exec.model.settings.set(key, jsonCopy(value));
      item.markResolved(exec, key);
    });
    return item;
  }
}
