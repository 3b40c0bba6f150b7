import { computeDelta, deltaBody, fullBody, isEmptyDelta, keyRows, type KeyedRows } from '../../../addin/sync/delta';
import type { Cells } from '../../../addin/sync/sheet-rows';
import type { SheetKind } from '../../../shared/kinds/sheet-kind';
import { PushBodySchema } from '../../../shared/api/sync';

function keyed(kind: SheetKind, rows: Cells[]): KeyedRows {
  const r = keyRows(kind, rows);
  if (!r.ok) throw new Error('duplicate keys');
  return r.value.rows;
}

interface Case {
  name: string;
  kind: SheetKind;
  base: Cells[];
  now: Cells[];
  rows: Cells[];
  deletes: string[];
  changed: number;
}

const CASES: Case[] = [
  { name: 'nothing changed', kind: 'kpi', base: [{ name: 'A', target: '≥3%' }], now: [{ name: 'A', target: '≥3%' }], rows: [], deletes: [], changed: 0 },
  {
    name: 'one cell changed: that cell plus the key',
    kind: 'kpi',
    base: [{ name: 'A', target: '≥3%', weight: 0.2 }, { name: 'B', target: '≤5', weight: 0.8 }],
    now: [{ name: 'A', target: '≥4%', weight: 0.2 }, { name: 'B', target: '≤5', weight: 0.8 }],
    rows: [{ name: 'A', target: '≥4%' }],
    deletes: [],
    changed: 1,
  },
  {
    name: 'a cleared cell is sent as null',
    kind: 'kpi',
    base: [{ name: 'A', target: '≥3%', owner: '张三' }],
    now: [{ name: 'A', target: '≥3%' }],
    rows: [{ name: 'A', owner: null }],
    deletes: [],
    changed: 1,
  },
  {
    name: 'a new row sends its filled cells',
    kind: 'kpi',
    base: [],
    now: [{ name: 'New', target: '≥1' }],
    rows: [{ name: 'New', target: '≥1' }],
    deletes: [],
    changed: 2,
  },
  { name: 'a removed row is a delete by natural key', kind: 'kpi', base: [{ name: 'Old KPI' }], now: [], rows: [], deletes: ['oldkpi'], changed: 0 },
  {
    name: 'a renamed key is a delete and a new row',
    kind: 'kpi',
    base: [{ name: 'Revenue', target: '≥1' }],
    now: [{ name: 'Income', target: '≥1' }],
    rows: [{ name: 'Income', target: '≥1' }],
    deletes: ['revenue'],
    changed: 2,
  },
  {
    name: 'keys fold case, script and width: a case change is an edit of the key cell, not a new row',
    kind: 'kpi',
    base: [{ name: '转化率', target: '≥3%' }],
    now: [{ name: '轉化率', target: '≥3%' }],
    rows: [{ name: '轉化率' }],
    deletes: [],
    changed: 1,
  },
  {
    name: 'metric values: composite key with the period in canonical form',
    kind: 'metrics',
    base: [{ period: '2024-03', department: '华东', metric: '访客数', value: 1000 }],
    now: [{ period: '2024年3月', department: '华东', metric: '访客数', value: 1200 }],
    rows: [{ period: '2024年3月', department: '华东', metric: '访客数', value: 1200 }],
    deletes: [],
    changed: 2,
  },
  {
    name: 'numbers and text differ: 1 is not "1"',
    kind: 'metrics',
    base: [{ period: '2024-03', department: 'D', metric: 'm', value: 1 }],
    now: [{ period: '2024-03', department: 'D', metric: 'm', value: '1' }],
    rows: [{ period: '2024-03', department: 'D', metric: 'm', value: '1' }],
    deletes: [],
    changed: 1,
  },
  {
    name: 'Gantt: only the moved end date',
    kind: 'gantt',
    base: [{ task: '联合促销活动策划', owner: '王五', start: '2024-12-01', end: '2024-12-10' }],
    now: [{ task: '联合促销活动策划', owner: '王五', start: '2024-12-01', end: '2024-12-12' }],
    rows: [{ task: '联合促销活动策划', end: '2024-12-12' }],
    deletes: [],
    changed: 1,
  },
];

describe('computeDelta', () => {
  it.each(CASES)('$name', ({ kind, base, now, rows, deletes, changed }) => {
    const delta = computeDelta(kind, keyed(kind, now), keyed(kind, base));
    expect(delta.rows.map((r) => r.cells)).toEqual(rows);
    expect(delta.deletes).toEqual(deletes);
    expect(delta.changedCells).toBe(changed);
    expect(isEmptyDelta(delta)).toBe(rows.length === 0 && deletes.length === 0);
    // Whatever it computes is a valid push body for the service.
    expect(PushBodySchema.safeParse(deltaBody(kind, delta)).success).toBe(true);
  });

  it('sends 10 rows for 10 edits in a 100k-row sheet', () => {
    const base: Cells[] = [];
    for (let i = 0; i < 100_000; i++) base.push({ period: '2024-03', department: `D${i % 50}`, metric: `m${i}`, value: i });
    const now = base.map((c, i) => (i % 10_000 === 0 ? { ...c, value: -1 } : c));
    const delta = computeDelta('metrics', keyed('metrics', now), keyed('metrics', base));
    expect(delta.rows).toHaveLength(10);
    expect(delta.changedCells).toBe(10);
    const full = JSON.stringify(fullBody('metrics', keyed('metrics', now)));
    expect(JSON.stringify(deltaBody('metrics', delta)).length).toBeLessThan(full.length * 0.05);
  });
});

describe('keyRows', () => {
  it('refuses duplicate natural keys (after folding), naming each once', () => {
    const r = keyRows('kpi', [{ name: 'A' }, { name: ' a ' }, { name: 'B' }, { name: 'A' }]);
    expect(r).toEqual({ ok: false, error: { kind: 'duplicate-keys', keys: ['a'] } });
  });

  it('counts rows without a key instead of inventing one', () => {
    const r = keyRows('metrics', [{ period: '2024-03', department: 'D', metric: 'm' }, { department: 'D', metric: 'm', value: 1 }]);
    expect(r.ok && r.value.unkeyed).toBe(1);
    expect(r.ok && [...r.value.rows.keys()]).toEqual(['2024-03 / d / m']);
  });
});
