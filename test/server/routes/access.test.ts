import request from 'supertest';
import { isPseudonym } from '../../../server/access/pseudonym';
import { databaseFactories } from '../../fixtures/databases';
import { BOSS, matrix, rows, serviceOn, sheetPath, STANDARD_MATRIX, withStandardPolicy, type Headers, type Service } from '../../fixtures/service';

/**
 * The permission matrix as the workspace policy, end to end: pushed, enforced on the next
 * request, guarded against locking its admin out; own-department scope on pull, push and
 * history; masking of classified fields on pull and history, and masked values pushed back.
 */

const EAST = '华东运营部';
const SOUTH = '华南运营部';
const metric = (department: string, name: string, value: number) => ({ period: '2024-03', department, metric: name, value });

describe.each(databaseFactories)('access on $name', (factory) => {
  let service: Service;
  let boss: Headers;
  let n = 0;
  const freshWs = () => `acc-${++n}`;

  beforeAll(async () => {
    service = await serviceOn(factory);
    boss = await service.asUser(BOSS);
  });
  afterAll(() => service.close());

  describe('the matrix becomes the policy', () => {
    it('is enforced from the next request: a role without modify gets 403, a stranger 403 no-role', async () => {
      const ws = freshWs();
      const stranger = await service.asUser('nobody@example.com');
      // Before any matrix only bootstrap admins are let in.
      expect((await request(service.app).get(`/api/v1/workspaces/${ws}/sheets`).set(stranger)).body.reason).toBe('no-policy');
      await withStandardPolicy(service, ws);

      const viewer = await service.asUser('viewer@example.com');
      expect((await request(service.app).get(`/api/v1/workspaces/${ws}/sheets`).set(viewer)).status).toBe(200);
      const push = await service.push(viewer, ws, 'b.xlsx', 'KPI', { kind: 'kpi', rows: rows({ name: 'A', target: '≥1', weight: 1 }) }, { ifMatch: null });
      expect([push.status, push.body.code, push.body.reason]).toEqual([403, 'forbidden', 'operation-not-granted']);
      const denied = await request(service.app).get(`/api/v1/workspaces/${ws}/sheets`).set(stranger);
      expect([denied.status, denied.body.reason]).toEqual([403, 'no-role']);

      const policy = await request(service.app).get(`/api/v1/workspaces/${ws}/policy`).set(viewer).expect(200);
      expect(policy.body.revision).toBe(1);
      expect(policy.body.you).toEqual({ roles: ['访客'], scope: 'global', masked: false, administrator: false });
      // Stored rows come back in key order, not the sheet's: the policy does not depend on order.
      expect(policy.body.grants.map((g: { role: string }) => g.role).sort()).toEqual(['系统管理员', '运营专员', '数据分析师', '访客'].sort());
      expect(JSON.stringify(policy.body)).not.toContain('@');
    });

    it('grants roles to group members', async () => {
      const ws = freshWs();
      await service
        .push(boss, ws, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: matrix(['系统管理员', '全局数据', '查看、修改', BOSS], ['编辑', '全局数据', '查看、修改', '运营组']) }, { ifMatch: null })
        .expect(200);
      const member = await service.asUser('someone@example.com', { groups: ['运营组'] });
      const res = await service.push(member, ws, 'b.xlsx', 'KPI', { kind: 'kpi', rows: rows({ name: 'A', target: '≥1', weight: 1 }) }, { ifMatch: null });
      expect(res.status).toBe(200);
    });

    it('a later matrix replaces the policy', async () => {
      const ws = freshWs();
      await withStandardPolicy(service, ws);
      const viewer = await service.asUser('viewer@example.com');
      const more = [...STANDARD_MATRIX.slice(0, 3), ...matrix(['访客', '全局数据', '查看、修改', 'viewer@example.com'])];
      await service.push(boss, ws, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: more }, { ifMatch: 1 }).expect(200);
      const res = await service.push(viewer, ws, 'b.xlsx', 'KPI', { kind: 'kpi', rows: rows({ name: 'A', target: '≥1', weight: 1 }) }, { ifMatch: null });
      expect(res.status).toBe(200);
    });

    it('refuses a matrix that would lock the pushing admin out, and writes nothing', async () => {
      const ws = freshWs();
      // The first matrix, from a bootstrap admin who forgot themselves.
      const first = await service.push(boss, ws, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: matrix(['访客', '全局数据', '查看', 'viewer@example.com']) }, { ifMatch: null });
      expect([first.status, first.body.code, first.body.reason]).toEqual([409, 'conflict', 'admin-lockout']);
      expect((await service.pull(boss, ws, 'access.xlsx', '权限矩阵')).status).toBe(404);

      await withStandardPolicy(service, ws);
      // Own-department modify does not count: a matrix belongs to no department.
      const demoted = matrix(['系统管理员', '本部门数据', '查看、修改', BOSS], ['访客', '全局数据', '查看', 'viewer@example.com']);
      const res = await service.push(boss, ws, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: demoted }, { ifMatch: 1 });
      expect([res.status, res.body.reason]).toEqual([409, 'admin-lockout']);
      // By a delta that deletes the admin row, and by DELETE …/rows/:key.
      const delta = await service.push(boss, ws, 'access.xlsx', '权限矩阵', { kind: 'permissions', mode: 'delta', deletes: ['系统管理员'] }, { ifMatch: 1 });
      expect(delta.body.reason).toBe('admin-lockout');
      const del = await request(service.app).delete(`${sheetPath(ws, 'access.xlsx', '权限矩阵')}/rows/${encodeURIComponent('系统管理员')}`).set(boss).set('Idempotency-Key', `lock-${n}`);
      expect(del.body.reason).toBe('admin-lockout');

      expect((await service.pull(boss, ws, 'access.xlsx', '权限矩阵')).body.revision).toBe(1);
      const policy = await request(service.app).get(`/api/v1/workspaces/${ws}/policy`).set(boss).expect(200);
      expect(policy.body.revision).toBe(1);
      expect(policy.body.you.roles).toEqual(['系统管理员']);
    });
  });

  describe('own department', () => {
    let ws: string;
    let ops: Headers;
    beforeAll(async () => {
      ws = freshWs();
      await withStandardPolicy(service, ws);
      ops = await service.asUser('ops@example.com', { department: EAST });
      const body = { kind: 'metrics' as const, rows: rows(metric(EAST, '访客数', 100), metric(EAST, '付费订单', 3), metric(SOUTH, '访客数', 200)) };
      await service.push(boss, ws, 'm.xlsx', 'metrics', body, { ifMatch: null }).expect(200);
    });

    it('pulls only the rows of the caller\'s department', async () => {
      const res = await service.pull(ops, ws, 'm.xlsx', 'metrics').expect(200);
      expect(res.body.rows.map((r: { cells: { department: string } }) => r.cells.department)).toEqual([EAST, EAST]);
      const all = await service.pull(boss, ws, 'm.xlsx', 'metrics').expect(200);
      expect(all.body.rows).toHaveLength(3);
    });

    it('refuses a push touching another department, and sheets of no department', async () => {
      const other = await service.push(ops, ws, 'm.xlsx', 'metrics', { kind: 'metrics', mode: 'delta', rows: rows(metric(SOUTH, '访客数', 1)) }, { ifMatch: 1 });
      expect([other.status, other.body.reason]).toEqual([403, 'other-department']);
      expect(other.body.errors).toEqual([expect.objectContaining({ path: '/rows/0' })]);
      const kpi = await service.push(ops, ws, 'k.xlsx', 'KPI', { kind: 'kpi', rows: rows({ name: 'A', target: '≥1', weight: 1 }) }, { ifMatch: null });
      expect([kpi.status, kpi.body.reason]).toEqual([403, 'other-department']);
    });

    it('a full push replaces the caller\'s own rows and leaves the other departments\' alone', async () => {
      const rev = (await service.pull(boss, ws, 'm.xlsx', 'metrics')).body.revision as number;
      const res = await service.push(ops, ws, 'm.xlsx', 'metrics', { kind: 'metrics', rows: rows(metric(EAST, '访客数', 150)) }, { ifMatch: rev });
      expect(res.status).toBe(200);
      const all = await service.pull(boss, ws, 'm.xlsx', 'metrics').expect(200);
      expect(all.body.rows.map((r: { cells: { department: string; value: number } }) => [r.cells.department, r.cells.value])).toEqual([
        [EAST, 150],
        [SOUTH, 200],
      ]);
    });

    it('hides another department\'s history (404) and shows its own', async () => {
      expect((await service.history(ops, ws, 'm.xlsx', 'metrics', `2024-03 / ${SOUTH} / 访客数`, 'value')).status).toBe(404);
      const own = await service.history(ops, ws, 'm.xlsx', 'metrics', `2024-03 / ${EAST} / 访客数`, 'value');
      expect(own.status).toBe(200);
      expect(own.body.changes.length).toBeGreaterThan(0);
    });
  });

  describe('masking of classified fields', () => {
    let ws: string;
    const clerk = 'clerk@example.com';
    beforeAll(async () => {
      ws = freshWs();
      const roles = [...STANDARD_MATRIX, ...matrix(['录入员', '全局数据(脱敏)', '查看、修改', clerk])];
      await service.push(boss, ws, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: roles }, { ifMatch: null }).expect(200);
      await service
        .push(boss, ws, 'access.xlsx', '数据分类', { kind: 'classification', rows: rows({ field: '负责人', class: '核心', masking: '哈希' }, { field: '单位', class: '公开', masking: '-' }) }, { ifMatch: null })
        .expect(200);
      await service
        .push(boss, ws, 'k.xlsx', 'KPI', { kind: 'kpi', rows: rows({ name: '转化率', target: '≥3%', weight: 1, owner: '张三 <zhangsan@example.cn>', unit: '%' }) }, { ifMatch: null })
        .expect(200);
    });

    it('a masked role reads core fields as keyed pseudonyms; an unmasked role reads them in clear', async () => {
      const ana = await service.asUser('ana@example.com');
      const masked = await service.pull(ana, ws, 'k.xlsx', 'KPI').expect(200);
      const owner = masked.body.rows[0].cells.owner as string;
      expect(isPseudonym(owner)).toBe(true);
      expect(masked.body.rows[0].cells.unit).toBe('%');
      expect(JSON.stringify(masked.body)).not.toContain('zhangsan');
      const clear = await service.pull(boss, ws, 'k.xlsx', 'KPI').expect(200);
      expect(clear.body.rows[0].cells.owner).toBe('张三 <zhangsan@example.cn>');
    });

    it('masks the history of a core field for a masked role', async () => {
      const ana = await service.asUser('ana@example.com');
      const res = await service.history(ana, ws, 'k.xlsx', 'KPI', '转化率', 'owner').expect(200);
      expect(isPseudonym(res.body.changes[0].newValue)).toBe(true);
      expect(JSON.stringify(res.body)).not.toContain('zhangsan');
    });

    it('a masked value pushed back unchanged keeps the real value; real edits are written', async () => {
      const c = await service.asUser(clerk);
      const pulled = await service.pull(c, ws, 'k.xlsx', 'KPI').expect(200);
      const cells = { ...pulled.body.rows[0].cells, target: '≥4%' };
      const res = await service.push(c, ws, 'k.xlsx', 'KPI', { kind: 'kpi', rows: rows(cells) }, { ifMatch: pulled.body.revision });
      expect(res.status).toBe(200);
      expect(res.body.changedCells).toBe(1);
      const stored = await service.pull(boss, ws, 'k.xlsx', 'KPI').expect(200);
      expect(stored.body.rows[0].cells).toMatchObject({ owner: '张三 <zhangsan@example.cn>', target: '≥4%' });
    });
  });
});
