import type { FieldError } from '../../shared/api/problem';
import { MAX_REFUSAL_ERRORS, syncRefusal, type SyncRefusal } from '../../shared/api/sync-refusals';
import { naturalKeyer } from '../../shared/kinds/kind-specs';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { CellValue } from '../../shared/table/grid';
import { fail, ok, type Result } from '../../shared/result';
import { sortedByKey } from '../store/merge';
import type { SyncRow } from '../store/store-types';

type Cells = Readonly<Record<string, CellValue>>;

interface IndexedRow extends SyncRow {
  /** Its place in the request, for error paths. */
  readonly index: number;
}

/**
 * Natural keys of the pushed rows; a row without one, or two rows with one key, refuse the
 * push. The rows come back in key order: repeated keys are then next to each other (no map
 * of 100k keys to find them), and the store, which writes in key order, need not sort again.
 * Errors name rows by their index, never by a value: a key may be made of core fields.
 */
export function keyedRows(kind: SheetKind, rows: readonly Cells[]): Result<SyncRow[], SyncRefusal> {
  const errors: Array<{ readonly index: number; readonly error: FieldError }> = [];
  const keyed: IndexedRow[] = [];
  const naturalKey = naturalKeyer(kind);
  for (let index = 0; index < rows.length; index++) {
    const cells = rows[index]!;
    const key = naturalKey(cells);
    if (key === null) errors.push({ index, error: { in: 'body', path: `/rows/${index}`, code: 'missing-key', message: `row ${index} has an empty key field` } });
    else keyed.push({ key, cells, index });
  }
  // Stable: within a run of one key, the first row pushed comes first.
  const sorted = sortedByKey(keyed);
  let first = 0;
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.key !== sorted[first]!.key) {
      first = i;
      continue;
    }
    const { index } = sorted[i]!;
    errors.push({ index, error: { in: 'body', path: `/rows/${index}`, code: 'duplicate-key', message: `row ${index} has the same key as row ${sorted[first]!.index}` } });
  }
  if (errors.length === 0) return ok(sorted);
  // By row, so that the first errors of the request are the ones answered.
  errors.sort((a, b) => a.index - b.index);
  return fail(syncRefusal('row-keys', { rows: errors.length }, errors.slice(0, MAX_REFUSAL_ERRORS).map((e) => e.error)));
}
