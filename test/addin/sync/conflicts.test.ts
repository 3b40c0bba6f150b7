import { openConflicts, pick, pickAll, resolutionPush, unresolvedCount } from '../../../addin/sync/conflicts';
import { keyRows } from '../../../addin/sync/delta';
import { mergePulled } from '../../../addin/sync/merge-pull';
import type { Cells } from '../../../addin/sync/sheet-rows';
import type { ConflictDto } from '../../../shared/api/sync';

const conflicts: ConflictDto[] = [
  { key: '转化率', field: 'target', yours: '≥5%', theirs: '≥4%', original: '≥3%' },
  { key: '转化率', field: 'weight', yours: 0.3, theirs: 0.25, original: 0.2 },
  { key: 'roi', field: 'owner', yours: '李四', theirs: null, original: '张三' },
];

function rows(list: Cells[]) {
  const r = keyRows('kpi', list);
  if (!r.ok) throw new Error('dup');
  return r.value.rows;
}

const SHEET = rows([
  { name: '转化率', target: '≥5%', weight: 0.3 },
  { name: 'ROI', target: '≥2', owner: '李四' },
]);

describe('conflict view state', () => {
  it('starts with every cell open, and picks one cell at a time without touching the others', () => {
    let state = openConflicts('kpi', 7, conflicts);
    expect(unresolvedCount(state)).toBe(3);
    const before = state;
    state = pick(state, '转化率', 'target', 'theirs');
    expect(before.cells[0]!.choice).toBeNull();
    expect(state.cells.map((c) => c.choice)).toEqual(['theirs', null, null]);
    expect(unresolvedCount(state)).toBe(2);
  });

  it('refuses to resolve while a cell is open', () => {
    const state = pick(openConflicts('kpi', 7, conflicts), '转化率', 'target', 'yours');
    expect(resolutionPush(state, SHEET)).toEqual({ ok: false, error: { kind: 'unresolved', count: 2 } });
  });

  it.each([
    {
      name: 'all yours: a push of your values, nothing to write into the sheet',
      picks: ['yours', 'yours', 'yours'] as const,
      rows: [
        { name: '转化率', target: '≥5%', weight: 0.3 },
        { name: 'ROI', owner: '李四' },
      ],
      writes: [],
    },
    {
      name: 'all theirs: their values are sent too, and written over yours in the sheet',
      picks: ['theirs', 'theirs', 'theirs'] as const,
      rows: [
        { name: '转化率', target: '≥4%', weight: 0.25 },
        { name: 'ROI', owner: null },
      ],
      writes: [
        { key: '转化率', field: 'target', value: '≥4%' },
        { key: '转化率', field: 'weight', value: 0.25 },
        { key: 'roi', field: 'owner', value: null },
      ],
    },
    {
      name: 'mixed, the original included',
      picks: ['original', 'yours', 'theirs'] as const,
      rows: [
        { name: '转化率', target: '≥3%', weight: 0.3 },
        { name: 'ROI', owner: null },
      ],
      writes: [
        { key: '转化率', field: 'target', value: '≥3%' },
        { key: 'roi', field: 'owner', value: null },
      ],
    },
  ])('$name', ({ picks, rows: expected, writes }) => {
    let state = openConflicts('kpi', 7, conflicts);
    conflicts.forEach((c, i) => (state = pick(state, c.key, c.field, picks[i]!)));
    const r = resolutionPush(state, SHEET);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.baseRevision).toBe(7);
    expect(r.value.body).toEqual({ kind: 'kpi', mode: 'delta', rows: expected.map((cells) => ({ cells })), deletes: [] });
    expect(r.value.sheetWrites).toEqual(writes);
  });

  it('pickAll settles everything at once', () => {
    expect(unresolvedCount(pickAll(openConflicts('kpi', 1, conflicts), 'original'))).toBe(0);
  });

  it('says which row is missing when a conflicting row was deleted meanwhile', () => {
    const state = pickAll(openConflicts('kpi', 7, conflicts), 'yours');
    expect(resolutionPush(state, rows([{ name: '转化率' }]))).toEqual({ ok: false, error: { kind: 'row-missing', key: 'roi' } });
  });
});

describe('mergePulled: three-way, per cell', () => {
  const base = rows([
    { name: 'A', target: '1', weight: 0.5 },
    { name: 'B', target: '2', weight: 0.5 },
    { name: 'C', target: '3' },
  ]);

  interface MergeCase {
    name: string;
    local: Cells;
    remote: Cells;
    writes: unknown[];
    conflicts: unknown[];
  }
  it.each<MergeCase>([
    { name: 'remote change, untouched here → written', local: { name: 'A', target: '1', weight: 0.5 }, remote: { name: 'A', target: '9', weight: 0.5 }, writes: [{ key: 'a', field: 'target', value: '9' }], conflicts: [] },
    { name: 'local change, remote unchanged → kept', local: { name: 'A', target: '5', weight: 0.5 }, remote: { name: 'A', target: '1', weight: 0.5 }, writes: [], conflicts: [] },
    { name: 'same change on both → nothing', local: { name: 'A', target: '9', weight: 0.5 }, remote: { name: 'A', target: '9', weight: 0.5 }, writes: [], conflicts: [] },
    {
      name: 'different changes → a conflict, the sheet keeps yours',
      local: { name: 'A', target: '5', weight: 0.5 },
      remote: { name: 'A', target: '9', weight: 0.5 },
      writes: [],
      conflicts: [{ key: 'a', field: 'target', yours: '5', theirs: '9', original: '1' }],
    },
    { name: 'a field emptied remotely → written as null', local: { name: 'A', target: '1', weight: 0.5 }, remote: { name: 'A', target: '1' }, writes: [{ key: 'a', field: 'weight', value: null }], conflicts: [] },
  ])('$name', ({ local, remote, writes, conflicts: expected }) => {
    const plan = mergePulled(rows([local, { name: 'B', target: '2', weight: 0.5 }, { name: 'C', target: '3' }]), base, [{ key: 'a', cells: remote, deleted: false }]);
    expect(plan.writes).toEqual(writes);
    expect(plan.conflicts).toEqual(expected);
    expect(plan.base.get('a')).toEqual(remote);
  });

  it('appends new rows, removes rows deleted there unless edited here, re-adds rows deleted here but changed there', () => {
    const local = rows([{ name: 'A', target: '1', weight: 0.5 }, { name: 'B', target: '7', weight: 0.5 }]);
    const plan = mergePulled(local, base, [
      { key: 'd', cells: { name: 'D', target: '4' }, deleted: false },
      { key: 'a', cells: {}, deleted: true },
      { key: 'b', cells: {}, deleted: true },
      { key: 'c', cells: { name: 'C', target: '33' }, deleted: false },
    ]);
    expect(plan.appends).toEqual([{ name: 'D', target: '4' }, { name: 'C', target: '33' }]);
    expect(plan.removals).toEqual(['a']);
    expect([...plan.base.keys()].sort()).toEqual(['c', 'd']);
  });
});
