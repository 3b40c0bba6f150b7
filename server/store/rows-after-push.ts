import type { Cells } from './json-cells';
import type { RowEffect } from './merge';
import type { PulledRow } from './store-types';
import type { StoredRows } from './stored-rows';

/** A character outside the Basic Multilingual Plane, as UTF-16 holds it. */
const SURROGATE = /[\ud800-\udfff]/;

/**
 * The live rows of a sheet right after a push, as pull(ref, 0) would read them after the
 * commit (same keys, cells, revisions, in key order), from what the push already
 * holds: the live rows it read in key order, and its effects in key order.
 *
 * The store orders keys by their UTF-8 bytes (code points: SQLite's text order, PostgreSQL's
 * COLLATE "C"); JavaScript compares UTF-16 code
 * units. The two agree unless a key holds a character outside the BMP: then, when the effects
 * have to be merged in, these answer null and the caller pulls instead.
 */
export function rowsAfterPush(stored: StoredRows, ordered: readonly RowEffect[], revision: number): PulledRow[] | null {
  const rows: PulledRow[] = [];
  const walked = walkRowsAfter(stored, ordered, {
    stored: (key, rowRevision) => rows.push({ key, cells: plain(stored.get(key)!), deleted: false, revision: rowRevision }),
    written: (effect) => rows.push({ key: effect.key, cells: plain(effect.cells), deleted: false, revision }),
  });
  return walked ? rows : null;
}

/**
 * The same rows' cells as JSON texts, as the store writes them (effects encoded, stored rows
 * as read): what a push tells its observer before writing, without decoding anything.
 * `encoded(index)`: the cells of `ordered[index]` as the push writes them.
 */
export function rowCellsAfterPush(stored: StoredRows, ordered: readonly RowEffect[], encoded: (index: number) => string): string[] | null {
  const texts: string[] = [];
  const walked = walkRowsAfter(stored, ordered, {
    stored: (_key, _revision, text) => texts.push(text),
    written: (_effect, index) => texts.push(encoded(index)),
  });
  return walked ? texts : null;
}

/**
 * The rows one push wrote, tombstones included, in key order: what pull(ref, revision - 1)
 * answers right after it (later pushes aside), so that the issues of a delta push's rows need
 * not be read back. null when a key holds a character outside the BMP (the order cannot be
 * trusted, see above): the caller pulls.
 */
export function rowsWrittenBy(ordered: readonly RowEffect[], revision: number): PulledRow[] | null {
  for (const effect of ordered) if (SURROGATE.test(effect.key)) return null;
  return ordered.map((effect) =>
    effect.op === 'delete' ? { key: effect.key, cells: {}, deleted: true, revision } : { key: effect.key, cells: plain(effect.cells), deleted: false, revision },
  );
}

interface RowsAfterVisitor {
  stored(key: string, revision: number, text: string): void;
  /** A created or updated row; `index` is the effect's position in `ordered`. */
  written(effect: RowEffect, index: number): void;
}

/** Visits the live rows after the push in key order; false when that order cannot be trusted (see above). */
function walkRowsAfter(stored: StoredRows, ordered: readonly RowEffect[], visit: RowsAfterVisitor): boolean {
  if (ordered.length > 0) {
    for (const effect of ordered) if (SURROGATE.test(effect.key)) return false;
    for (const key of stored.keys()) if (SURROGATE.test(key)) return false;
  }
  let next = 0;
  const writeNext = (): void => {
    const effect = ordered[next]!;
    // A delete leaves a tombstone, which pull since 0 does not answer.
    if (effect.op !== 'delete') visit.written(effect, next);
    next++;
  };
  stored.forEachText((key, rowRevision, text) => {
    while (next < ordered.length && ordered[next]!.key < key) writeNext();
    if (next < ordered.length && ordered[next]!.key === key) {
      writeNext();
      return;
    }
    visit.stored(key, rowRevision, text);
  });
  while (next < ordered.length) writeNext();
  return true;
}

/** Cells as decoded from JSON are: a plain object (the merge builds rows without a prototype). */
function plain(cells: Cells): Cells {
  return Object.getPrototypeOf(cells) === Object.prototype ? cells : { ...cells };
}
