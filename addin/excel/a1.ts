import { columnLetters, parseCellAddress } from '../../shared/table/address';

/**
 * A1 addresses as the adapter handles them: what the shared engine reports ("C7", "D2:D4"),
 * what Excel answers ("KPI!$C$7", "'My plan'!A1:B2"), and zero-based rectangles between them.
 */
export interface Box {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** "KPI!$C$7" → "C7": the part after the sheet name, without $ signs, upper case. */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  return (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, '').toUpperCase();
}

/** "C7" or "D2:D4" → its box; null for anything else (a whole column, a typo). */
export function parseBox(address: string): Box | null {
  const [a, b, extra] = localAddress(address).split(':');
  if (a === undefined || extra !== undefined) return null;
  const from = parseCellAddress(a);
  const to = b === undefined ? from : parseCellAddress(b);
  if (!from || !to) return null;
  return {
    top: Math.min(from.row, to.row),
    left: Math.min(from.col, to.col),
    bottom: Math.max(from.row, to.row),
    right: Math.max(from.col, to.col),
  };
}

export function boxAddress(box: Box): string {
  const a = `${columnLetters(box.left)}${box.top + 1}`;
  const b = `${columnLetters(box.right)}${box.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

export function boxArea(box: Box): number {
  return (box.bottom - box.top + 1) * (box.right - box.left + 1);
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

