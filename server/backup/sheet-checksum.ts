import { createHash } from 'node:crypto';
import type { CellValue } from '../../shared/table/grid';

/** A row as pulled: its key and its cells. */
export interface ChecksumRow {
  readonly key: string;
  readonly cells: Readonly<Record<string, CellValue>>;
}

/**
 * A stable SHA-256 over a sheet's live rows: independent of the order rows and fields come in,
 * and of how the cells were stored. A field holding null counts as absent, because a missing
 * field reads as an empty cell and the change log restores an earlier state with explicit nulls.
 */
export function sheetChecksum(rows: readonly ChecksumRow[]): string {
  const sorted = [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const hash = createHash('sha256');
  for (const row of sorted) {
    const fields = Object.keys(row.cells)
      .filter((f) => row.cells[f] !== null && row.cells[f] !== undefined)
      .sort()
      .map((f) => [f, row.cells[f]]);
    hash.update(JSON.stringify([row.key, fields]));
    hash.update('\n');
  }
  return hash.digest('hex');
}
