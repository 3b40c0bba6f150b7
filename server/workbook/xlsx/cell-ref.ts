/**
 * "AB12" → zero-based row and column, by hand: this runs once per cell and a regular
 * expression with captures costs several times more. Null for anything else ("$A$1", "A0",
 * "1A"), so the caller can refuse the part.
 */
export interface CellPosition {
  row: number;
  col: number;
}

export function parseCellRef(ref: string): CellPosition | null {
  let i = 0;
  let col = 0;
  const n = ref.length;
  while (i < n) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    i += 1;
    if (col > 1e7) return null;
  }
  if (i === 0 || i === n) return null;
  let row = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
    if (row > 1e8) return null;
  }
  if (row === 0) return null;
  return { row: row - 1, col: col - 1 };
}

/** A positive integer attribute such as `<row r="12">`; null when it is not one. */
export function parsePositiveInt(text: string): number | null {
  if (!/^\d{1,9}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 ? n : null;
}
