import type { CellValue } from '../../shared/table/grid';
import { cellOf, emptyCells, type Cells } from './json-cells';
import type { Conflict, SyncRow } from './store-types';

/**
 * The three-way cell merge of a push, as a pure function of the rows involved.
 *
 * For each pushed cell: original = its value at the push's base revision, theirs = its value
 * now, yours = the pushed value. yours == original: you did not change it, nothing to do.
 * theirs == original: only you changed it, write yours. yours == theirs: both made the same
 * change, nothing to write. Otherwise both changed it differently: a conflict, not written.
 * Values are CellValue (string | number | boolean | null; NaN and -0 never get this far), so
 * `===` is JSON equality. A missing field and null are the same empty cell.
 *
 * Rows: a row absent now and at base is created by yours. A row absent now but present at
 * base was deleted by them: your changed cells of it are conflicts (theirs = null) and it stays
 * deleted. A full push deletes the rows that existed at base and are missing from it, unless
 * they changed since base (then each changed cell is a conflict with yours = null and the row
 * stays); rows created since base are not in your base, so a full push leaves them alone. A
 * delta push deletes exactly its `deletes`, with the same rule for rows changed since base.
 * A key both pushed and deleted is pushed; a key pushed twice takes the later cells.
 */

export interface MergeInput {
  readonly mode: 'full' | 'delta';
  readonly rows: readonly SyncRow[];
  readonly deletes: readonly string[];
  /**
   * Live rows now: every key the push names, and in full mode every live row of the sheet.
   * A key absent here has no live row.
   */
  readonly current: ReadonlyMap<string, Cells>;
  /**
   * Rows as they were at the base revision, for rows changed since base (null: the row did not
   * exist at base). A key absent here is unchanged since base, so its base state is `current`'s.
   */
  readonly atBase: ReadonlyMap<string, Cells | null>;
  /**
   * Optional shortcut: true when the live row under `key` already holds exactly `yours` (the
   * same fields, the same values; the store compares JSON texts). Every pushed cell then equals
   * theirs, so the row can have no effect and no conflict, whatever it was at base; the merge
   * skips it without reading either. Answering false is always safe.
   */
  readonly unchanged?: (key: string, yours: Cells) => boolean;
}

export interface CellDelta {
  readonly field: string;
  readonly old: CellValue;
  readonly new: CellValue;
}

export type RowEffect =
  /** The row did not exist (or was deleted): it now has `cells`. */
  | { readonly op: 'create'; readonly key: string; readonly cells: Cells }
  /** The live row now has `cells` (its whole new state); `deltas` are the cells written. */
  | { readonly op: 'update'; readonly key: string; readonly cells: Cells; readonly deltas: readonly CellDelta[] }
  /** The live row, which had `cells`, is deleted. */
  | { readonly op: 'delete'; readonly key: string; readonly cells: Cells };

export interface MergePlan {
  readonly effects: readonly RowEffect[];
  readonly conflicts: readonly Conflict[];
  /** Cells whose value this push changes (created, updated or emptied by a delete). */
  readonly changedCells: number;
}

export function mergePush(input: MergeInput): MergePlan {
  const effects: RowEffect[] = [];
  const conflicts: Conflict[] = [];
  let changedCells = 0;
  const atBase = (key: string): Cells | null =>
    input.atBase.has(key) ? (input.atBase.get(key) ?? null) : (input.current.get(key) ?? null);

  const pushed = collapse(input.rows);
  const unchanged = input.unchanged;
  for (const [key, yours] of pushed) {
    if (unchanged !== undefined && unchanged(key, yours)) continue;
    const theirs = input.current.get(key) ?? null;
    const original = atBase(key);
    if (theirs === null) {
      if (original === null) {
        effects.push({ op: 'create', key, cells: yours });
        changedCells += countFilled(yours);
        continue;
      }
      // Deleted by them since base: whatever you changed in it cannot land.
      for (const field of Object.keys(yours)) {
        const y = cellOf(yours, field);
        const o = cellOf(original, field);
        if (y !== o) conflicts.push({ key, field, yours: y, theirs: null, original: o });
      }
      continue;
    }
    let next: Record<string, CellValue> | null = null;
    const deltas: CellDelta[] = [];
    for (const field of Object.keys(yours)) {
      const y = cellOf(yours, field);
      const o = cellOf(original, field);
      if (y === o) continue;
      const t = cellOf(theirs, field);
      if (t === o) {
        next ??= Object.assign(emptyCells(), theirs);
        next[field] = y;
        deltas.push({ field, old: t, new: y });
      } else if (y !== t) {
        conflicts.push({ key, field, yours: y, theirs: t, original: o });
      }
    }
    if (next !== null) {
      effects.push({ op: 'update', key, cells: next, deltas });
      changedCells += deltas.length;
    }
  }

  const deletions: Iterable<string> = input.mode === 'full' ? input.current.keys() : input.deletes;
  const seen = new Set<string>();
  for (const key of deletions) {
    if (pushed.has(key) || seen.has(key)) continue;
    seen.add(key);
    const theirs = input.current.get(key);
    if (theirs === undefined) continue;
    const original = atBase(key);
    // Not in the base of a full push: it was created since, by someone else.
    if (input.mode === 'full' && original === null) continue;
    const changedByThem = changedFields(original, theirs);
    if (changedByThem.length === 0) {
      effects.push({ op: 'delete', key, cells: theirs });
      changedCells += countFilled(theirs);
    } else {
      for (const field of changedByThem) {
        conflicts.push({ key, field, yours: null, theirs: cellOf(theirs, field), original: cellOf(original, field) });
      }
    }
  }

  return { effects, conflicts, changedCells };
}

/** Pushed rows by key, in push order; a repeated key's cells are laid over the earlier ones. */
function collapse(rows: readonly SyncRow[]): Map<string, Cells> {
  const byKey = new Map<string, Cells>();
  for (const row of rows) {
    const earlier = byKey.get(row.key);
    byKey.set(row.key, earlier === undefined ? row.cells : Object.assign(emptyCells(), earlier, row.cells));
  }
  return byKey;
}

function changedFields(before: Cells | null, after: Cells): string[] {
  const fields = new Set([...Object.keys(after), ...(before === null ? [] : Object.keys(before))]);
  return [...fields].filter((field) => cellOf(before, field) !== cellOf(after, field));
}

function countFilled(cells: Cells): number {
  let filled = 0;
  for (const field of Object.keys(cells)) if (cellOf(cells, field) !== null) filled += 1;
  return filled;
}
