import { overlaps, parseAddress, type Rect } from './a1';
import { FakeObject, strict, type Scalar } from './client-object';
import { FakeCollection } from './collection';
import type { Execution, FakeRequestContext } from './context';
import { FakeExcelError } from './errors';
import { ensureCell, sheetById, sheetByName } from './lookup';
import { newId, type SheetModel, type TableModel, type WorkbookModel } from './model';
import { valueBytes } from './payload';
import { FakeRange } from './range';

/**
 * Table names: "Rename an Excel table" — start with a letter, an underscore or a backslash; then
 * letters, numbers, periods and underscores; no spaces; at most 255 characters; not a cell
 * reference ("A1", "R1C1"); unique in the workbook without regard to case,
 * https://support.microsoft.com/office/rename-an-excel-table-fbf49a4f-82a3-43eb-8ba2-44d21233b114.
 * "Letter" includes CJK ideographs (Excel accepts 表1); other scripts the fake does not list.
 * A table over a header row alone gets one empty data row: observed in Excel, the API docs are
 * silent (TableCollection.add, https://learn.microsoft.com/javascript/api/excel/excel.tablecollection#excel-excel-tablecollection-add-member(1)).
 */
const TABLE_NAME = /^[A-Za-z_\\\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]{0,254}$/;

function findTable(model: WorkbookModel, id: string): { sheet: SheetModel; table: TableModel } {
  for (const sheet of model.sheets) {
    const table = sheet.tables.find((t) => t.id === id);
    if (table) return { sheet, table };
  }
  throw new FakeExcelError('ItemNotFound', 'The table no longer exists.');
}

function tableNameTaken(model: WorkbookModel, name: string, exceptId: string | null): boolean {
  const key = name.toLowerCase();
  return model.sheets.some((s) => s.tables.some((t) => t.id !== exceptId && t.name.toLowerCase() === key));
}

function checkTableName(model: WorkbookModel, name: string, exceptId: string | null): void {
  // A name that reads as a cell reference ("A1", "R1C1") is refused too.
  if (typeof name !== 'string' || !TABLE_NAME.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rc]$/i.test(name)) {
    throw new FakeExcelError('InvalidArgument', `'${String(name)}' is not a valid table name.`);
  }
  if (tableNameTaken(model, name, exceptId)) throw new FakeExcelError('ItemAlreadyExists', `A table named '${name}' already exists.`);
}

export class FakeTable extends FakeObject<string> {
  constructor(context: FakeRequestContext, resolve: (exec: Execution) => string | null) {
    super(context, resolve, false, 'Table');
  }

  protected scalars(): Readonly<Record<string, Scalar<string>>> {
    return {
      id: { read: (_exec, id) => id },
      name: { read: (exec, id) => findTable(exec.model, id).table.name },
      style: { read: (exec, id) => findTable(exec.model, id).table.style },
    };
  }

  get id(): string {
    return this.loaded('id');
  }

  get name(): string {
    return this.loaded('name');
  }

  set name(name: string) {
    this.queueWrite('name', valueBytes(name), (exec, id) => {
      checkTableName(exec.model, name, id);
      findTable(exec.model, id).table.name = name;
    });
  }

  get style(): string {
    return this.loaded('style');
  }

  set style(style: string) {
    this.queueWrite('style', valueBytes(style), (exec, id) => {
      if (typeof style !== 'string' || !/^TableStyle(Light|Medium|Dark)\d{1,2}$/.test(style)) {
        throw new FakeExcelError('InvalidArgument', `'${String(style)}' is not a table style.`);
      }
      findTable(exec.model, id).table.style = style;
    });
  }

  private area(describe: string, pick: (t: TableModel) => Rect | null): FakeRange {
    return strict(
      new FakeRange(
        this.context,
        (exec) => {
          const id = this.resolveIn(exec);
          if (id === null) return null;
          const { sheet, table } = findTable(exec.model, id);
          const rect = pick(table);
          if (!rect) throw new FakeExcelError('ItemNotFound', `The table has no ${describe}.`);
          return { sheetId: sheet.id, rect };
        },
        false,
        `Table.${describe}`,
      ),
    );
  }

  getRange(): FakeRange {
    return this.area('range', (t) => t.rect);
  }

  getHeaderRowRange(): FakeRange {
    return this.area('header row', (t) => (t.hasHeaders ? { ...t.rect, bottom: t.rect.top } : null));
  }

  getDataBodyRange(): FakeRange {
    return this.area('data body', (t) => ({ ...t.rect, top: t.hasHeaders ? t.rect.top + 1 : t.rect.top }));
  }
}

/** Worksheet.tables (scope: one sheet) and Workbook.tables (scope: all). */
/** The binding of the workbook-wide collection: every sheet. */
const ALL_SHEETS = '*';

export class FakeTableCollection extends FakeCollection<string, string, FakeTable> {
  constructor(
    context: FakeRequestContext,
    private readonly sheetOf: ((exec: Execution) => string) | null,
  ) {
    super(context, (exec) => (sheetOf ? sheetOf(exec) : ALL_SHEETS), 'TableCollection');
  }

  protected memberKeys(exec: Execution, sheetId: string): string[] {
    const sheets = sheetId === ALL_SHEETS ? exec.model.sheets : [sheetById(exec.model, sheetId)];
    return sheets.flatMap((s) => s.tables.map((t) => t.id));
  }

  protected memberProxy(id: string): FakeTable {
    return strict(new FakeTable(this.context, () => id));
  }

  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    let created: string | null = null;
    const table = strict(new FakeTable(this.context, () => created));
    this.queueCommand({
      write: true,
      requestBytes: typeof address === 'string' ? valueBytes(address) : 0,
      run: (exec) => {
        let sheet: SheetModel;
        let rect: Rect;
        if (typeof address === 'string') {
          const parsed = parseAddress(address);
          if (!parsed) throw new FakeExcelError('InvalidArgument', `'${address}' is not an address.`);
          const scoped = this.sheetOf ? sheetById(exec.model, this.sheetOf(exec)) : null;
          const named = parsed.sheet !== null ? sheetByName(exec.model, parsed.sheet) : undefined;
          const found = named ?? scoped;
          if (!found) throw new FakeExcelError('InvalidArgument', 'The table address must name its worksheet.');
          sheet = found;
          rect = parsed.rect;
        } else {
          const ref = address.resolveIn(exec);
          if (ref === null) throw new FakeExcelError('InvalidArgument', 'The table range is a null object.');
          sheet = sheetById(exec.model, ref.sheetId);
          rect = ref.rect;
        }
        if (sheet.tables.some((t) => overlaps(t.rect, rect))) {
          throw new FakeExcelError('InvalidOperation', 'A table cannot overlap another table.');
        }
        // A table of headers alone gets one empty data row, as Excel adds one.
        if (hasHeaders && rect.bottom === rect.top) rect = { ...rect, bottom: rect.top + 1 };
        if (hasHeaders) {
          for (let c = rect.left; c <= rect.right; c++) {
            const cell = ensureCell(sheet, rect.top, c);
            if (cell.value === '' && cell.formula === null) cell.value = `Column${c - rect.left + 1}`;
            else if (typeof cell.value !== 'string') cell.value = String(cell.value);
          }
        }
        let n = 1;
        while (tableNameTaken(exec.model, `Table${n}`, null)) n++;
        const model: TableModel = { id: newId(exec.model, 'table'), name: `Table${n}`, rect, style: 'TableStyleMedium2', hasHeaders };
        sheet.tables.push(model);
        created = model.id;
        table.markResolved(exec, model.id);
      },
    });
    return table;
  }
}
