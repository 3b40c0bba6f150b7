import type { CellMark, SheetInfo, WorkbookPort } from '../../../addin/workbook-port';
import { parseCellAddress } from '../../../shared/table/address';
import type { CellValue, SheetGrid } from '../../../shared/table/grid';

/**
 * A WorkbookPort over plain arrays, for the sync tests (the strict fake of the Excel object model
 * in addin/excel-fake/ is the adapter's test bed). Records every write so tests can count calls.
 */
export class GridWorkbook implements WorkbookPort {
  readonly sheets = new Map<string, CellValue[][]>();
  readonly writes: { sheet: string; topLeft: string; rows: number }[] = [];
  readonly marks = new Map<string, readonly CellMark[]>();

  constructor(sheets: Record<string, CellValue[][]>) {
    for (const [name, rows] of Object.entries(sheets)) this.sheets.set(name, rows.map((r) => [...r]));
  }

  async listSheets(): Promise<SheetInfo[]> {
    return [...this.sheets].map(([name, rows]) => ({ name, rows: rows.length, columns: Math.max(0, ...rows.map((r) => r.length)) }));
  }

  async readSheet(name: string): Promise<SheetGrid> {
    const rows = this.sheets.get(name);
    if (!rows) throw new Error(`no sheet ${name}`);
    return { name, rows: rows.map((r) => [...r]) };
  }

  async markCells(sheet: string, marks: readonly CellMark[]): Promise<void> {
    this.marks.set(sheet, marks);
  }

  async selectCell(): Promise<void> {}

  async insertTemplate(): Promise<string> {
    throw new Error('not used');
  }

  async writeValues(sheet: string, topLeft: string, values: readonly (readonly (string | number | boolean | null)[])[]): Promise<void> {
    const rows = this.sheets.get(sheet);
    const at = parseCellAddress(topLeft);
    if (!rows || !at) throw new Error('bad write');
    this.writes.push({ sheet, topLeft, rows: values.length });
    values.forEach((line, r) =>
      line.forEach((value, c) => {
        const row = (rows[at.row + r] ??= []);
        while (row.length < at.col + c) row.push(null);
        row[at.col + c] = value;
      }),
    );
  }

  async writeScorecard(): Promise<void> {}
  async drawGantt(): Promise<void> {}
  async onChanged(): Promise<() => void> {
    return () => undefined;
  }

  /** Sets one cell, as a user typing would. */
  set(sheet: string, address: string, value: CellValue): void {
    const at = parseCellAddress(address)!;
    const rows = this.sheets.get(sheet)!;
    const row = (rows[at.row] ??= []);
    while (row.length < at.col) row.push(null);
    row[at.col] = value;
  }

  get(sheet: string, address: string): CellValue {
    const at = parseCellAddress(address)!;
    return this.sheets.get(sheet)?.[at.row]?.[at.col] ?? null;
  }
}
