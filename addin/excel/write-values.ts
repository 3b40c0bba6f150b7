/// <reference types="office-js" />
import type { ExcelHost } from './excel-host';
import { parseBox } from './a1';
import { SYNC_PAYLOAD_BUDGET } from './chunks';
import { needsCurrentFormats, rowBytes, textSafeGrids, type WrittenValue } from './text-safe';

export class InvalidAddressError extends Error {
  readonly code = 'invalid-address';
  constructor(address: string) {
    super(`'${address}' is not a cell address.`);
  }
}

/**
 * Writes a rectangle of values from `topLeft`, text kept as text and numbers kept numbers (see
 * text-safe.ts). Syncs: 1 per block of up to 4 MB (a single request over 5 MB would be refused
 * whole), plus 1 before it to read the block's number formats when it holds numbers or booleans
 * (a Text cell would turn them into text).
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
      const slice = rows.slice(start, end);
      const range = sheet.getRangeByIndexes(origin.top + start, origin.left, end - start, width);
      let current: unknown[][] | null = null;
      if (needsCurrentFormats(slice)) {
        range.load('numberFormat');
        await context.sync();
        current = range.numberFormat;
      }
      const block = textSafeGrids(slice, width, current);
      // The format first: a value lands in a cell that already has the format it needs.
      range.numberFormat = block.numberFormat;
      range.values = block.values;
      await context.sync();
      start = end;
    }
  });
}
