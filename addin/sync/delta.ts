import type { PushBody } from '../../shared/api/sync';
import { KEY_FIELDS, naturalKey } from '../../shared/kinds/kind-specs';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import { fail, ok, type Result } from '../../shared/result';
import type { CellValue } from '../../shared/table/grid';
import type { Cells } from './sheet-rows';

/**
 * What changed in a sheet since it was last synced, as a delta push: only the cells that
 * differ (plus the row's key fields, which the service needs to find the row) and the natural
 * keys of rows that are gone. A 10-cell edit in a 100k-row sheet sends 10 rows, not 100k.
 */

export type KeyedRows = ReadonlyMap<string, Cells>;

export interface DuplicateKeys {
  readonly kind: 'duplicate-keys';
  /** Each duplicated natural key once, in sheet order. */
  readonly keys: readonly string[];
}

export interface Keyed {
  readonly rows: KeyedRows;
  /** Rows with an empty key field: the checks flag them; sync cannot address them. */
  readonly unkeyed: number;
}

/**
 * Rows by natural key. A duplicate key is refused (the service would refuse the push too, and
 * the checks already mark it on the sheet) rather than letting the last row silently win.
 */
export function keyRows(kind: SheetKind, rows: readonly Cells[]): Result<Keyed, DuplicateKeys> {
  const keyed = new Map<string, Cells>();
  const duplicates = new Set<string>();
  let unkeyed = 0;
  for (const cells of rows) {
    const key = naturalKey(kind, cells);
    if (key === null) {
      unkeyed++;
      continue;
    }
    if (keyed.has(key)) duplicates.add(key);
    else keyed.set(key, cells);
  }
  if (duplicates.size > 0) return fail({ kind: 'duplicate-keys', keys: [...duplicates] });
  return ok({ rows: keyed, unkeyed });
}

export interface Delta {
  readonly rows: readonly { readonly cells: Cells }[];
  readonly deletes: readonly string[];
  /** Cells that differ, key fields of unchanged keys not counted. */
  readonly changedCells: number;
}

/** An absent field and an empty cell are the same thing on the sheet. */
function valueOf(cells: Cells | undefined, field: string): CellValue {
  return cells?.[field] ?? null;
}

export function computeDelta(kind: SheetKind, current: KeyedRows, base: KeyedRows): Delta {
  const keyFields = KEY_FIELDS[kind];
  const rows: { cells: Cells }[] = [];
  let changedCells = 0;
  for (const [key, cells] of current) {
    const before = base.get(key);
    const changed: Record<string, CellValue> = {};
    let count = 0;
    const fields = new Set([...Object.keys(cells), ...Object.keys(before ?? {})]);
    for (const field of fields) {
      const now = valueOf(cells, field);
      // A new row sends its filled cells only: nulls would say nothing new.
      if (before === undefined ? now === null : now === valueOf(before, field)) continue;
      changed[field] = now;
      count++;
    }
    if (count === 0) continue;
    // Key fields ride along so the service can compute the row's key; they count only if they changed.
    for (const field of keyFields) if (!(field in changed)) changed[field] = valueOf(cells, field);
    rows.push({ cells: changed });
    changedCells += count;
  }
  const deletes = [...base.keys()].filter((key) => !current.has(key));
  return { rows, deletes, changedCells };
}

export function isEmptyDelta(delta: Delta): boolean {
  return delta.rows.length === 0 && delta.deletes.length === 0;
}

export function deltaBody(kind: SheetKind, delta: Delta): PushBody {
  return { kind, mode: 'delta', rows: delta.rows.map((r) => ({ cells: { ...r.cells } })), deletes: [...delta.deletes] };
}

export function fullBody(kind: SheetKind, rows: KeyedRows): PushBody {
  return { kind, mode: 'full', rows: [...rows.values()].map((cells) => ({ cells: { ...cells } })), deletes: [] };
}
