import { databaseFactories } from '../../../fixtures/databases';
import { CORE, KPI_SHEET, WB, leaks, rows, plantedWorkspace } from './workspace';

/**
 * Finding 2 (high): a masked writer's stale push was answered with `theirs` and `original` of
 * extra core fields in clear, and again on an idempotent replay.
 */
describe.each(databaseFactories)('conflicts on $name', (factory) => {
  const WS = 'f2';
  const t = plantedWorkspace(factory, WS);
  beforeAll(async () => {
    // The administrator changes the phone after revision 1, which the clerk started from.
    const res = await t.service.push(t.people.boss, WS, WB, KPI_SHEET, { kind: 'kpi', mode: 'delta', rows: rows({ name: '转化率', phone: CORE.newPhone, address: '广东省广州市天河区体育西路' }) }, { ifMatch: 1 });
    expect(res.status).toBe(200);
  });

  it('answers the conflicts of a masked writer masked, first time and on replay', async () => {
    const body = { kind: 'kpi' as const, mode: 'delta' as const, rows: rows({ name: '转化率', phone: '13600136000', address: '北京市朝阳区' }) };
    const first = await t.service.push(t.people.clerk, WS, WB, KPI_SHEET, body, { ifMatch: 1, key: 'clerk-stale' }).expect(200);
    expect(first.body.conflicts.map((c: { field: string }) => c.field).sort()).toEqual(['address', 'phone']);
    expect(leaks(first)).toEqual([]);
    const address = first.body.conflicts.find((c: { field: string }) => c.field === 'address');
    expect([address.theirs, address.original]).toEqual(['广东省', '广东省']);

    const replay = await t.service.push(t.people.clerk, WS, WB, KPI_SHEET, body, { ifMatch: 1, key: 'clerk-stale' }).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(leaks(replay)).toEqual([]);
  });
});
