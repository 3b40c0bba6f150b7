import type { ConflictDto } from '../../shared/api/sync';
import type { CellValue } from '../../shared/table/grid';
import type { KeyedRows } from './delta';
import type { Cells } from './sheet-rows';

/**
 * A pull merged into the sheet, three ways: the sheet now (local), the last synced state
 * (base) and what the service sent (remote). Per cell: unchanged remotely → keep local;
 * changed remotely and untouched locally → take remote; changed the same way on both → nothing;
 * changed differently on both → a conflict for the conflict view (the sheet keeps yours until
 * the user picks). The new base is the remote state.
 */

export interface PulledRow {
  readonly key: string;
  readonly cells: Cells;
  readonly deleted: boolean;
}

export interface CellWrite {
  readonly key: string;
  readonly field: string;
  readonly value: CellValue;
}

export interface MergePlan {
  readonly base: KeyedRows;
  readonly writes: readonly CellWrite[];
  /** Rows the service has and the sheet has not (nor ever had, or others restored). */
  readonly appends: readonly Cells[];
  /** Rows deleted on the service and untouched here. */
  readonly removals: readonly string[];
  readonly conflicts: readonly ConflictDto[];
}

const at = (cells: Cells | undefined, field: string): CellValue => cells?.[field] ?? null;

export function mergePulled(local: KeyedRows, base: KeyedRows, pulled: readonly PulledRow[]): MergePlan {
  const nextBase = new Map(base);
  const writes: CellWrite[] = [];
  const appends: Cells[] = [];
  const removals: string[] = [];
  const conflicts: ConflictDto[] = [];
  for (const row of pulled) {
    const mine = local.get(row.key);
    const before = base.get(row.key);
    if (row.deleted) {
      nextBase.delete(row.key);
      // Deleted there; if edited here, the row stays and goes back with the next push.
      if (mine && before && sameCells(mine, before)) removals.push(row.key);
      continue;
    }
    nextBase.set(row.key, row.cells);
    if (!mine) {
      // Not in the sheet: new there, or deleted here. A local deletion of a row someone else
      // changed meanwhile is undone (theirs is newer); an untouched one stays deleted.
      if (!before || !sameCells(before, row.cells)) appends.push(row.cells);
      continue;
    }
    for (const field of new Set([...Object.keys(row.cells), ...Object.keys(before ?? {}), ...Object.keys(mine)])) {
      const remote = at(row.cells, field);
      const original = at(before, field);
      const yours = at(mine, field);
      if (remote === original || remote === yours) continue;
      if (yours === original) writes.push({ key: row.key, field, value: remote });
      else conflicts.push({ key: row.key, field, yours, theirs: remote, original });
    }
  }
  return { base: nextBase, writes, appends, removals, conflicts };
}

function sameCells(a: Cells, b: Cells): boolean {
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) if (at(a, field) !== at(b, field)) return false;
  return true;
}
