// What the sheet scanner's tests share: tiny worksheets, a reading context, and the outcome of
// reading one with the fast scanner or with saxes (a grid, a refusal, or 'fallback').
import type { CellValue } from '../../../shared/table/grid';
import { CellBudget } from '../../../server/workbook/xlsx/cell-budget';
import type { FormatKind } from '../../../shared/parse/excel-number';
import { RefusalSignal } from '../../../server/workbook/xlsx/read-refusal';
import { type SheetContext } from '../../../server/workbook/xlsx/sheet-data';
import { saxesSheetBytes, scanSheetBytes } from '../../../server/workbook/xlsx/sheet-scan';

export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const sheet = (data: string, head = HEAD): string => `${head}<worksheet xmlns="${MAIN}"><sheetData>${data}</sheetData></worksheet>`;

export const SHARED = ['zero', 'one', 'two'];
/** Style 1 is a date format, 2 a percent. */
export const STYLES: FormatKind[] = ['number', 'date', 'percent'];

export function context(maxCells = 1_000_000, sharedStrings: readonly string[] = SHARED, styleKinds: readonly FormatKind[] = STYLES): SheetContext {
  return { sheetName: 'S', sharedStrings, styleKinds, date1904: false, cells: new CellBudget(maxCells) };
}

export type Outcome = { rows: CellValue[][] } | { refused: unknown } | 'fallback';

export function fastOutcome(chunks: Buffer[], maxCells?: number): Outcome {
  try {
    const rows = scanSheetBytes(chunks, context(maxCells));
    return rows === 'fallback' ? rows : { rows };
  } catch (e) {
    if (e instanceof RefusalSignal) return { refused: e.refusal };
    throw e;
  }
}

export async function saxesOutcome(chunks: Buffer[], maxCells?: number): Promise<Outcome> {
  try {
    return { rows: await saxesSheetBytes(chunks, context(maxCells)) };
  } catch (e) {
    if (e instanceof RefusalSignal) return { refused: e.refusal };
    throw e;
  }
}

export const bytes = (xml: string): Buffer => Buffer.from(xml, 'utf8');

/** The document split into chunks at the given byte offsets. */
export function splitAt(doc: Buffer, ...offsets: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let from = 0;
  for (const at of [...offsets].sort((a, b) => a - b)) {
    chunks.push(doc.subarray(from, at));
    from = at;
  }
  chunks.push(doc.subarray(from));
  return chunks;
}
