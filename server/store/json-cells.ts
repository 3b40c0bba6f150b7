import type { CellValue } from '../../shared/table/grid';

/**
 * Cells as stored: JSON text. Values are CellValue only (the HTTP edge refuses NaN, ±Infinity
 * and turns -0 into 0), for which JSON.stringify/parse round-trip exactly (0.1 stays 0.1).
 *
 * Decoding trusts the store's own writes for the values and checks only the shape, so that a
 * corrupt row fails loudly here instead of as a wrong merge later.
 */
export type Cells = Readonly<Record<string, CellValue>>;

/** A fresh record without a prototype: a field named `constructor` or `__proto__` is just a field. */
export function emptyCells(): Record<string, CellValue> {
  return Object.create(null) as Record<string, CellValue>;
}

/** The value of a field; a missing field reads as null (an empty cell). Own properties only. */
export function cellOf(cells: Cells | null, field: string): CellValue {
  if (cells === null || !Object.hasOwn(cells, field)) return null;
  return cells[field] ?? null;
}

export function encodeCells(cells: Cells): string {
  return JSON.stringify(cells);
}

export function decodeCells(text: string): Cells {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('stored cells are not a JSON object');
  }
  return value as Cells;
}

export function isCellValue(value: unknown): value is CellValue {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}
