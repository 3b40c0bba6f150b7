import type { ConflictDto, PushBody } from '../../shared/api/sync';
import { KEY_FIELDS } from '../../shared/kinds/kind-specs';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import { fail, ok, type Result } from '../../shared/result';
import type { CellValue } from '../../shared/table/grid';
import { cellAddress } from '../../shared/table/address';
import type { KeyedRows } from './delta';
import type { SheetTable } from './sheet-rows';
import { rowsByKey } from './sheet-writes';

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
  /** The row as the sheet names it (its key cells as written, "转化率", not the key "转化率"/"conversionrate"). */
  readonly label: string;
  /** The conflicting cell in the sheet ("C2"), or null when the sheet has no such row or column. */
  readonly address: string | null;
}

export interface ConflictState {
  readonly kind: SheetKind;
  /** The revision the service answered with: the resolution's If-Match. */
  readonly revision: number;
  readonly cells: readonly ConflictCell[];
}

/**
 * The conflicts of an answer, placed in the sheet: each with its row's own name (its key cells
 * as the sheet shows them) and the conflicting cell's address, found through the sheet's table.
 */
export function openConflicts(kind: SheetKind, revision: number, conflicts: readonly ConflictDto[], table?: SheetTable): ConflictState {
  const rows = table ? rowsByKey(table) : new Map<string, number>();
  const cellsOfRow = new Map(table?.rows.map((r) => [r.row, r.cells]) ?? []);
  return {
    kind,
    revision,
    cells: conflicts.map((c) => {
      const row = rows.get(c.key);
      const col = table?.columns[c.field];
      const shown = row === undefined ? undefined : cellsOfRow.get(row);
      const label = shown
        ? KEY_FIELDS[kind]
            .map((f) => shown[f])
            .filter((v) => v !== null && v !== undefined && v !== '')
            .map(String)
            .join(' · ')
        : '';
      return {
        key: c.key,
        field: c.field,
        yours: c.yours,
        theirs: c.theirs,
        original: c.original,
        choice: null,
        label: label === '' ? c.key : label,
        address: row !== undefined && col !== undefined ? cellAddress(row, col) : null,
      };
    }),
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
