import type { NewPendingChange } from '../../../server/store/approval-types';
import type { Store } from '../../../server/store/store-types';
import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import { freshRef, outcomeOf, pushRequest, row } from './helpers';

/** The approval tables (migration 0004) on SQLite and PostgreSQL alike. */

const change = (key: string, over: Partial<NewPendingChange> = {}): NewPendingChange => ({
  workbook: 'plan.xlsx',
  sheet: 'KPI',
  kind: 'kpi',
  change: 'kpi-target',
  key,
  field: 'target',
  proposed: { target: '≥4%' },
  original: { target: '≥3%' },
  baseRevision: 3,
  level: { mode: 'all', roles: ['运营总监', '财务总监'] },
  proposer: { userId: 'u1', email: 'clerk@example.com' },
  idempotencyKey: 'k1',
  ...over,
});

describe.each(databaseFactories)('approval store on $name', (factory) => {
  let db: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    db = await factory.create();
    store = await db.openStore({ now: () => new Date('2026-03-01T08:00:00Z') });
  });
  afterAll(() => db.dispose());

  it('keeps rules per workspace and tenant; none until set', async () => {
    expect(await store.getApprovalRules('t1', 'ws')).toBeNull();
    const rules = { rules: [{ change: 'kpi-weight' as const, mode: 'all' as const, roles: ['运营总监', '财务总监'] }] };
    await store.setApprovalRules('t1', 'ws', rules, { userId: 'a', email: 'admin@example.com' });
    expect(await store.getApprovalRules('t1', 'ws')).toEqual(rules);
    expect(await store.getApprovalRules('t2', 'ws')).toBeNull();
    await store.setApprovalRules('t1', 'ws', { rules: [] }, { userId: 'a', email: 'admin@example.com' });
    expect(await store.getApprovalRules('t1', 'ws')).toEqual({ rules: [] });
  });

  it('records a push\'s held changes in the push\'s own transaction: both stored, or neither', async () => {
    const ref = { ...freshRef(), tenantId: 't-held', workspace: 'ws-held' };
    outcomeOf(await store.push(pushRequest(ref, { kind: 'kpi', rows: [row('ROI', { name: 'ROI', target: '≥3' }), row('GMV', { name: 'GMV', weight: 0.2 })] })));
    const held = [change('ROI', { workbook: ref.workbook, sheet: ref.sheet, baseRevision: 1, idempotencyKey: 'push-held-1' })];
    const withHeld = (key: string) => ({ ...pushRequest(ref, { kind: 'kpi', baseRevision: 1, mode: 'delta', rows: [row('GMV', { weight: 0.3 })] }), idempotencyKey: key, held });

    // A failure just before the commit: neither the row nor the held change is stored.
    const crashing = await db.openStore({
      beforeCommit: () => {
        throw new Error('simulated crash before commit');
      },
    });
    await expect(crashing.push(withHeld('push-held-1'))).rejects.toThrow('simulated crash before commit');
    expect(await store.listPendingChanges(ref.tenantId, ref.workspace, {}, 10)).toEqual([]);
    expect((await store.pull(ref, 0))?.revision).toBe(1);

    // Committed: both, and the answer carries the held change as recorded.
    const pushed = await store.push(withHeld('push-held-1'));
    if (pushed.status !== 'applied') throw new Error(`expected applied, got ${pushed.status}`);
    expect(pushed.outcome.revision).toBe(2);
    expect(pushed.pending?.map((c) => [c.key, c.status, c.idempotencyKey])).toEqual([['ROI', 'pending', 'push-held-1']]);
    expect(await store.listPendingChanges(ref.tenantId, ref.workspace, {}, 10)).toEqual(pushed.pending);
  });

  it('stores held changes with ids, lists them newest first by filter, counts them, and reads one back as written', async () => {
    const added = await store.addPendingChanges('t1', 'ws', [change('a'), change('b', { kind: 'permissions', change: 'permissions', sheet: '权限矩阵', field: null, proposed: { role: 'b' }, original: {} })]);
    expect(added.map((c) => c.status)).toEqual(['pending', 'pending']);
    expect(added[1]!.id).toBeGreaterThan(added[0]!.id);
    expect((await store.listPendingChanges('t1', 'ws', { status: 'pending' }, 10)).map((c) => c.key)).toEqual(['b', 'a']);
    expect(await store.countPendingChanges('t1', 'ws', { status: 'pending', kinds: ['kpi'] })).toBe(1);
    expect(await store.countPendingChanges('t1', 'ws', { status: 'pending', kinds: [] })).toBe(0);
    expect(await store.countPendingChanges('t2', 'ws', {})).toBe(0);
    const back = await store.getPendingChange('t1', 'ws', added[0]!.id);
    expect(back).toEqual({ ...change('a'), id: added[0]!.id, status: 'pending', proposedAt: '2026-03-01T08:00:00.000Z', approvals: [], decision: null, appliedRevision: null, version: 1 });
    // Another tenant's workspace of the same name does not see it.
    expect(await store.getPendingChange('t2', 'ws', added[0]!.id)).toBeNull();
    expect(await store.listPendingChanges('t1', 'ws', { idempotencyKey: 'k1', proposerId: 'u1', workbook: 'plan.xlsx', sheet: 'KPI' }, 10)).toHaveLength(1);
  });

  it('writes a decision only over the version it was made on: of two at once, one wins', async () => {
    const [c] = await store.addPendingChanges('t1', 'ws', [change('race')]);
    const approval = { userId: 'd1', email: 'ops@example.com', role: '运营总监', at: '2026-03-01T09:00:00Z', comment: null };
    const first = store.updatePendingChange('t1', 'ws', c!.id, 1, { status: 'pending', approvals: [approval], decision: null, appliedRevision: null });
    const second = store.updatePendingChange('t1', 'ws', c!.id, 1, { status: 'rejected', approvals: [], decision: { ...approval, comment: 'no' }, appliedRevision: null });
    const results = await Promise.all([first, second]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const now = await store.getPendingChange('t1', 'ws', c!.id);
    expect(now!.version).toBe(2);
    expect(await store.updatePendingChange('t1', 'ws', c!.id, 2, { status: 'approved', approvals: now!.approvals, decision: null, appliedRevision: 7 })).toBe(true);
    expect(await store.getPendingChange('t1', 'ws', c!.id)).toMatchObject({ status: 'approved', appliedRevision: 7, version: 3 });
  });
});
