import { parseAddress } from './a1';
import { FakeAnnotationCollection } from './annotations';
import { FakeChartCollection } from './charts';
import { FakeObject, strict, type Scalar } from './client-object';
import type { Execution, FakeRequestContext } from './context';
import { FakeExcelError } from './errors';
import { FakeEventHandlers } from './events';
import { checkSheetName, sheetById } from './lookup';
import { usedRect } from './model';
import { valueBytes } from './payload';
import { FakeRange } from './range';
import { checkedRect } from './range-ref';
import { FakeTableCollection } from './tables';

const VISIBILITIES = ['Visible', 'Hidden', 'VeryHidden'];

export class FakeFreezePanes {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
  ) {}

  freezeRows(count: number): void {
    this.context.enqueue({
      write: true,
      requestBytes: 8,
      run: (exec) => {
        if (!Number.isInteger(count) || count < 0) throw new FakeExcelError('InvalidArgument', 'freezeRows needs a row count.');
        sheetById(exec.model, this.sheet.resolveIn(exec) ?? '').frozenRows = count;
      },
    });
  }
}

/** Excel.Worksheet, bound to a sheet id. */
export class FakeWorksheet extends FakeObject<string> {
  private cached: Partial<{
    tables: FakeTableCollection;
    charts: FakeChartCollection;
    notes: FakeAnnotationCollection;
    comments: FakeAnnotationCollection;
    onChanged: FakeEventHandlers;
    freezePanes: FakeFreezePanes;
  }> = {};

  constructor(context: FakeRequestContext, resolve: (exec: Execution) => string | null, nullable: boolean, description = 'Worksheet') {
    super(context, resolve, nullable, description);
  }

  protected scalars(): Readonly<Record<string, Scalar<string>>> {
    return {
      id: { read: (exec, id) => sheetById(exec.model, id).id },
      name: { read: (exec, id) => sheetById(exec.model, id).name },
      visibility: { read: (exec, id) => sheetById(exec.model, id).visibility },
      position: { read: (exec, id) => exec.model.sheets.findIndex((s) => s.id === id) },
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
      checkSheetName(exec.model, name, id);
      sheetById(exec.model, id).name = name;
    });
  }

  get visibility(): string {
    return this.loaded('visibility');
  }

  set visibility(visibility: string) {
    this.queueWrite('visibility', valueBytes(visibility), (exec, id) => {
      if (!VISIBILITIES.includes(visibility)) throw new FakeExcelError('InvalidArgument', `'${visibility}' is not a visibility.`);
      sheetById(exec.model, id).visibility = visibility as 'Visible' | 'Hidden' | 'VeryHidden';
    });
  }

  get position(): number {
    return this.loaded('position');
  }

  private sheetIdIn = (exec: Execution): string => this.boundIn(exec);

  /** No address: the whole sheet, as in Excel. */
  getRange(address?: string): FakeRange {
    return strict(
      new FakeRange(
        this.context,
        (exec) => {
          const id = this.resolveIn(exec);
          if (id === null) return null;
          const sheet = sheetById(exec.model, id);
          if (address === undefined) return { sheetId: id, rect: checkedRect(0, 0, 1_048_576, 16_384) };
          const parsed = parseAddress(address);
          if (!parsed) throw new FakeExcelError('InvalidArgument', `'${address}' is not a valid address.`);
          if (parsed.sheet !== null && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
            throw new FakeExcelError('InvalidArgument', `'${address}' is on another worksheet.`);
          }
          return { sheetId: id, rect: parsed.rect };
        },
        false,
        `Worksheet.getRange(${address ?? ''})`,
      ),
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return strict(
      new FakeRange(
        this.context,
        (exec) => {
          const id = this.resolveIn(exec);
          return id === null ? null : { sheetId: id, rect: checkedRect(startRow, startColumn, rowCount, columnCount) };
        },
        false,
        'Worksheet.getRangeByIndexes',
      ),
    );
  }

  getCell(row: number, column: number): FakeRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  private used(valuesOnly: boolean, nullable: boolean): FakeRange {
    return strict(
      new FakeRange(
        this.context,
        (exec) => {
          const id = this.resolveIn(exec);
          if (id === null) return null;
          const rect = usedRect(sheetById(exec.model, id), valuesOnly);
          // An empty sheet's used range is A1 ("If the worksheet is blank, this function will return
          // the top left cell", Worksheet.getUsedRange); the OrNullObject variant says "none"
          // (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrangeornullobject-member(1)).
          if (rect === null) return nullable ? null : { sheetId: id, rect: { top: 0, left: 0, bottom: 0, right: 0 } };
          return { sheetId: id, rect };
        },
        nullable,
        'Worksheet.getUsedRange',
      ),
    );
  }

  getUsedRange(valuesOnly = false): FakeRange {
    return this.used(valuesOnly, false);
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    this.context.host.requireApi('1.4', 'Worksheet.getUsedRangeOrNullObject');
    return this.used(valuesOnly, true);
  }

  get tables(): FakeTableCollection {
    this.cached.tables ??= strict(new FakeTableCollection(this.context, this.sheetIdIn));
    return this.cached.tables;
  }

  get charts(): FakeChartCollection {
    this.cached.charts ??= strict(new FakeChartCollection(this.context, this.sheetIdIn));
    return this.cached.charts;
  }

  get notes(): FakeAnnotationCollection {
    this.context.host.requireApi('1.18', 'Worksheet.notes');
    this.cached.notes ??= strict(new FakeAnnotationCollection(this.context, this.sheetIdIn, 'notes'));
    return this.cached.notes;
  }

  get comments(): FakeAnnotationCollection {
    this.context.host.requireApi('1.10', 'Worksheet.comments');
    this.cached.comments ??= strict(new FakeAnnotationCollection(this.context, this.sheetIdIn, 'comments'));
    return this.cached.comments;
  }

  get freezePanes(): FakeFreezePanes {
    this.context.host.requireApi('1.7', 'Worksheet.freezePanes');
    this.cached.freezePanes ??= strict(new FakeFreezePanes(this.context, this));
    return this.cached.freezePanes;
  }

  get onChanged(): FakeEventHandlers {
    this.context.host.requireApi('1.7', 'Worksheet.onChanged');
    this.cached.onChanged ??= strict(new FakeEventHandlers(this.context, this.sheetIdIn));
    return this.cached.onChanged;
  }

  activate(): void {
    this.queueAction(0, (exec, id) => {
      const sheet = sheetById(exec.model, id);
      if (sheet.visibility !== 'Visible') throw new FakeExcelError('InvalidOperation', 'A hidden worksheet cannot be activated.');
      exec.model.activeSheetId = id;
    });
  }

  /**
   * Excel refuses to delete the last visible worksheet. The docs of Worksheet.delete name only a
   * VeryHidden sheet as refused (InvalidOperation); the last-visible rule is Excel's UI rule
   * ("A workbook must contain at least one visible worksheet"), and the API applies it too.
   */
  delete(): void {
    this.queueAction(0, (exec, id) => {
      const sheet = sheetById(exec.model, id);
      const visible = exec.model.sheets.filter((s) => s.visibility === 'Visible');
      if (sheet.visibility === 'Visible' && visible.length === 1) {
        throw new FakeExcelError('InvalidOperation', 'A workbook must keep at least one visible worksheet.');
      }
      exec.model.sheets = exec.model.sheets.filter((s) => s.id !== id);
      if (exec.model.activeSheetId === id) exec.model.activeSheetId = exec.model.sheets.find((s) => s.visibility === 'Visible')?.id ?? null;
      if (exec.model.selection?.sheetId === id) exec.model.selection = null;
    });
  }
}
