import { mergePush, type MergeInput, type MergePlan } from '../../../server/store/merge';
import type { Cells } from '../../../server/store/json-cells';
import type { SyncRow } from '../../../server/store/store-types';

/** Merge inputs from plain objects: base and current sheets as key → cells (absent: no row). */
function merge(
  base: Record<string, Cells>,
  current: Record<string, Cells>,
  push: { mode: 'full' | 'delta'; rows: SyncRow[]; deletes?: string[] },
): MergePlan {
  const atBase = new Map<string, Cells | null>();
  for (const key of new Set([...Object.keys(base), ...Object.keys(current)])) {
    if (JSON.stringify(base[key] ?? null) !== JSON.stringify(current[key] ?? null)) atBase.set(key, base[key] ?? null);
  }
  const input: MergeInput = {
    mode: push.mode,
    rows: push.rows,
    deletes: push.deletes ?? [],
    current: new Map(Object.entries(current)),
    atBase,
  };
  return mergePush(input);
}

const row = (key: string, cells: Cells): SyncRow => ({ key, cells });

describe('mergePush', () => {
  it('writes everything when nobody else pushed (the fast path)', () => {
    const sheet = { a: { name: 'A', target: 1 } };
    const plan = merge(sheet, sheet, { mode: 'full', rows: [row('a', { name: 'A', target: 2 }), row('b', { name: 'B', target: 3 })] });
    expect(plan.conflicts).toEqual([]);
    expect(plan.effects).toEqual([
      { op: 'update', key: 'a', cells: { name: 'A', target: 2 }, deltas: [{ field: 'target', old: 1, new: 2 }] },
      { op: 'create', key: 'b', cells: { name: 'B', target: 3 } },
    ]);
    expect(plan.changedCells).toBe(3);
  });

  it('merges changes to different cells of one row', () => {
    const base = { a: { name: 'A', target: 1, weight: 0.1 } };
    const current = { a: { name: 'A', target: 5, weight: 0.1 } };
    const plan = merge(base, current, { mode: 'full', rows: [row('a', { name: 'A', target: 1, weight: 0.2 })] });
    expect(plan.conflicts).toEqual([]);
    expect(plan.effects).toEqual([
      { op: 'update', key: 'a', cells: { name: 'A', target: 5, weight: 0.2 }, deltas: [{ field: 'weight', old: 0.1, new: 0.2 }] },
    ]);
  });

  it('answers a cell both sides changed differently as a conflict and does not write it', () => {
    const plan = merge({ a: { target: 1 } }, { a: { target: 2 } }, { mode: 'delta', rows: [row('a', { target: 3 })] });
    expect(plan.conflicts).toEqual([{ key: 'a', field: 'target', yours: 3, theirs: 2, original: 1 }]);
    expect(plan.effects).toEqual([]);
    expect(plan.changedCells).toBe(0);
  });

  it('treats the same change on both sides as no conflict and nothing to write', () => {
    const plan = merge({ a: { target: 1 } }, { a: { target: 2 } }, { mode: 'delta', rows: [row('a', { target: 2 })] });
    expect(plan).toEqual({ effects: [], conflicts: [], changedCells: 0 });
  });

  it('compares values by JSON equality: 1 and "1" differ, null and a missing cell do not', () => {
    const plan = merge({ a: { x: 1 } }, { a: { x: 1 } }, { mode: 'delta', rows: [row('a', { x: '1', y: null })] });
    expect(plan.effects).toEqual([{ op: 'update', key: 'a', cells: { x: '1' }, deltas: [{ field: 'x', old: 1, new: '1' }] }]);
  });

  it('full push: deletes rows missing from it that existed at base and are unchanged', () => {
    const sheet = { a: { n: 1 }, b: { n: 2 } };
    const plan = merge(sheet, sheet, { mode: 'full', rows: [row('a', { n: 1 })] });
    expect(plan.effects).toEqual([{ op: 'delete', key: 'b', cells: { n: 2 } }]);
    expect(plan.changedCells).toBe(1);
  });

  it('full push: keeps a missing row someone changed since base, with conflicts yours = null', () => {
    const plan = merge({ a: { n: 1 }, b: { n: 2, m: 0 } }, { a: { n: 1 }, b: { n: 3, m: 0 } }, { mode: 'full', rows: [row('a', { n: 1 })] });
    expect(plan.effects).toEqual([]);
    expect(plan.conflicts).toEqual([{ key: 'b', field: 'n', yours: null, theirs: 3, original: 2 }]);
  });

  it('full push: never deletes rows created since base by someone else', () => {
    const plan = merge({ a: { n: 1 } }, { a: { n: 1 }, c: { n: 9 } }, { mode: 'full', rows: [row('a', { n: 1 })] });
    expect(plan).toEqual({ effects: [], conflicts: [], changedCells: 0 });
  });

  it('a row deleted by them and changed by you is a conflict per changed cell; unchanged copies are no conflict', () => {
    const plan = merge({ a: { n: 1, m: 2 }, b: { n: 5 } }, {}, { mode: 'full', rows: [row('a', { n: 7, m: 2 }), row('b', { n: 5 })] });
    expect(plan.effects).toEqual([]);
    expect(plan.conflicts).toEqual([{ key: 'a', field: 'n', yours: 7, theirs: null, original: 1 }]);
  });

  it('delta push deletes only its deletes, and not a row changed since base', () => {
    const plan = merge(
      { a: { n: 1 }, b: { n: 2 }, c: { n: 3 } },
      { a: { n: 1 }, b: { n: 4 }, c: { n: 3 } },
      { mode: 'delta', rows: [], deletes: ['a', 'b', 'missing'] },
    );
    expect(plan.effects).toEqual([{ op: 'delete', key: 'a', cells: { n: 1 } }]);
    expect(plan.conflicts).toEqual([{ key: 'b', field: 'n', yours: null, theirs: 4, original: 2 }]);
  });

  it('both sides creating the same key merge cell by cell with original null', () => {
    const plan = merge({}, { k: { a: 1, b: 2 } }, { mode: 'delta', rows: [row('k', { b: 3, c: 4 })] });
    expect(plan.conflicts).toEqual([{ key: 'k', field: 'b', yours: 3, theirs: 2, original: null }]);
    expect(plan.effects).toEqual([{ op: 'update', key: 'k', cells: { a: 1, b: 2, c: 4 }, deltas: [{ field: 'c', old: null, new: 4 }] }]);
  });

  it('a key pushed twice takes the later cells; a key both pushed and deleted is pushed', () => {
    const plan = merge({}, {}, { mode: 'delta', rows: [row('k', { a: 1, b: 1 }), row('k', { b: 2 })], deletes: ['k'] });
    expect(plan.effects).toEqual([{ op: 'create', key: 'k', cells: { a: 1, b: 2 } }]);
  });

  it('field names that are Object.prototype members are ordinary fields', () => {
    const yours = JSON.parse('{"constructor": 1, "__proto__": 2, "toString": null}') as Cells;
    const plan = merge({ k: {} }, { k: {} }, { mode: 'delta', rows: [row('k', yours)] });
    expect(plan.conflicts).toEqual([]);
    const effect = plan.effects[0];
    expect(effect?.op).toBe('update');
    expect(effect && effect.op === 'update' ? effect.deltas.map((d) => d.field) : []).toEqual(['constructor', '__proto__']);
    expect(effect ? JSON.stringify(effect.cells) : '').toBe('{"constructor":1,"__proto__":2}');
  });
});
