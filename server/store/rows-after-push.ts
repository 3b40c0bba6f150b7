import type { Cells } from './json-cells';
import type { RowEffect } from './merge';
import type { PulledRow } from './store-types';
import type { StoredRows } from './stored-rows';

/** A character outside the Basic Multilingual Plane, as UTF-16 holds it. */
const SURROGATE = /[\ud800-\udfff]/;

/**
 * The live rows of a sheet right after a push, as pull(ref, 0) would read them from SQLite
 * after the commit (same keys, cells, revisions, in key order), from what the push already
 * holds: the live rows it read in key order, and its effects in key order.
 *
 * SQLite orders keys by their UTF-8 bytes (code points); JavaScript compares UTF-16 code
 * units. The two agree unless a key holds a character outside the BMP: then, when the effects
 * have to be merged in, this answers null and the caller pulls instead.
 */
export function rowsAfterPush(stored: StoredRows, ordered: readonly RowEffect[], revision: number): PulledRow[] | null {
  if (ordered.length > 0) {
    for (const effect of ordered) if (SURROGATE.test(effect.key)) return null;
    for (const key of stored.keys()) if (SURROGATE.test(key)) return null;
  }
  const rows: PulledRow[] = [];
  const written = (effect: RowEffect): void => {
    // A delete leaves a tombstone, which pull since 0 does not answer.
    if (effect.op !== 'delete') rows.push({ key: effect.key, cells: plain(effect.cells), deleted: false, revision });
  };
  let next = 0;
  stored.forEachRow((key, rowRevision, cells) => {
    while (next < ordered.length && ordered[next]!.key < key) written(ordered[next++]!);
    if (next < ordered.length && ordered[next]!.key === key) {
      written(ordered[next++]!);
      return;
    }
    rows.push({ key, cells: plain(cells), deleted: false, revision: rowRevision });
  });
  while (next < ordered.length) written(ordered[next++]!);
  return rows;
}

/** Cells as decoded from JSON are: a plain object (the merge builds rows without a prototype). */
function plain(cells: Cells): Cells {
  return Object.getPrototypeOf(cells) === Object.prototype ? cells : { ...cells };
}
