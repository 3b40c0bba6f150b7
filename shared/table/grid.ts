/**
 * A worksheet as every reader hands it to the domain: the Excel adapter, the guarded xlsx
 * reader and the tests all produce this one shape, so nothing is parsed twice in two ways.
 *
 * Values are what the cell holds, as shared/parse/excel-number.ts reads a number under its
 * format: numbers as numbers, dates as ISO strings `YYYY-MM-DD` (or `YYYY-MM-DDTHH:mm:ss` with
 * a time), a percent cell as its percent text (1.5 shown as 150% is "150%", read by the checks
 * as typed "150%" is), formulas as their cached result, errors such as `#DIV/0!` as text. `rows[r][c]` is row r+1, column c+1; rows may be
 * ragged and missing cells are null or absent.
 */
export type CellValue = string | number | boolean | null;

export interface SheetGrid {
  readonly name: string;
  readonly rows: ReadonlyArray<ReadonlyArray<CellValue>>;
}

export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}
