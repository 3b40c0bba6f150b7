import { naturalKey } from '../../../shared/kinds/kind-specs';
import type { SheetKind } from '../../../shared/kinds/sheet-kind';
import type { CellValue } from '../../../shared/table/grid';
import type { PulledRow } from '../../store/store-types';
import type { Cells, SheetMasking } from './sheet-masking';

/**
 * A caller who sees core fields masked pushes back what they were given: "广东省" where the
 * store holds a full address, a pseudonym where it holds a phone number. Written as such, those
 * would overwrite the real values with their masks. So a pushed cell equal to the mask of the
 * stored cell is taken as "unchanged" and the stored value put back; anything else is a real
 * edit and is written. Rows are matched by the key their masked cells give, as the caller's
 * sheet computes it.
 */
export function restoreMaskedCells(
  kind: SheetKind,
  pushed: readonly Cells[],
  stored: readonly PulledRow[],
  masking: SheetMasking,
  maskedFor: (cells: Cells) => boolean,
): Cells[] {
  if (!masking.active) return [...pushed];
  const byMaskedKey = new Map<string, Cells | null>();
  for (const row of stored) {
    if (row.deleted) continue;
    const key = naturalKey(kind, masking.cells(row.cells));
    if (key === null) continue;
    // Two stored rows with the same masked key (a fixed mask on a key field): neither is restored.
    byMaskedKey.set(key, byMaskedKey.has(key) ? null : row.cells);
  }
  return pushed.map((cells) => {
    if (!maskedFor(cells)) return cells;
    const key = naturalKey(kind, cells);
    const original = key === null ? null : (byMaskedKey.get(key) ?? null);
    if (original === null) return cells;
    const maskedOriginal = masking.cells(original);
    const out: Record<string, CellValue> = { ...cells };
    for (const field of masking.fields.keys()) {
      const value = cells[field];
      if (value !== undefined && value === maskedOriginal[field]) out[field] = original[field] ?? null;
    }
    return out;
  });
}
