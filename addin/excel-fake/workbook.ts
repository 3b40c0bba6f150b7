import { strict } from './client-object';
import { FakeCollection } from './collection';
import type { Execution, FakeRequestContext } from './context';
import { FakeExcelError } from './errors';
import { FakeEventHandlers } from './events';
import { checkSheetName, sheetByKey } from './lookup';
import { emptySheet } from './model';
import { valueBytes } from './payload';
import { FakeSettingCollection } from './settings';
import { FakeTableCollection } from './tables';
import { FakeWorksheet } from './worksheet';

/** Workbook.worksheets: members by id, looked up by name (any case) or id. */
export class FakeWorksheetCollection extends FakeCollection<string, string, FakeWorksheet> {
  private changedHandlers: FakeEventHandlers | null = null;

  constructor(context: FakeRequestContext) {
    super(context, () => 'worksheets', 'WorksheetCollection');
  }

  protected memberKeys(exec: Execution): string[] {
    return exec.model.sheets.map((s) => s.id);
  }

  protected memberProxy(id: string): FakeWorksheet {
    return strict(new FakeWorksheet(this.context, () => id, false));
  }

  getItem(key: string): FakeWorksheet {
    return strict(new FakeWorksheet(this.context, (exec) => sheetByKey(exec.model, key)?.id ?? null, false, `Worksheet '${key}'`));
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return strict(new FakeWorksheet(this.context, (exec) => sheetByKey(exec.model, key)?.id ?? null, true, `Worksheet '${key}'`));
  }

  getActiveWorksheet(): FakeWorksheet {
    return strict(
      new FakeWorksheet(
        this.context,
        (exec) => exec.model.activeSheetId ?? exec.model.sheets.find((s) => s.visibility === 'Visible')?.id ?? null,
        false,
        'The active worksheet',
      ),
    );
  }

  /**
   * Appends a sheet; without a name, Excel's "SheetN" (WorksheetCollection.add: "If not
   * specified, the default name is used", https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-add-member(1));
   * the name follows the rename rules (lookup.ts).
   */
  add(name?: string): FakeWorksheet {
    let created: string | null = null;
    const sheet = strict(new FakeWorksheet(this.context, () => created, false, `Worksheet '${name ?? ''}'`));
    this.queueAction(valueBytes(name ?? ''), (exec) => {
      let chosen = name;
      if (chosen === undefined) {
        let n = exec.model.sheets.length + 1;
        while (sheetByKey(exec.model, `Sheet${n}`)) n++;
        chosen = `Sheet${n}`;
      }
      if (typeof chosen !== 'string') throw new FakeExcelError('InvalidArgument', 'A worksheet name must be text.');
      checkSheetName(exec.model, chosen, null);
      const model = emptySheet(exec.model, chosen);
      exec.model.sheets.push(model);
      created = model.id;
      sheet.markResolved(exec, model.id);
    });
    return sheet;
  }

  get onChanged(): FakeEventHandlers {
    this.context.host.requireApi('1.7', 'WorksheetCollection.onChanged');
    this.changedHandlers ??= strict(new FakeEventHandlers(this.context, null));
    return this.changedHandlers;
  }
}

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  private settingsProxy: FakeSettingCollection | null = null;
  private tablesProxy: FakeTableCollection | null = null;

  constructor(private readonly context: FakeRequestContext) {
    this.worksheets = strict(new FakeWorksheetCollection(context));
  }

  get settings(): FakeSettingCollection {
    this.context.host.requireApi('1.4', 'Workbook.settings');
    this.settingsProxy ??= strict(new FakeSettingCollection(this.context));
    return this.settingsProxy;
  }

  get tables(): FakeTableCollection {
    this.tablesProxy ??= strict(new FakeTableCollection(this.context, null));
    return this.tablesProxy;
  }
}
