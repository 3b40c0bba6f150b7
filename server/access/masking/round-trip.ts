import { FIXED_MASK } from '../../../shared/engine/masking';
import { naturalKey } from '../../../shared/kinds/kind-specs';
import type { SheetKind } from '../../../shared/kinds/sheet-kind';
import type { CellValue } from '../../../shared/table/grid';
import type { PulledRow } from '../../store/store-types';
import type { Cells, SheetMasking } from './sheet-masking';

/**
 * The caller's write door for masked values. A caller who sees fields masked pushes back what
 * they were given: "广东省" where the store holds a full address, a pseudonym where it holds a
 * phone number, "***" for a field masked entirely. Written as such, those would overwrite the
 * real values with their masks. So, for every field (the kind's columns and any other):
 *
 * - a pushed cell equal to the mask of the stored cell is taken as "unchanged" and the stored
 *   value put back; anything else is a real edit and is written;
 * - rows are matched by the key their masked cells give, as the caller's sheet computes it,
 *   and deletes name rows by the keys the caller was shown;
 * - a cell still holding a mask that stands for nothing stored (a row copied from a masked one,
 *   a mask typed elsewhere) is reported (`unmatched`), so the push can be refused instead of
 *   writing masks over data.
 */
export interface RestoredPush {
  readonly rows: Cells[];
  readonly deletes: string[];
  /** Indices of pushed rows that still hold a mask after restoring. */
  readonly unmatched: number[];
}

const PSEUDONYM = /h:[A-Za-z0-9_-]{43}/;

/** A value only the masking makes: a fixed mask, or text holding one of our pseudonyms. */
export function looksMasked(value: CellValue | undefined): boolean {
  return typeof value === 'string' && (value === FIXED_MASK || PSEUDONYM.test(value));
}

export function restoreMaskedCells(
  kind: SheetKind,
  pushed: readonly Cells[],
  deletes: readonly string[],
  stored: readonly PulledRow[],
  masking: SheetMasking,
  maskedFor: (cells: Cells) => boolean,
): RestoredPush {
  const byMaskedKey = new Map<string, Cells | null>();
  const keyOfMaskedKey = new Map<string, string | null>();
  for (const row of stored) {
    if (row.deleted) continue;
    const key = naturalKey(kind, masking.cells(row.cells));
    if (key !== null) {
      // Two stored rows with the same masked key (a fixed mask on a key field): neither is restored.
      byMaskedKey.set(key, byMaskedKey.has(key) ? null : row.cells);
    }
    const shown = masking.key(row.key);
    keyOfMaskedKey.set(shown, keyOfMaskedKey.has(shown) ? null : row.key);
  }

  const unmatched: number[] = [];
  const rows = pushed.map((cells, index) => {
    if (!maskedFor(cells)) return cells;
    const key = naturalKey(kind, cells);
    const original = key === null ? null : (byMaskedKey.get(key) ?? null);
    const out: Record<string, CellValue> = { ...cells };
    if (original !== null) {
      for (const [field, value] of Object.entries(cells)) {
        const before = original[field] ?? null;
        if (value === masking.cell(field, before)) out[field] = before;
      }
    }
    if (Object.entries(out).some(([field, value]) => looksMasked(value) && (original === null || original[field] !== value))) unmatched.push(index);
    return out;
  });
  const restoredDeletes = deletes.map((k) => keyOfMaskedKey.get(k) ?? k);
  return { rows, deletes: restoredDeletes, unmatched };
}
