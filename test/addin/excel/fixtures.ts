import { ExcelWorkbookPort } from '../../../addin/excel';
import { FakeExcel, type CellSeed, type FakeExcelOptions } from '../../../addin/excel-fake';

/** A fake Excel and the adapter running on it, as the task pane's preview mode wires them. */
export function excelWith(options: FakeExcelOptions = {}): { fake: FakeExcel; port: ExcelWorkbookPort } {
  const fake = new FakeExcel(options);
  return { fake, port: new ExcelWorkbookPort(fake.excel, fake.requirements) };
}

/** Excel's serial for a date (1900 system, after 1900-02-28). */
export function serialOf(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25_569;
}

export const KPI_HEADER = ['KPI', '公式', '目标值', '权重', '维度', '负责人', '复核日期'];

/**
 * A KPI-like sheet of `rows` data rows and 7 columns: text, a percent-formatted weight, a
 * date-formatted review date. `perspective(i)` lets a test plant errors.
 */
export function kpiLikeRows(rows: number, perspective: (i: number) => string = () => '财务'): CellSeed[][] {
  const out: CellSeed[][] = [KPI_HEADER];
  for (let i = 0; i < rows; i++) {
    out.push([
      `KPI ${i + 1}`,
      '',
      '≥3%',
      { value: 1 / rows, numberFormat: '0%' },
      perspective(i),
      '张三',
      { value: serialOf('2024-03-01') + (i % 365), numberFormat: 'yyyy-mm-dd' },
    ]);
  }
  return out;
}

/** Every run's sync count: one entry per port call. */
export function syncsPerRun(fake: FakeExcel): number[] {
  return fake.runs.map((r) => r.syncs);
}
