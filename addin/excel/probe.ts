/// <reference types="office-js" />
import { annotationMode } from './annotations';
import type { ApiRequirements, ExcelHost } from './excel-host';

/**
 * What the contract suite (addin/contract/) looks at besides the WorkbookPort: the workbook as
 * Excel holds it — a cell's raw value, formula, number format and displayed text, a fill, a
 * note, the sheets and their tables, charts and conditional formats — and the scratch sheets it
 * works on. Office.js, so it lives with the adapter; each call is one small Excel.run.
 */
export interface ProbedCell {
  readonly value: unknown;
  readonly formula: unknown;
  readonly numberFormat: unknown;
  readonly text: string;
}

export interface WorkbookProbe {
  /** Adds a sheet named `base` (or `base 2`, …) at the end; returns its name. */
  addScratchSheet(base: string): Promise<string>;
  /** Deletes these sheets where they still exist; never fails for one already gone. */
  deleteSheets(names: readonly string[]): Promise<void>;
  sheetNames(): Promise<string[]>;
  activeSheet(): Promise<string>;
  activate(name: string): Promise<void>;
  /** Raw writes for a case's starting point: values and, where given, number formats. */
  seed(sheet: string, topLeft: string, values: unknown[][], numberFormat?: (string | null)[][]): Promise<void>;
  cells(sheet: string, address: string): Promise<ProbedCell[][]>;
  /** "#RRGGBB" (Excel reports no fill as white), or null when the cells differ. */
  fill(sheet: string, address: string): Promise<string | null>;
  /** The text of the note (comment below ExcelApi 1.18) on a cell, or null. */
  note(sheet: string, cell: string): Promise<string | null>;
  counts(sheet: string): Promise<{ tables: number; charts: number; conditionalFormats: number }>;
  removeSettings(keys: readonly string[]): Promise<void>;
}

export function officeProbe(excel: ExcelHost, requirements: ApiRequirements): WorkbookProbe {
  const mode = annotationMode(requirements);
  return {
    addScratchSheet: (base) =>
      excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await context.sync();
        const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
        let name = base;
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
        sheets.add(name);
        await context.sync();
        return name;
      }),
    deleteSheets: (names) =>
      excel.run(async (context) => {
        const found = names.map((n) => context.workbook.worksheets.getItemOrNullObject(n));
        await context.sync();
        for (const sheet of found) if (!sheet.isNullObject) sheet.delete();
        await context.sync();
      }),
    sheetNames: () =>
      excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await context.sync();
        return sheets.items.map((s) => s.name);
      }),
    activeSheet: () =>
      excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        sheet.load('name');
        await context.sync();
        return sheet.name;
      }),
    activate: (name) =>
      excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(name);
        await context.sync();
        if (!sheet.isNullObject) sheet.activate();
        await context.sync();
      }),
    seed: (sheet, topLeft, values, numberFormat) =>
      excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem(sheet).getRange(topLeft).getResizedRange(values.length - 1, (values[0]?.length ?? 1) - 1);
        if (numberFormat) range.numberFormat = numberFormat;
        range.values = values;
        await context.sync();
      }),
    cells: (sheet, address) =>
      excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem(sheet).getRange(address);
        range.load('values,formulas,numberFormat,text');
        await context.sync();
        return range.values.map((row, r) =>
          row.map((value, c) => ({ value, formula: range.formulas[r]?.[c], numberFormat: range.numberFormat[r]?.[c], text: String(range.text[r]?.[c] ?? '') })),
        );
      }),
    fill: (sheet, address) =>
      excel.run(async (context) => {
        const fill = context.workbook.worksheets.getItem(sheet).getRange(address).format.fill;
        fill.load('color');
        await context.sync();
        return fill.color ? fill.color.toUpperCase() : null;
      }),
    note: (sheet, cell) =>
      excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        if (mode === 'none') return null;
        const items = mode === 'notes' ? ws.notes : ws.comments;
        items.load('items/content');
        await context.sync();
        const located = items.items.map((item) => ({ item, where: item.getLocation().load('address') }));
        await context.sync();
        const hit = located.find((l) => l.where.address.replace(/^.*!/, '').replace(/\$/g, '').toUpperCase() === cell.toUpperCase());
        return hit ? hit.item.content : null;
      }),
    counts: (sheet) =>
      excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        const tables = ws.tables;
        tables.load('items/name');
        const charts = ws.charts;
        charts.load('items/name');
        const cfs = ws.getRange().conditionalFormats;
        const count = cfs.getCount();
        await context.sync();
        return { tables: tables.items.length, charts: charts.items.length, conditionalFormats: count.value };
      }),
    removeSettings: (keys) =>
      excel.run(async (context) => {
        const found = keys.map((k) => context.workbook.settings.getItemOrNullObject(k));
        await context.sync();
        for (const setting of found) if (!setting.isNullObject) setting.delete();
        await context.sync();
      }),
  };
}
