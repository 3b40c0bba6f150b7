import type { CellValue } from '../../shared/table/grid';
import { cellOf, decodeCells, emptyCells, encodeCells, isCellValue, type Cells } from './json-cells';
import type { RowEffect } from './merge';
import type { RowChangeOp } from './schema';

/**
 * The change log's entries (one per row and revision, see schema.ts) and the two things read
 * back from it: a row's state at an earlier revision, and one cell's history. Pure.
 */

export interface LogEntry {
  readonly revision: number;
  readonly op: RowChangeOp;
  readonly payload: string;
}

/** The payload for an effect; `cellsJson` is the row's cells as already encoded for sheet_rows. */
export function payloadOf(effect: RowEffect, cellsJson: string): string {
  switch (effect.op) {
    case 'create':
      return cellsJson;
    case 'delete':
      return encodeCells(effect.cells);
    case 'update': {
      const pairs: Record<string, [CellValue, CellValue]> = Object.create(null) as Record<string, [CellValue, CellValue]>;
      for (const d of effect.deltas) pairs[d.field] = [d.old, d.new];
      return JSON.stringify(pairs);
    }
  }
}

/**
 * The row as it was before the given entries (newest first): each entry is undone in turn.
 * null means the row did not exist.
 */
export function rowBefore(current: Cells | null, newestFirst: readonly LogEntry[]): Cells | null {
  let state = current;
  for (const entry of newestFirst) {
    switch (entry.op) {
      case 'create':
        state = null;
        break;
      case 'delete':
        state = decodeCells(entry.payload);
        break;
      case 'update': {
        if (state === null) throw new Error(`change log: update at revision ${entry.revision} of a missing row`);
        const undone = Object.assign(emptyCells(), state);
        for (const [field, old] of decodeUpdate(entry.payload)) undone[field] = old;
        state = undone;
        break;
      }
    }
  }
  return state;
}

/** The revision whose creates are implied rather than logged (schema.ts, RowChangesTable). */
export const UNLOGGED_CREATES_REVISION = 1;

/**
 * A row as it was at revision `base`, from the row now and its entries (any order; those at or
 * before `base` are ignored). Before the sheet's first revision it held no rows; that
 * revision's creates are not logged, so there is nothing to undo then. What a push's merge
 * takes for "as the pusher saw it" (sheet-state.ts, and pg-batch-sheet.ts for a group).
 */
export function rowAtBase(current: Cells | null, base: number, entries: readonly LogEntry[]): Cells | null {
  if (base < UNLOGGED_CREATES_REVISION) return null;
  const newestFirst = entries.filter((e) => e.revision > base).sort((a, b) => b.revision - a.revision);
  return rowBefore(current, newestFirst);
}

/**
 * A row's entries (oldest first) with its revision-1 create made explicit when the log leaves it
 * implied: the row was created at revision 1 when it exists (`current`, or a tombstone that
 * entries explain) and its oldest entry is not a create. The implied create's cells are the row
 * before every entry, undone from the row as it is now. A row with neither entries nor a stored
 * state has no history.
 */
export function withImpliedCreate(current: Cells | null, stored: boolean, oldestFirst: readonly LogEntry[]): LogEntry[] {
  const oldest = oldestFirst[0];
  if (!stored || (oldest !== undefined && oldest.op === 'create')) return [...oldestFirst];
  const created = rowBefore(current, [...oldestFirst].reverse());
  // A stored row whose every entry undoes to nothing was created by a logged create (old data
  // cut short) or is a tombstone without a delete: neither is a revision-1 create.
  if (created === null) return [...oldestFirst];
  return [{ revision: UNLOGGED_CREATES_REVISION, op: 'create', payload: encodeCells(created) }, ...oldestFirst];
}

export interface CellStep {
  readonly revision: number;
  readonly oldValue: CellValue;
  readonly newValue: CellValue;
}

/** One field's changes out of a row's entries (oldest first); entries not touching it are skipped. */
export function cellSteps(oldestFirst: readonly LogEntry[], field: string): CellStep[] {
  const steps: CellStep[] = [];
  for (const entry of oldestFirst) {
    if (entry.op === 'update') {
      const pair = decodeUpdate(entry.payload).find(([f]) => f === field);
      if (pair) steps.push({ revision: entry.revision, oldValue: pair[1], newValue: pair[2] });
      continue;
    }
    const value = cellOf(decodeCells(entry.payload), field);
    if (value === null) continue;
    steps.push(
      entry.op === 'create'
        ? { revision: entry.revision, oldValue: null, newValue: value }
        : { revision: entry.revision, oldValue: value, newValue: null },
    );
  }
  return steps;
}

/** [field, old, new] triples of an update payload. */
function decodeUpdate(payload: string): Array<[string, CellValue, CellValue]> {
  const value: unknown = JSON.parse(payload);
  if (typeof value !== 'object' || value === null) throw new Error('change log: update payload is not an object');
  const triples: Array<[string, CellValue, CellValue]> = [];
  for (const [field, pair] of Object.entries(value)) {
    if (!Array.isArray(pair) || pair.length !== 2 || !isCellValue(pair[0]) || !isCellValue(pair[1])) {
      throw new Error(`change log: malformed change of ${field}`);
    }
    triples.push([field, pair[0], pair[1]]);
  }
  return triples;
}
