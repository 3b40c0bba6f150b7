import { classifyFormat, excelNumberValue } from '../../shared/parse/excel-number';
import type { CellValue } from '../../shared/table/grid';

/**
 * Excel's answer for a cell (`values` plus `numberFormat`) as the grid the shared engine reads:
 * empty cells are null, text and errors ("#DIV/0!") stay text, and a number means what
 * shared/parse/excel-number.ts says it means under its format (dates as ISO text, percents as
 * "150%"), exactly as the xlsx reader makes it of the same cell in a file. Office.js reports
 * serials in the 1900 date system here.
 */
export function toCellValue(value: unknown, numberFormat: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'number') return excelNumberValue(value, typeof numberFormat === 'string' ? classifyFormat(numberFormat) : 'number');
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}
