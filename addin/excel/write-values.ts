/// <reference types="office-js" />
import type { ExcelHost } from './excel-host';
import { parseBox } from './a1';
import { SYNC_PAYLOAD_BUDGET } from './chunks';
import { rowBytes, textSafeGrids, type WrittenValue } from './text-safe';

export class InvalidAddressError extends Error {
  readonly code = 'invalid-address';
  constructor(address: string) {
    super(`'${address}' is not a cell address.`);
  }
}

/**
 * Writes a rectangle of values from `topLeft`, text kept as text (see text-safe.ts).
 * Syncs: 1, or one per 4 MB of data for a very large block (a single request over 5 MB would
 * be refused whole).
 */
export async function writeValues(excel: ExcelHost, sheetName: string, topLeft: string, rows: readonly (readonly WrittenValue[])[]): Promise<void> {
  const origin = parseBox(topLeft);
  if (!origin) throw new InvalidAddressError(topLeft);
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (rows.length === 0 || width === 0) return;
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    let start = 0;
    while (start < rows.length) {
      let end = start;
      let bytes = 0;
      while (end < rows.length && (end === start || bytes + rowBytes(rows[end]!) <= SYNC_PAYLOAD_BUDGET)) bytes += rowBytes(rows[end++]!);
      const block = textSafeGrids(rows.slice(start, end), width);
      const range = sheet.getRangeByIndexes(origin.top + start, origin.left, end - start, width);
      // The format first: a value lands in a cell that is already Text.
      range.numberFormat = block.numberFormat;
      range.values = block.values;
      await context.sync();
      start = end;
    }
  });
}
