import request from 'supertest';
import { databaseFactories } from '../../../fixtures/databases';
import { matrix } from '../../../fixtures/service';
import { ANA, BOSS, CLASSIFICATION, CLERK, CORE, KPI_SHEET, MATRIX, WB, leaks, rows, plantedWorkspace } from './workspace';

/**
 * Finding 5 (high): any global-修改 holder, masked or not, could push a classification that marks
 * 手机号/地址 公开 (then its pulls were in clear), or a matrix delta adding itself to 管理员; and
 * the policy was whichever matrix sheet was pushed last in any workbook, so an old copy uploaded
 * under another name silently replaced it. Now the matrix and the classification are changed by
 * an unmasked global administrator only, and each workspace has one designated policy source.
 */
describe.each(databaseFactories)('governance sheets on $name', (factory) => {
  const WS = 'f5';
  const t = plantedWorkspace(factory, WS);

  it('refuses a classification change by a non-administrator, and masking holds', async () => {
    const publicPhone = rows({ field: '手机号', class: '公开', masking: '' }, { field: '地址', class: '公开', masking: '' });
    for (const who of [t.people.editor, t.people.clerk]) {
      const res = await t.service.push(who, WS, 'access.xlsx', '数据分类', { kind: 'classification', mode: 'delta', rows: publicPhone }, { ifMatch: 1 });
      expect([res.status, res.body.reason, res.body.kind]).toEqual([403, 'admin-only', 'classification']);
    }
    const pulled = await t.service.pull(t.people.ana, WS, WB, KPI_SHEET).expect(200);
    expect(leaks(pulled)).toEqual([]);
  });

  it('refuses a masked role adding itself to the administrators', async () => {
    const res = await t.service.push(t.people.clerk, WS, 'access.xlsx', '权限矩阵', { kind: 'permissions', mode: 'delta', rows: matrix(['系统管理员', '全局数据', '查看、导出、分析、修改、删除', `${BOSS}, ${CLERK}`]) }, { ifMatch: 1 });
    expect([res.status, res.body.reason]).toEqual([403, 'admin-only']);
    const policy = await request(t.service.app).get(`/api/v1/workspaces/${WS}/policy`).set(t.people.clerk).expect(200);
    expect(policy.body.you.roles).toEqual(['数据录入员']);
  });

  it('a matrix pushed anywhere but the policy source is an ordinary sheet, not the policy', async () => {
    // An old copy without the analyst, under another workbook name, by the administrator himself.
    const old = MATRIX.filter((r) => r.cells['members'] !== ANA);
    await t.service.push(t.people.boss, WS, 'old-copy.xlsx', '权限矩阵', { kind: 'permissions', rows: old }, { ifMatch: null }).expect(200);
    await t.service.pull(t.people.ana, WS, WB, KPI_SHEET).expect(200);
    const policy = await request(t.service.app).get(`/api/v1/workspaces/${WS}/policy`).set(t.people.boss).expect(200);
    expect(policy.body.source).toEqual({ permissions: { workbook: 'access.xlsx', sheet: '权限矩阵' }, classification: { workbook: 'access.xlsx', sheet: '数据分类' } });
  });

  it('a classification pushed elsewhere does not unmask anything either', async () => {
    const open = CLASSIFICATION.map((r) => ({ cells: { ...r.cells, class: '公开' } }));
    await t.service.push(t.people.boss, WS, 'notes.xlsx', '数据分类', { kind: 'classification', rows: open }, { ifMatch: null }).expect(200);
    const pulled = await t.service.pull(t.people.ana, WS, WB, KPI_SHEET).expect(200);
    expect(JSON.stringify(pulled.body)).not.toContain(CORE.phone);
  });

  it('the administrator still changes the policy source, and cannot lock himself out', async () => {
    const res = await t.service.push(t.people.boss, WS, 'access.xlsx', '权限矩阵', { kind: 'permissions', mode: 'delta', rows: matrix(['系统管理员', '全局数据', '查看', BOSS]) }, { ifMatch: 1 });
    expect([res.status, res.body.reason]).toEqual([409, 'admin-lockout']);
    await t.service.push(t.people.boss, WS, 'access.xlsx', '权限矩阵', { kind: 'permissions', mode: 'delta', deletes: ['访客'] }, { ifMatch: 1 }).expect(200);
    await t.service.pull(t.people.viewer, WS, WB, KPI_SHEET).expect(403);
  });
});
