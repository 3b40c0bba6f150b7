import { createHash } from 'node:crypto';
import type { CellValue } from '../../shared/table/grid';

/** A row as pulled: its key and its cells. */
export interface ChecksumRow {
  readonly key: string;
  readonly cells: Readonly<Record<string, CellValue>>;
}

/** Hashed in chunks of about this many characters: one update per row costs more than the hash. */
const CHUNK_CHARS = 1 << 16;

/**
 * A stable SHA-256 over a sheet's live rows: independent of the order rows and fields come in,
 * and of how the cells were stored. A field holding null counts as absent, because a missing
 * field reads as an empty cell and the change log restores an earlier state with explicit nulls.
 * Each row is one line: its key, then field:value pairs in field order, all as JSON strings, so
 * no key or value can imitate a separator.
 */
export function sheetChecksum(rows: readonly ChecksumRow[]): string {
  const hash = createHash('sha256');
  let chunk = '';
  for (const row of inKeyOrder(rows)) {
    const cells = row.cells;
    const fields = Object.keys(cells);
    if (fields.length > 1) fields.sort();
    let line = JSON.stringify(row.key);
    for (const field of fields) {
      const value = cells[field];
      if (value === null || value === undefined) continue;
      line += `,${JSON.stringify(field)}:${JSON.stringify(value)}`;
    }
    chunk += `${line}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      hash.update(chunk);
      chunk = '';
    }
  }
  hash.update(chunk);
  return hash.digest('hex');
}

/** Pulls come in key order already; only sort when they do not. */
function inKeyOrder(rows: readonly ChecksumRow[]): readonly ChecksumRow[] {
  for (let i = 1; i < rows.length; i += 1) {
    if (rows[i - 1]!.key > rows[i]!.key) return [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  return rows;
}
