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
 * Numbers and booleans go in as they are and keep the cell's format. null clears the cell
 * (in a values array Office.js reads null as "leave unchanged", so it is sent as "").
 */
export type WrittenValue = string | number | boolean | null;

export interface CellWrite {
  readonly value: string | number | boolean;
  /** The format to set first; null leaves the cell's format alone. */
  readonly numberFormat: string | null;
}

export function cellWrite(value: WrittenValue): CellWrite {
  if (value === null || value === '') return { value: '', numberFormat: null };
  if (typeof value !== 'string') return { value, numberFormat: null };
  if (value.startsWith("'")) return { value: `'${value}`, numberFormat: 'General' };
  return { value, numberFormat: '@' };
}

/** The two grids one `range.numberFormat = …; range.values = …` pair sends. */
export function textSafeGrids(rows: readonly (readonly WrittenValue[])[], width: number): {
  values: (string | number | boolean)[][];
  numberFormat: (string | null)[][];
} {
  const values: (string | number | boolean)[][] = [];
  const numberFormat: (string | null)[][] = [];
  for (const row of rows) {
    const v: (string | number | boolean)[] = [];
    const f: (string | null)[] = [];
    for (let c = 0; c < width; c++) {
      const w = cellWrite(row[c] ?? null);
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
