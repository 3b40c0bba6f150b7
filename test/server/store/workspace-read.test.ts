import type { Store } from '../../../server/store/store-types';
import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import { alice, outcomeOf, pushRequest, row } from './helpers';

/**
 * The whole-workspace reads a scorecard is computed from (server/store/workspace-read.ts), on
 * both dialects: each answers what listSheets + pull per sheet answer, in one query.
 */
describe.each(databaseFactories)('workspace reads on $name', (factory) => {
  let db: TestDatabase;
  let store: Store;
  const tenantId = alice.tenantId;
  const workspace = `wsread-${process.pid}`;
  const ref = (workbook: string, sheet: string) => ({ tenantId, workspace, workbook, sheet });

  beforeAll(async () => {
    db = await factory.create();
    store = await db.openStore();
    outcomeOf(await store.push(pushRequest(ref('b.xlsx', 'KPI'), { kind: 'kpi', rows: [row('ROI', { name: 'ROI', formula: 'a/b' }), row('GMV', { name: 'GMV' })] })));
    outcomeOf(await store.push(pushRequest(ref('a.xlsx', '指标'), { kind: 'metrics', rows: [row('k2', { value: 2 }), row('k1', { value: 1 })] })));
    // A sheet whose only row was deleted: present, with no rows.
    outcomeOf(await store.push(pushRequest(ref('a.xlsx', 'empty'), { kind: 'metrics', rows: [row('gone', { value: 0 })] })));
    outcomeOf(await store.push(pushRequest(ref('a.xlsx', 'empty'), { kind: 'metrics', baseRevision: 1, mode: 'delta', deletes: ['gone'] })));
    outcomeOf(await store.push(pushRequest(ref('a.xlsx', 'plan'), { kind: 'gantt', rows: [row('t', { task: 't' })] })));
    // Another workspace and another tenant with the same names: never in the answer.
    outcomeOf(await store.push(pushRequest({ ...ref('a.xlsx', '指标'), workspace: `${workspace}-other` }, { kind: 'metrics', rows: [row('x', { value: 9 })] })));
    outcomeOf(await store.push(pushRequest({ ...ref('a.xlsx', '指标'), tenantId: 'tenant-z' }, { kind: 'metrics', rows: [row('x', { value: 9 })] })));
  });
  afterAll(() => db.dispose());

  it('pullWorkspace with `only` answers just the sheets named, among the kinds asked', async () => {
    const only = await store.pullWorkspace(tenantId, workspace, ['kpi', 'metrics'], [
      { workbook: 'b.xlsx', sheet: 'KPI' },
      { workbook: 'a.xlsx', sheet: 'plan' },
      { workbook: 'a.xlsx', sheet: 'missing' },
    ]);
    // The plan is a gantt sheet, not asked for; the missing sheet is not there.
    expect(only.map((s) => [s.workbook, s.sheet])).toEqual([['b.xlsx', 'KPI']]);
    expect(only[0]!.rows.map((r) => r.key)).toEqual(['GMV', 'ROI']);
    expect(await store.pullWorkspace(tenantId, workspace, ['kpi', 'metrics'], [])).toEqual([]);
  });

  it('pullWorkspace answers every sheet of the kinds asked, with the rows pull answers, in one query', async () => {
    const sheets = await store.pullWorkspace(tenantId, workspace, ['kpi', 'metrics']);
    expect(sheets.map((s) => [s.workbook, s.sheet, s.kind, s.revision])).toEqual([
      ['a.xlsx', 'empty', 'metrics', 2],
      ['a.xlsx', '指标', 'metrics', 1],
      ['b.xlsx', 'KPI', 'kpi', 1],
    ]);
    for (const s of sheets) {
      const pulled = await store.pull(ref(s.workbook, s.sheet), 0);
      expect(s.rows).toEqual(pulled!.rows);
    }
    expect(sheets[0]!.rows).toEqual([]);
    expect(await store.pullWorkspace(tenantId, 'no-such-workspace', ['kpi'])).toEqual([]);
    expect(await store.pullWorkspace(tenantId, workspace, [])).toEqual([]);
  });

  it('workspaceRevisions names every sheet at its revision, the designations and the policy; a push changes it', async () => {
    const before = await store.workspaceRevisions(tenantId, workspace);
    expect(before.sheets.map((s) => [s.workbook, s.sheet, s.revision])).toEqual((await store.listSheets(tenantId, workspace)).map((s) => [s.workbook, s.sheet, s.revision]));
    expect(before.policy).toBeNull();
    expect(before.governance).toEqual([]);

    outcomeOf(await store.push(pushRequest(ref('a.xlsx', '指标'), { kind: 'metrics', baseRevision: 1, mode: 'delta', rows: [row('k1', { value: 5 })] })));
    await store.setPolicy(tenantId, workspace, { version: 1, grants: [] }, 7);
    await store.setGovernanceSource(tenantId, workspace, 'classification', { workbook: 'a.xlsx', sheet: 'plan' });
    const after = await store.workspaceRevisions(tenantId, workspace);
    expect(after.sheets.find((s) => s.sheet === '指标')!.revision).toBe(2);
    expect(after.policy).toMatchObject({ revision: 7 });
    expect(after.governance).toEqual([expect.objectContaining({ kind: 'classification', workbook: 'a.xlsx', sheet: 'plan' })]);
  });

  it('workspaceRevisions counts the KPI changes waiting for approval, in the same query; a decided one no longer counts', async () => {
    expect((await store.workspaceRevisions(tenantId, workspace)).pendingApprovals).toBe(0);
    const held = {
      workbook: 'b.xlsx',
      sheet: 'KPI',
      change: 'kpi-target' as const,
      key: 'ROI',
      field: 'target',
      proposed: { target: '≥4' },
      original: { target: '≥3' },
      baseRevision: 1,
      level: { mode: 'any' as const, roles: ['运营负责人'] },
      proposer: { userId: 'u1', email: 'clerk@example.com' },
      idempotencyKey: 'held-1',
    };
    const [kpi] = await store.addPendingChanges(tenantId, workspace, [{ ...held, kind: 'kpi' }, { ...held, kind: 'kpi', key: 'GMV' }]);
    // Only KPI definitions count (the scorecard's note); another workspace's never do.
    await store.addPendingChanges(tenantId, workspace, [{ ...held, kind: 'permissions', change: 'permissions', sheet: '权限矩阵', field: null }]);
    await store.addPendingChanges(tenantId, `${workspace}-other`, [{ ...held, kind: 'kpi' }]);
    expect((await store.workspaceRevisions(tenantId, workspace)).pendingApprovals).toBe(2);
    expect(await store.updatePendingChange(tenantId, workspace, kpi!.id, 1, { status: 'rejected', approvals: [], decision: null, appliedRevision: null })).toBe(true);
    expect((await store.workspaceRevisions(tenantId, workspace)).pendingApprovals).toBe(1);
    expect((await store.workspaceRevisions(tenantId, 'no-such-workspace')).pendingApprovals).toBe(0);
  });
});
