import { contains, formatRect, parseAddress, type Rect } from './a1';
import { displayText } from './display-text';
import { FakeExcelError } from './errors';
import { cellIn, sheetByName } from './lookup';
import {
  cellKey,
  keyColumn,
  keyRow,
  usedRect,
  type ChartModel,
  type ConditionalFormatModel,
  type ModelValue,
  type SheetModel,
  type TableModel,
  type ValidationModel,
  type WorkbookModel,
} from './model';

/** A cell as a user sees it. */
export interface CellView {
  readonly address: string;
  readonly value: ModelValue;
  /** What the cell shows, per its number format. */
  readonly text: string;
  readonly formula: string | null;
  readonly numberFormat: string;
  /** "#RRGGBB", or null for no fill. */
  readonly fill: string | null;
  readonly bold: boolean;
  readonly note: string | null;
  readonly comment: string | null;
  /** The drop-down choices a data validation offers here, if any. */
  readonly choices: readonly string[] | null;
}

export interface SheetSummary {
  readonly id: string;
  readonly name: string;
  readonly visibility: string;
  /** The used range (values or formatting), or null for an empty sheet. */
  readonly used: string | null;
  readonly active: boolean;
}

/**
 * Read-only views of the fake workbook for the preview UI and for tests' assertions. Nothing
 * here goes through Excel.run, so reading never counts as a sync.
 */
export class FakeWorkbookView {
  constructor(private readonly model: () => WorkbookModel) {}

  sheets(): SheetSummary[] {
    const m = this.model();
    return m.sheets.map((s) => {
      const used = usedRect(s, false);
      return { id: s.id, name: s.name, visibility: s.visibility, used: used ? formatRect(used) : null, active: m.activeSheetId === s.id };
    });
  }

  sheetNames(): string[] {
    return this.model().sheets.map((s) => s.name);
  }

  cell(sheetName: string, address: string): CellView {
    const sheet = this.sheet(sheetName);
    const parsed = parseAddress(address);
    if (!parsed) throw new FakeExcelError('InvalidArgument', `'${address}' is not an address.`);
    return this.view(sheet, parsed.rect.top, parsed.rect.left);
  }

  /** Every cell that holds something or looks like something, row by row. */
  cells(sheetName: string): CellView[] {
    const sheet = this.sheet(sheetName);
    const keys = new Set<number>([...sheet.cells.keys(), ...sheet.notes.keys(), ...sheet.comments.keys()]);
    return [...keys].sort((a, b) => a - b).map((k) => this.view(sheet, keyRow(k), keyColumn(k)));
  }

  /** The displayed text of a rectangle (the used range by default), for snapshots and previews. */
  texts(sheetName: string, address?: string): string[][] {
    const sheet = this.sheet(sheetName);
    const rect = address ? parseAddress(address)?.rect : (usedRect(sheet, false) ?? undefined);
    if (!rect) return [];
    const out: string[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const row: string[] = [];
      for (let c = rect.left; c <= rect.right; c++) {
        const cell = cellIn(sheet, r, c);
        row.push(cell ? displayText(cell.value, cell.numberFormat) : '');
      }
      out.push(row);
    }
    return out;
  }

  tables(sheetName: string): readonly TableModel[] {
    return this.sheet(sheetName).tables;
  }

  charts(sheetName: string): readonly ChartModel[] {
    return this.sheet(sheetName).charts;
  }

  conditionalFormats(sheetName: string): readonly ConditionalFormatModel[] {
    return this.sheet(sheetName).conditionalFormats;
  }

  validations(sheetName: string): readonly ValidationModel[] {
    return this.sheet(sheetName).validations;
  }

  columnWidth(sheetName: string, column: number): number | null {
    return this.sheet(sheetName).columnWidths.get(column) ?? null;
  }

  frozenRows(sheetName: string): number {
    return this.sheet(sheetName).frozenRows;
  }

  selection(): { sheet: string; address: string } | null {
    const m = this.model();
    const sel = m.selection;
    const sheet = sel ? m.sheets.find((s) => s.id === sel.sheetId) : undefined;
    return sel && sheet ? { sheet: sheet.name, address: formatRect(sel.rect) } : null;
  }

  activeSheet(): string | null {
    const m = this.model();
    return m.sheets.find((s) => s.id === m.activeSheetId)?.name ?? null;
  }

  setting(key: string): unknown {
    return this.model().settings.get(key);
  }

  private sheet(name: string): SheetModel {
    const sheet = sheetByName(this.model(), name);
    if (!sheet) throw new FakeExcelError('ItemNotFound', `No worksheet named '${name}'.`);
    return sheet;
  }

  private view(sheet: SheetModel, row: number, col: number): CellView {
    const cell = cellIn(sheet, row, col);
    const key = cellKey(row, col);
    const rect: Rect = { top: row, left: col, bottom: row, right: col };
    const validation = [...sheet.validations].reverse().find((v) => contains(v.rect, row, col));
    const list = validation?.rule.list;
    return {
      address: formatRect(rect),
      value: cell?.value ?? '',
      text: cell ? displayText(cell.value, cell.numberFormat) : '',
      formula: cell?.formula ?? null,
      numberFormat: cell?.numberFormat ?? 'General',
      fill: cell?.fill ?? null,
      bold: cell?.bold ?? false,
      note: sheet.notes.get(key)?.content ?? null,
      comment: sheet.comments.get(key)?.content ?? null,
      choices: list ? list.source.split(',').map((s) => s.trim()) : null,
    };
  }
}
