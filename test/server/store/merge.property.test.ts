import fc from 'fast-check';
import type { CellValue } from '../../../shared/table/grid';
import { cellOf, type Cells } from '../../../server/store/json-cells';
import { mergePush, type MergePlan } from '../../../server/store/merge';
import type { SyncRow } from '../../../server/store/store-types';

/**
 * Properties of the three-way merge. A sheet is a Map key → cells. Each side (yours, theirs)
 * turns the base sheet into its own; what a side did is read off the difference (cells set,
 * rows created, rows deleted). When the two sides did not touch the same cell, and neither
 * deleted a row the other changed, the merge of yours onto theirs must be exactly "both edits
 * applied", in delta and in full mode.
 */

type Sheet = Map<string, Cells>;

const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4'];
const FIELDS = ['a', 'b', 'c'];
const value: fc.Arbitrary<CellValue> = fc.constantFrom<CellValue>(null, 0, 1, 0.1, -2.5, 'x', 'y', '', true, false);
const cells: fc.Arbitrary<Cells> = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 3 });
const sheet: fc.Arbitrary<Sheet> = fc.dictionary(fc.constantFrom(...KEYS), cells, { maxKeys: 5 }).map((o) => new Map(Object.entries(o)));

/** A side's edits: per key, undefined = leave, null = delete, cells = set these cells (creating the row if needed). */
const edits = fc.dictionary(fc.constantFrom(...KEYS), fc.option(cells, { nil: null }), { maxKeys: 5 });

function applyEdits(base: Sheet, e: Record<string, Cells | null>): Sheet {
  const next = new Map(base);
  for (const [key, change] of Object.entries(e)) {
    if (change === null) next.delete(key);
    else next.set(key, { ...(next.get(key) ?? {}), ...change });
  }
  return next;
}

interface Diff {
  readonly deleted: Set<string>;
  readonly created: Map<string, Cells>;
  /** key → field → new value, for rows that exist at base and after. */
  readonly cells: Map<string, Map<string, CellValue>>;
}

function diff(base: Sheet, after: Sheet): Diff {
  const d: Diff = { deleted: new Set(), created: new Map(), cells: new Map() };
  for (const key of base.keys()) if (!after.has(key)) d.deleted.add(key);
  for (const [key, row] of after) {
    const before = base.get(key);
    if (before === undefined) {
      d.created.set(key, row);
      continue;
    }
    const changed = new Map<string, CellValue>();
    for (const field of FIELDS) if (cellOf(before, field) !== cellOf(row, field)) changed.set(field, cellOf(row, field));
    if (changed.size > 0) d.cells.set(key, changed);
  }
  return d;
}

function cellsTouched(d: Diff): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  for (const [key, row] of d.created) for (const field of FIELDS) if (cellOf(row, field) !== null) out.set(`${key}.${field}`, cellOf(row, field));
  for (const [key, changed] of d.cells) for (const [field, v] of changed) out.set(`${key}.${field}`, v);
  return out;
}

/** Neither side changed a cell the other changed (to another value), nor deleted a row the other touched. */
function independent(a: Diff, b: Diff): boolean {
  const ca = cellsTouched(a);
  for (const [cell, v] of cellsTouched(b)) if (ca.has(cell) && ca.get(cell) !== v) return false;
  for (const key of a.deleted) if ((b.created.has(key) || b.cells.has(key)) && !b.deleted.has(key)) return false;
  for (const key of b.deleted) if ((a.created.has(key) || a.cells.has(key)) && !a.deleted.has(key)) return false;
  return true;
}

/** Applies a side's diff on top of another sheet: what "both edits applied" means. */
function applyDiff(onto: Sheet, d: Diff): Sheet {
  const next = new Map(onto);
  for (const key of d.deleted) next.delete(key);
  for (const [key, row] of d.created) {
    // An empty cell of a created row is no change (it was empty before the row existed), so
    // onto a row the other side created as well only the filled cells land.
    const existing = next.get(key);
    next.set(key, existing === undefined ? row : { ...existing, ...Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) });
  }
  for (const [key, changed] of d.cells) next.set(key, { ...(next.get(key) ?? {}), ...Object.fromEntries(changed) });
  return next;
}

function pushOf(mode: 'full' | 'delta', yours: Sheet, d: Diff): { rows: SyncRow[]; deletes: string[] } {
  if (mode === 'full') {
    // A full push carries every field of every row, empty ones as null (as the add-in sends them).
    const rows = [...yours].map(([key, row]) => ({ key, cells: Object.fromEntries(FIELDS.map((f) => [f, cellOf(row, f)])) }));
    return { rows, deletes: [] };
  }
  const rows: SyncRow[] = [
    ...[...d.created].map(([key, row]) => ({ key, cells: row })),
    ...[...d.cells].map(([key, changed]) => ({ key, cells: Object.fromEntries(changed) })),
  ];
  return { rows, deletes: [...d.deleted] };
}

function mergeOnto(base: Sheet, current: Sheet, mode: 'full' | 'delta', push: { rows: SyncRow[]; deletes: string[] }): MergePlan {
  const atBase = new Map<string, Cells | null>();
  for (const key of new Set([...base.keys(), ...current.keys()])) {
    if (normalRow(base.get(key)) !== normalRow(current.get(key))) atBase.set(key, base.get(key) ?? null);
  }
  return mergePush({ mode, rows: push.rows, deletes: push.deletes, current, atBase });
}

function applyPlan(current: Sheet, plan: MergePlan): Sheet {
  const next = new Map(current);
  for (const effect of plan.effects) {
    if (effect.op === 'delete') next.delete(effect.key);
    else next.set(effect.key, effect.cells);
  }
  return next;
}

/** A row without its empty cells, fields sorted: null and a missing cell are the same. */
function normalRow(row: Cells | undefined): string {
  if (row === undefined) return 'absent';
  return JSON.stringify(FIELDS.filter((f) => cellOf(row, f) !== null).map((f) => [f, cellOf(row, f)]));
}

function normal(s: Sheet): Record<string, string> {
  return Object.fromEntries([...s.keys()].sort().map((key) => [key, normalRow(s.get(key))]));
}

describe('mergePush properties', () => {
  it.each(['delta', 'full'] as const)('%s: merging independent edits equals applying both', (mode) => {
    fc.assert(
      fc.property(sheet, edits, edits, (base, yourEdits, theirEdits) => {
        const yours = applyEdits(base, yourEdits);
        const theirs = applyEdits(base, theirEdits);
        const yourDiff = diff(base, yours);
        const theirDiff = diff(base, theirs);
        fc.pre(independent(yourDiff, theirDiff));
        // A row you delete and they create anew (or vice versa) is not independent in full mode either.
        fc.pre([...yourDiff.deleted].every((k) => !theirDiff.created.has(k)) && [...theirDiff.deleted].every((k) => !yourDiff.created.has(k)));

        const plan = mergeOnto(base, theirs, mode, pushOf(mode, yours, yourDiff));
        expect(plan.conflicts).toEqual([]);
        expect(normal(applyPlan(theirs, plan))).toEqual(normal(applyDiff(theirs, yourDiff)));
        // …which is the same as applying them the other way round.
        expect(normal(applyPlan(theirs, plan))).toEqual(normal(applyDiff(yours, theirDiff)));
      }),
      { numRuns: 2000 },
    );
  });

  it('cell edits on both sides: the conflicts are exactly the cells changed differently by both, and they keep theirs', () => {
    const fullSheet = fc.record(Object.fromEntries(KEYS.map((k) => [k, fc.record(Object.fromEntries(FIELDS.map((f) => [f, value])))])));
    const cellEdits = fc.dictionary(fc.constantFrom(...KEYS), cells, { maxKeys: 5 });
    fc.assert(
      fc.property(fullSheet, cellEdits, cellEdits, (baseObject, yourEdits, theirEdits) => {
        const base: Sheet = new Map(Object.entries(baseObject));
        const yours = applyEdits(base, yourEdits);
        const theirs = applyEdits(base, theirEdits);
        const plan = mergeOnto(base, theirs, 'delta', pushOf('delta', yours, diff(base, yours)));
        const merged = applyPlan(theirs, plan);

        const expectedConflicts: string[] = [];
        for (const key of KEYS) {
          for (const field of FIELDS) {
            const o = cellOf(base.get(key) ?? null, field);
            const y = cellOf(yours.get(key) ?? null, field);
            const t = cellOf(theirs.get(key) ?? null, field);
            const m = cellOf(merged.get(key) ?? null, field);
            if (y !== o && t !== o && y !== t) {
              expectedConflicts.push(`${key}.${field}`);
              expect(m).toBe(t);
            } else {
              expect(m).toBe(y !== o ? y : t);
            }
          }
        }
        expect(plan.conflicts.map((c) => `${c.key}.${c.field}`).sort()).toEqual(expectedConflicts.sort());
        for (const c of plan.conflicts) {
          expect(c.original).toBe(cellOf(base.get(c.key) ?? null, c.field));
          expect(c.yours).toBe(cellOf(yours.get(c.key) ?? null, c.field));
          expect(c.theirs).toBe(cellOf(theirs.get(c.key) ?? null, c.field));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
