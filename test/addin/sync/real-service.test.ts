import { pick } from '../../../addin/sync/conflicts';
import type { SheetRef } from '../../../addin/sync/sync-client';
import { type RunningService } from '../../../server/main';
import type { CellValue } from '../../../shared/table/grid';
import { realServicePane } from '../../fixtures/real-service-pane';
import { runningServiceWithToken } from '../../fixtures/running-service';

/**
 * The add-in's sync against the real service (server/main.ts startService: SQLite, development
 * sign-in), not the test double: the contract both sides were written from, checked end to end.
 */

const ADMIN = 'lead@contoso.com';
const REF: SheetRef = { workspace: 'ops', workbook: 'scorecard.xlsx', sheet: 'KPI' };
const SHEET: CellValue[][] = [
  ['KPI', '公式', '目标值', '权重', '维度', '负责人'],
  ['转化率', '付费订单/访客数', '≥3%', 0.25, '客户', '张三'],
  ['ROI', '利润/营销投入', '≥2', 0.75, '财务', '李四'],
];

let service: RunningService;
let token = '';

beforeAll(async () => {
  ({ service, token } = await runningServiceWithToken('addin-real-service-', ADMIN));
});

afterAll(() => service?.close());

const pane = () => realServicePane(service, token, ADMIN, { KPI: SHEET });

describe('SheetSync against the real service', () => {
  it('creates, sends a delta, gets a conflict for a cell both changed, resolves it, and the other pane pulls the result', async () => {
    const a = pane();
    const b = pane();
    const created = await a.sync.push(REF);
    expect(created).toMatchObject({ ok: true, value: { upToDate: false, conflicts: null } });
    const first = created.ok ? created.value.revision : -1;

    expect(await b.sync.push(REF)).toMatchObject({ ok: true, value: { upToDate: true } });

    a.workbook.set('KPI', 'C2', '≥4%');
    expect(await a.sync.push(REF)).toMatchObject({ ok: true, value: { revision: first + 1, changedCells: 1 } });

    b.workbook.set('KPI', 'C2', '≥5%');
    b.workbook.set('KPI', 'D3', 0.7);
    const merged = await b.sync.push(REF);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.value.conflicts?.cells).toEqual([
      expect.objectContaining({ field: 'target', yours: '≥5%', theirs: '≥4%', original: '≥3%', choice: null, label: '转化率', address: 'C2' }),
    ]);
    // The service kept theirs; the sheet shows what the service holds until the pick.
    expect(b.workbook.get('KPI', 'C2')).toBe('≥4%');

    const resolved = await b.sync.resolve(REF, pick(merged.value.conflicts!, merged.value.conflicts!.cells[0]!.key, 'target', 'yours'));
    expect(resolved).toMatchObject({ ok: true, value: { conflicts: null } });
    expect(b.workbook.get('KPI', 'C2')).toBe('≥5%');

    const pulled = await a.sync.pull(REF);
    expect(pulled).toMatchObject({ ok: true, value: { conflicts: null } });
    expect([a.workbook.get('KPI', 'C2'), a.workbook.get('KPI', 'D3')]).toEqual(['≥5%', 0.7]);

    // Who changed the target: one request.
    const history = await a.client.history(REF, '转化率', 'target');
    expect(history.ok && history.value.changes.map((c) => c.newValue)).toEqual(expect.arrayContaining(['≥4%', '≥5%']));
  });

  it('reads the service’s refusals as problem+json with a code', async () => {
    const { client } = pane();
    const missing = await client.pull({ ...REF, sheet: 'nope' }, 0);
    expect(missing).toMatchObject({ ok: false, error: { kind: 'problem', status: 404, problem: { code: 'not-found' } } });
    const stale = await client.push({ ...REF, sheet: 'Fresh' }, { kind: 'kpi', mode: 'full', rows: [{ cells: { name: 'X', target: '1', weight: 1 } }], deletes: [] }, { baseRevision: 99 });
    expect(stale.ok).toBe(false);
    if (!stale.ok && stale.error.kind === 'problem') expect(typeof stale.error.problem.requestId).toBe('string');
  });
});
