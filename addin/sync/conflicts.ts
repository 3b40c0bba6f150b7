import type { ConflictDto, PushBody } from '../../shared/api/sync';
import { KEY_FIELDS } from '../../shared/kinds/kind-specs';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import { fail, ok, type Result } from '../../shared/result';
import type { CellValue } from '../../shared/table/grid';
import type { KeyedRows } from './delta';

/**
 * The conflict view's state: the cells that both sides changed since the common revision, each
 * with yours / theirs / original and the user's pick. Immutable updates, so React re-renders on
 * each pick and tests compare plain values. Resolving makes one delta push of the picked values,
 * based on the revision the service answered with, and the cells to write back into the sheet
 * where the pick is not what the sheet shows.
 */

export type Choice = 'yours' | 'theirs' | 'original';

export interface ConflictCell {
  readonly key: string;
  readonly field: string;
  readonly yours: CellValue;
  readonly theirs: CellValue;
  readonly original: CellValue;
  readonly choice: Choice | null;
}

export interface ConflictState {
  readonly kind: SheetKind;
  /** The revision the service answered with: the resolution's If-Match. */
  readonly revision: number;
  readonly cells: readonly ConflictCell[];
}

export function openConflicts(kind: SheetKind, revision: number, conflicts: readonly ConflictDto[]): ConflictState {
  return {
    kind,
    revision,
    cells: conflicts.map((c) => ({ key: c.key, field: c.field, yours: c.yours, theirs: c.theirs, original: c.original, choice: null })),
  };
}

export function pick(state: ConflictState, key: string, field: string, choice: Choice): ConflictState {
  return { ...state, cells: state.cells.map((c) => (c.key === key && c.field === field ? { ...c, choice } : c)) };
}

export function pickAll(state: ConflictState, choice: Choice): ConflictState {
  return { ...state, cells: state.cells.map((c) => ({ ...c, choice })) };
}

export function unresolvedCount(state: ConflictState): number {
  return state.cells.filter((c) => c.choice === null).length;
}

export function chosenValue(cell: ConflictCell): CellValue | undefined {
  return cell.choice === null ? undefined : cell[cell.choice];
}

export type ResolutionFailure =
  | { readonly kind: 'unresolved'; readonly count: number }
  /** A conflicting row is no longer in the sheet, so its key fields cannot be sent. */
  | { readonly kind: 'row-missing'; readonly key: string };

export interface Resolution {
  readonly body: PushBody;
  readonly baseRevision: number;
  /** Cells whose picked value differs from what the sheet holds now. */
  readonly sheetWrites: readonly { readonly key: string; readonly field: string; readonly value: CellValue }[];
}

/**
 * The push that settles every conflict. `current` is the sheet's rows now, by natural key: the
 * key fields come from there (a conflict names the key, the service needs the key's cells).
 */
export function resolutionPush(state: ConflictState, current: KeyedRows): Result<Resolution, ResolutionFailure> {
  const open = unresolvedCount(state);
  if (open > 0) return fail({ kind: 'unresolved', count: open });
  const rows = new Map<string, Record<string, CellValue>>();
  const sheetWrites: { key: string; field: string; value: CellValue }[] = [];
  for (const cell of state.cells) {
    const value = chosenValue(cell) ?? null;
    const row = current.get(cell.key);
    if (!row) return fail({ kind: 'row-missing', key: cell.key });
    let cells = rows.get(cell.key);
    if (!cells) {
      cells = {};
      for (const field of KEY_FIELDS[state.kind]) cells[field] = row[field] ?? null;
      rows.set(cell.key, cells);
    }
    // Every pick is sent, "theirs" too: the service's merge rule for conflicting cells is its own,
    // and sending the pick makes the stored value what the user chose whatever that rule was.
    cells[cell.field] = value;
    if ((row[cell.field] ?? null) !== value) sheetWrites.push({ key: cell.key, field: cell.field, value });
  }
  return ok({
    body: { kind: state.kind, mode: 'delta', rows: [...rows.values()].map((cells) => ({ cells })), deletes: [] },
    baseRevision: state.revision,
    sheetWrites,
  });
}
