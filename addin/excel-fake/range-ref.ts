import { MAX_COLUMNS, MAX_ROWS, type Rect } from './a1';
import { FakeExcelError } from './errors';

/** What a Range proxy is bound to: a rectangle on a worksheet, by id. */
export interface RangeRef {
  readonly sheetId: string;
  readonly rect: Rect;
}

export function checkedRect(top: number, left: number, rows: number, columns: number): Rect {
  const ok = [top, left, rows, columns].every(Number.isInteger) && top >= 0 && left >= 0 && rows >= 1 && columns >= 1;
  if (!ok || top + rows > MAX_ROWS || left + columns > MAX_COLUMNS) {
    throw new FakeExcelError('InvalidArgument', `The range (${top}, ${left}) × ${rows}×${columns} is outside the worksheet.`);
  }
  return { top, left, bottom: top + rows - 1, right: left + columns - 1 };
}

/** A value per cell from what was assigned: a 2-D array of the range's exact shape, or one value for all. */
export function cellSource(input: unknown, rect: Rect, property: string): (r: number, c: number) => unknown {
  const rows = rect.bottom - rect.top + 1;
  const cols = rect.right - rect.left + 1;
  if (!Array.isArray(input)) return () => input;
  const grid = input as unknown[];
  if (grid.length !== rows || grid.some((row) => !Array.isArray(row) || row.length !== cols)) {
    throw new FakeExcelError(
      'InvalidArgument',
      `The number of rows or columns in the input array for '${property}' doesn't match the size or dimensions of the range (${rows}×${cols}).`,
    );
  }
  return (r, c) => (grid[r] as unknown[])[c];
}
