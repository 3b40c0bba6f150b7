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
  /** In key order (UTF-16 code units, as `<` compares); a key has at most one effect. */
  readonly effects: readonly RowEffect[];
  readonly conflicts: readonly Conflict[];
  /** Cells whose value this push changes (created, updated or emptied by a delete). */
  readonly changedCells: number;
}

export function mergePush(input: MergeInput): MergePlan {
  if (input.current.size === 0 && input.atBase.size === 0) return createAll(input.rows, input.unchanged);
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

  return planOf(sortedByKey(effects), conflicts, changedCells);
}

/**
 * mergePush when the sheet has no row now and had none changed since base (a new sheet, or
 * one emptied before the push's base): every pushed row is created and nothing is deleted,
 * so there is nothing to look up. Sorting the rows first gives the plan its key order and
 * puts a repeated key's rows next to each other, in push order, so no map of all the rows is
 * needed.
 */
function createAll(rows: readonly SyncRow[], unchanged: MergeInput['unchanged']): MergePlan {
  // Unsorted rows show it within a few comparisons; sorted ones (without repeats) save the sort.
  const sorted = strictlyAscending(rows) ? rows : sortedByKey(rows);
  const effects: RowEffect[] = [];
  let changedCells = 0;
  for (let i = 0; i < sorted.length; ) {
    const key = sorted[i]!.key;
    let cells = sorted[i]!.cells;
    i += 1;
    if (i < sorted.length && sorted[i]!.key === key) {
      // As collapse() lays them: a fresh record, the earlier cells first.
      const laid = Object.assign(emptyCells(), cells);
      while (i < sorted.length && sorted[i]!.key === key) Object.assign(laid, sorted[i++]!.cells);
      cells = laid;
    }
    if (unchanged !== undefined && unchanged(key, cells)) continue;
    effects.push({ op: 'create', key, cells });
    changedCells += countFilled(cells);
  }
  return planOf(effects, [], changedCells);
}

/** The effects of the plans made here: in key order, as their type says. */
const keyOrdered = new WeakSet<readonly RowEffect[]>();

function planOf(effects: readonly RowEffect[], conflicts: readonly Conflict[], changedCells: number): MergePlan {
  keyOrdered.add(effects);
  return { effects, conflicts, changedCells };
}

/**
 * Whether effects are in key order with distinct keys. A plan's are, and are known to be
 * without comparing all their keys again (some 15 ms for 100k natural keys).
 */
export function inKeyOrder(effects: readonly RowEffect[]): boolean {
  return keyOrdered.has(effects) || strictlyAscending(effects);
}

function strictlyAscending(items: readonly { readonly key: string }[]): boolean {
  for (let i = 1; i < items.length; i++) if (!(items[i - 1]!.key < items[i]!.key)) return false;
  return true;
}

const INSERTION_SORT_MAX = 16;
let codeCounts: Int32Array | null = null;

/**
 * A new array of the items in key order as `<` has it (UTF-16 code units, a prefix first),
 * items with equal keys in their order in `items`.
 *
 * A most-significant-character radix sort: keys are bucketed by their first code unit, each
 * bucket by the next one, and so on; small buckets are finished by insertion. Each code unit
 * of a key is read about once, where Array.prototype.sort calls a comparator some 17 times per
 * key of 100k, and comparing two keys built by concatenation (as natural keys are) goes
 * through the runtime. On a push's 100k natural keys it takes about half the time once
 * optimised, and two thirds in a fresh process.
 */
export function sortedByKey<T extends { readonly key: string }>(items: readonly T[]): T[] {
  const sorted = items.slice();
  const n = sorted.length;
  if (n <= INSERTION_SORT_MAX) {
    insertionSort(sorted, 0, n);
    return sorted;
  }
  const spare = new Array<T>(n);
  // codes[i]: the code unit of sorted[i].key at the depth being bucketed, + 1; 0 past its end.
  const codes = new Int32Array(n);
  // counts[code]: zero between buckets.
  const counts = (codeCounts ??= new Int32Array(0x10001));
  const used: number[] = [];
  const pending: number[] = [0, n, 0];
  while (pending.length > 0) {
    let depth = pending.pop()!;
    const end = pending.pop()!;
    const start = pending.pop()!;
    if (end - start <= INSERTION_SORT_MAX) {
      insertionSort(sorted, start, end);
      continue;
    }
    let shared = codeUnitsAt(sorted, start, end, depth, codes);
    // A character all keys here share: the next one decides.
    while (shared > 0) shared = codeUnitsAt(sorted, start, end, ++depth, codes);
    // All past their end: equal keys, which stay in their order.
    if (shared === 0) continue;

    distribute(sorted, spare, codes, counts, used, start, end);
    let bucket = start;
    for (const code of used) {
      const bucketEnd = counts[code]!;
      counts[code] = 0;
      if (code !== 0 && bucketEnd - bucket > 1) pending.push(bucket, bucketEnd, depth + 1);
      bucket = bucketEnd;
    }
  }
  return sorted;
}

/**
 * Sets codes[i] to the code unit of items[i].key at `depth`, + 1 (0 past its end), for i in
 * [start, end). Answers the one code all have, or -1 when they differ.
 *
 * The sort's loops are functions of their own, which V8 optimises after a few calls. Inside
 * sortedByKey, which a 100k-row push calls once, only on-stack replacement would, later: in a
 * fresh process that cost the sort a third more time.
 */
function codeUnitsAt(items: readonly { readonly key: string }[], start: number, end: number, depth: number, codes: Int32Array): number {
  const key = items[start]!.key;
  const first = depth < key.length ? key.charCodeAt(depth) + 1 : 0;
  let shared = first;
  codes[start] = first;
  for (let i = start + 1; i < end; i++) {
    const other = items[i]!.key;
    const code = depth < other.length ? other.charCodeAt(depth) + 1 : 0;
    codes[i] = code;
    if (code !== first) shared = -1;
  }
  return shared;
}

/**
 * Moves items[start, end) into buckets by their code, buckets in code order, each bucket's
 * items in their order (the sort is stable). Leaves in counts[code] the end of its bucket and
 * in `used` the codes present, ascending.
 */
function distribute<T>(items: T[], spare: T[], codes: Int32Array, counts: Int32Array, used: number[], start: number, end: number): void {
  used.length = 0;
  for (let i = start; i < end; i++) {
    const code = codes[i]!;
    const count = counts[code]!;
    if (count === 0) used.push(code);
    counts[code] = count + 1;
  }
  used.sort((a, b) => a - b);
  let at = start;
  for (const code of used) {
    const count = counts[code]!;
    counts[code] = at;
    at += count;
  }
  for (let i = start; i < end; i++) {
    const code = codes[i]!;
    const to = counts[code]!;
    spare[to] = items[i]!;
    counts[code] = to + 1;
  }
  for (let i = start; i < end; i++) items[i] = spare[i]!;
}

/** Stable: an item moves only past items with greater keys. */
function insertionSort(items: { readonly key: string }[], start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= start && item.key < items[j]!.key) {
      items[j + 1] = items[j]!;
      j -= 1;
    }
    items[j + 1] = item;
  }
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
  // Own fields, as Object.keys lists them: cellOf's own-property check would be redundant.
  for (const field of Object.keys(cells)) {
    const value = cells[field];
    if (value !== null && value !== undefined) filled += 1;
  }
  return filled;
}
