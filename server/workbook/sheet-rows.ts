import type ExcelJS from 'exceljs';
import type { TargetCheck } from './stream-target';

/**
 * Row writing shared by the scorecard workbook's sheets (exceljs's streaming writer). Styles are
 * created once and shared: exceljs remembers a style object's id in a WeakMap, so a shared object
 * costs a lookup per cell; a fresh `{}` per cell would cost a serialisation.
 */

export type CellStyle = Partial<ExcelJS.Style>;
export type CellValue = string | number | undefined;

const PLAIN_ROW: CellStyle = {};
export const HEADER: CellStyle = {
  font: { bold: true, color: { argb: 'FF1F3864' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  border: { bottom: { style: 'thin', color: { argb: 'FF8EA9DB' } } },
  alignment: { vertical: 'middle' },
};

/** Rows written between pauses that let the zip stream drain and a failed target stop us. */
export const ROWS_PER_PAUSE = 2000;

export function writeHeader(sheet: ExcelJS.Worksheet, headers: readonly string[], widths: readonly number[]): void {
  // Column widths must be set before the first row: the streaming writer emits <cols> with it.
  // (A width of exactly 9 is exceljs's default and is silently left out: none of ours is 9.)
  sheet.columns = widths.map((width) => ({ width }));
  const row = sheet.addRow([...headers]);
  row.height = 20;
  for (let col = 1; col <= headers.length; col += 1) row.getCell(col).style = HEADER;
  row.commit();
}

/**
 * Adds and commits one row. A blank is `undefined`, not null: exceljs then creates no cell at
 * all, where a null cell would still be styled and written.
 */
export function addStyledRow(sheet: ExcelJS.Worksheet, values: CellValue[], styles: readonly CellStyle[]): void {
  const row = sheet.addRow(values);
  // Rows carry a style too (undeclared in exceljs's typings): each new row gets a fresh `{}`,
  // which misses the style cache and costs a serialisation per row.
  (row as unknown as { style: CellStyle }).style = PLAIN_ROW;
  for (let col = 0; col < values.length; col += 1) {
    if (values[col] !== undefined) row.getCell(col + 1).style = styles[col]!;
  }
  row.commit();
}

export async function pause(check: TargetCheck): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  check();
}
