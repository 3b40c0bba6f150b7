/**
 * How a value goes into a cell so that the cell shows exactly what the user wrote.
 *
 * Excel parses text written to `range.values` as if typed: "=1+1" becomes a formula, "+86 138…"
 * and "-5% off" attempted formulas (errors), "@x" an implicit intersection, "2024-03" a date,
 * "3.6%" the number 0.036, "00123" the number 123. Two ways to stop it:
 * - the Text number format ("@") on the cell, set in the same batch before the value: the cell
 *   then stores the string as written and shows it unchanged (the formula bar too). Chosen for
 *   text: it is the documented behaviour of Text cells, and unlike an apostrophe it leaves no
 *   character in the formula bar that the user did not type.
 * - an apostrophe prefix: used only for text that itself starts with an apostrophe, which a
 *   Text cell would swallow; in a General cell "''x" shows "'x".
 * Numbers and booleans go in as they are and keep the cell's format — except a Text ("@")
 * format, which would keep them as text (the cell shows "5" as text and the engine reads a
 * string): there the format goes back to General first. A cell this add-in once wrote text into
 * is Text, so the next sync that writes a number there must undo it; the caller passes the
 * formats it read. null clears the cell (in a values array Office.js reads null as "leave
 * unchanged", so it is sent as "").
 *
 * Order matters, within one batch: the number format is set before the value, so the value
 * lands in a cell that already has the format it needs (Excel applies a batch's commands in the
 * order they were queued).
 */
export type WrittenValue = string | number | boolean | null;

export interface CellWrite {
  readonly value: string | number | boolean;
  /** The format to set first; null leaves the cell's format alone. */
  readonly numberFormat: string | null;
}

export const TEXT_FORMAT = '@';

export function cellWrite(value: WrittenValue, currentFormat: unknown = null): CellWrite {
  if (value === null || value === '') return { value: '', numberFormat: null };
  if (typeof value !== 'string') return { value, numberFormat: currentFormat === TEXT_FORMAT ? 'General' : null };
  if (value.startsWith("'")) return { value: `'${value}`, numberFormat: 'General' };
  return { value, numberFormat: TEXT_FORMAT };
}

/** Whether a block holds numbers or booleans, whose cells' current formats must be known first. */
export function needsCurrentFormats(rows: readonly (readonly WrittenValue[])[]): boolean {
  return rows.some((row) => row.some((v) => typeof v === 'number' || typeof v === 'boolean'));
}

/** The two grids one `range.numberFormat = …; range.values = …` pair sends (`current`: the formats there now, where read). */
export function textSafeGrids(rows: readonly (readonly WrittenValue[])[], width: number, current: readonly (readonly unknown[])[] | null = null): {
  values: (string | number | boolean)[][];
  numberFormat: (string | null)[][];
} {
  const values: (string | number | boolean)[][] = [];
  const numberFormat: (string | null)[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const v: (string | number | boolean)[] = [];
    const f: (string | null)[] = [];
    for (let c = 0; c < width; c++) {
      const w = cellWrite(row[c] ?? null, current?.[r]?.[c] ?? null);
      v.push(w.value);
      f.push(w.numberFormat);
    }
    values.push(v);
    numberFormat.push(f);
  }
  return { values, numberFormat };
}

/**
 * What a row costs in a request, erring high: each cell's value (its text at 3 bytes a
 * character, the UTF-8 worst case, and at least 32 bytes) and its number-format entry (24).
 */
export function rowBytes(row: readonly WrittenValue[]): number {
  let bytes = 0;
  for (const v of row) bytes += Math.max(32, typeof v === 'string' ? v.length * 3 + 3 : 0) + 24;
  return bytes;
}
