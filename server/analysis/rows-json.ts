import type { CellValue } from '../../shared/table/grid';

type Row = Readonly<Record<string, CellValue>>;

/** Rows' cells as one JSON array, from each row's cells already encoded as a JSON object. */
export function rowsJsonOf(encodedRows: readonly string[]): string {
  return `[${encodedRows.join(',')}]`;
}

/** The rows of rowsJsonOf's text; anything else is a bug, not a user's error. */
export function rowsOfJson(text: string): Row[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new Error('issue rows: not a JSON array');
  for (const row of value) {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new Error('issue rows: a row is not a JSON object');
  }
  return value as Row[];
}
