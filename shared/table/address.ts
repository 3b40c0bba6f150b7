/** A1-style addresses from zero-based indexes, and back. */
export function columnLetters(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function rangeAddress(fromRow: number, fromCol: number, toRow: number, toCol: number): string {
  const a = cellAddress(fromRow, fromCol);
  const b = cellAddress(toRow, toCol);
  return a === b ? a : `${a}:${b}`;
}

/** "C7" → {row: 6, col: 2}; null for anything that is not a single cell address. */
export function parseCellAddress(address: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/.exec(address.toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}
