import request from 'supertest';
import { PROBLEM_CONTENT_TYPE } from '../../../shared/api/problem';
import { allRoutes, createApp } from '../../../server/app';
import { HANDBOOK_PERMISSION_TABLE } from '../../../server/demo/handbook-tables';
import type { RouteDefinition } from '../../../server/http/route';
import { databaseFactories } from '../../fixtures/databases';
import { rows, serviceOn, type Service } from '../../fixtures/service';
import { testConfig } from '../../fixtures/http-harness';
import { SUB_TO_REMOVE, SUB_TO_SEND } from './subscription-recipes';
import { WS, EAST, SOUTH, FOREIGN_TENANT, OWNER, PHONE, ADDRESS, type Role, HANDBOOK, ROLES, type Caller, CALLERS, MARKERS, type App, type Probe, type Recipe, base, KPI_PATH, METRICS_PATH, metric, bodyText, uploadWorkbook, useUpload, RECIPES } from './access-matrix-recipes';

/**
 * The handbook's permission matrix (四(二)1), pushed with a members column, walked over every
 * route of the service: for every caller — one user per role, a user of the tenant with no role,
 * no token at all, and the role users' addresses in another tenant — every route answers what
 * the matrix says. 运营专员 (本部门活动数据: 查看、导出) sees its own department's rows only;
 * 数据分析师 (全局数据(脱敏): 查看、分析) reads core fields masked; 系统管理员 (全局数据: 查看、
 * 修改、删除) reads them in clear. Another tenant sees nothing of this one.
 *
 * The route list is the service's own (allRoutes, i.e. server/routes/index.ts plus the OpenAPI
 * routes): a route added there without a recipe here fails this suite, and so does a route that
 * declares another operation than the one its recipe says it performs.
 */


const ROUTES: readonly RouteDefinition[] = allRoutes();
const routeName = (r: RouteDefinition): string => `${r.method.toUpperCase()} ${r.path}`;

/** What the matrix says this caller gets from this probe of this route. */
function expectedStatus(recipe: Recipe, probe: Probe, caller: Caller): number {
  const ok = probe.ok ?? 200;
  if (recipe.operation === 'public') return ok;
  if (caller.anonymous) return 401;
  if (recipe.operation === 'authenticated') return ok;
  // Another tenant has no policy for this workspace (nor any data); a user without a role has no grant.
  if (caller.foreign || caller.role === null) return 403;
  const grant = HANDBOOK[caller.role];
  if (!grant.operations.includes(recipe.operation)) return 403;
  if (recipe.adminOnly && caller.role !== '系统管理员') return 403;
  if (grant.scope === 'own-department') return recipe.globalOnly ? 403 : (probe.own ?? ok);
  return ok;
}

/** Whose let-through answers a probe's check reads: anyone's on routes of no grant, a role holder's of this tenant otherwise. */
function checkedFor(recipe: Recipe, caller: Caller): boolean {
  return recipe.operation === 'public' || recipe.operation === 'authenticated' || (caller.role !== null && !caller.foreign);
}

const CODE_OF: Readonly<Record<number, string>> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not-found' };

describe('the recipes', () => {
  it('cover every route of the service, and only those', () => {
    const names = ROUTES.map(routeName);
    // A route without a recipe is a route nobody checked against the matrix.
    expect(names.filter((n) => RECIPES[n] === undefined)).toEqual([]);
    expect(Object.keys(RECIPES).filter((n) => !names.includes(n))).toEqual([]);
  });

  it('name the roles of the handbook\'s table, in its order', () => {
    const [, ...body] = HANDBOOK_PERMISSION_TABLE;
    expect(body.map((r) => r[0])).toEqual(ROLES);
  });
});

describe.each(databaseFactories)('the handbook\'s matrix on $name', (factory) => {
  let service: Service;
  /** The app under test: no bootstrap admins, so only the matrix decides. */
  let app: App;
  const admin = () => CALLERS.find((c) => c.role === '系统管理员' && !c.foreign)!;

  beforeAll(async () => {
    useUpload(await uploadWorkbook());
    // The administrator is a bootstrap admin only to push the first matrix.
    service = await serviceOn(factory, { BOOTSTRAP_ADMINS: HANDBOOK['系统管理员'].member });
    for (const c of CALLERS) {
      if (c.anonymous) continue;
      const email = c.role === null ? 'stranger@example.cn' : HANDBOOK[c.role].member;
      const department = c.role === null ? EAST : HANDBOOK[c.role].department;
      c.headers = await service.asUser(email, { ...(department !== undefined ? { department } : {}), ...(c.foreign ? { tenant: FOREIGN_TENANT } : {}) });
    }
    const h = admin().headers;
    const [, ...matrixRows] = HANDBOOK_PERMISSION_TABLE;
    const matrix = matrixRows.map(([role, scope, operations]) => ({ cells: { role: String(role), scope: String(scope), operations: String(operations), members: HANDBOOK[role as Role].member } }));
    await service.push(h, WS, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: matrix }, { ifMatch: null }).expect(200);
    const classification = rows(
      { field: '负责人', class: '核心', masking: '哈希' },
      { field: '用户ID', class: '核心', masking: '哈希(HMAC-SHA256)' },
      { field: '手机号', class: '核心', masking: 'HMAC' },
      { field: '地址', class: '核心', masking: '只保留省份' },
      { field: '年龄', class: '核心', masking: '年龄段' },
    );
    await service.push(h, WS, 'access.xlsx', '数据分类', { kind: 'classification', rows: classification }, { ifMatch: null }).expect(200);
    const kpis = rows(
      { name: '转化率', formula: '付费订单/访客数', target: '≥3%', weight: 0.5, perspective: '客户', owner: OWNER },
      { name: 'ROI', formula: '利润/营销投入', target: '≥4', weight: 0.5, perspective: '财务', owner: '王五 <wangwu@example.cn>' },
    );
    await service.push(h, WS, 'kpi.xlsx', 'KPI', { kind: 'kpi', rows: kpis }, { ifMatch: null }).expect(200);
    const values = [EAST, SOUTH].flatMap((d, i) => [
      metric(d, '付费订单', 300 + i),
      metric(d, '访客数', 10000 * (i + 1)),
      metric(d, '利润', 400000),
      metric(d, '营销投入', 100000),
    ]);
    await service.push(h, WS, 'kpi.xlsx', '指标数据', { kind: 'metrics', rows: rows(...values) }, { ifMatch: null }).expect(200);
    const deletable = rows(...CALLERS.map((c) => metric(EAST, c.slug, 1)));
    await service.push(h, WS, 'probes.xlsx', 'deletable', { kind: 'metrics', rows: deletable }, { ifMatch: null }).expect(200);
    await request(service.app)
      .post('/api/v1/user/sync')
      .query({ workspace: WS })
      .set(h)
      .send({
        user_ids: ['u-12345'],
        data_source: 'CRM',
        timestamp: '2024-03-01T08:00:00Z',
        users: [{ user_id: 'u-12345', phone: PHONE, registered_at: '2023-12-01T08:00:00Z', address: ADDRESS, age: 28 }],
      })
      .expect(200);
    for (const id of [SUB_TO_SEND, SUB_TO_REMOVE]) {
      await service.store.addSubscription({
        id,
        tenantId: 'dev-tenant',
        workspace: WS,
        definition: { recipient: { email: HANDBOOK['运营专员'].member, department: EAST }, cron: '0 5 * * 1', locale: 'zh-CN', format: 'workbook' },
        createdBy: HANDBOOK['系统管理员'].member,
      });
    }
    app = createApp({ ...service.deps, config: testConfig({ BOOTSTRAP_ADMINS: '' }) });
  });
  afterAll(() => service.close());

  it('compiles the pushed matrix into the policy the suite expects', async () => {
    const res = await request(app).get(`${base}/policy`).set(admin().headers).expect(200);
    const grants = Object.fromEntries(
      res.body.grants.map((g: { role: string; scope: { kind: string; masked: boolean }; operations: string[] }) => [g.role, { scope: g.scope.kind, masked: g.scope.masked, operations: g.operations }]),
    );
    expect(grants).toEqual(Object.fromEntries(ROLES.map((r) => [r, { scope: HANDBOOK[r].scope, masked: HANDBOOK[r].masked, operations: [...HANDBOOK[r].operations] }])));
  });

  describe.each(ROUTES.map((r) => [routeName(r), r] as const))('%s', (name, route) => {
    it('answers every caller as the matrix says', async () => {
      const recipe = RECIPES[name];
      if (recipe === undefined) throw new Error(`${name} has no recipe in access-matrix.test.ts: say what the matrix grants on it`);
      expect(route.operation).toBe(recipe.operation);
      const seen: string[] = [];
      let checked = 0;
      for (const caller of CALLERS) {
        for (const probe of recipe.probes) {
          const res = await probe.send(app, caller);
          const expected = expectedStatus(recipe, probe, caller);
          seen.push(`${caller.name} / ${probe.name}: ${res.status}`);
          expect(`${caller.name} / ${probe.name}: ${res.status}`).toBe(`${caller.name} / ${probe.name}: ${expected}`);
          if (expected >= 400) {
            expect(res.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
            expect(res.body.code ?? JSON.parse(bodyText(res)).code).toBe(CODE_OF[expected]);
          } else if (probe.check && checkedFor(recipe, caller)) {
            await probe.check(caller, res);
            checked++;
          }
          // Whoever holds no grant here — another tenant, no role, no token — receives nothing of this tenant's data.
          if (recipe.operation !== 'public' && (caller.foreign || caller.role === null)) {
            const text = bodyText(res);
            for (const marker of MARKERS) expect(`${caller.name} / ${probe.name}: ${text.includes(marker) ? marker : 'nothing'}`).toBe(`${caller.name} / ${probe.name}: nothing`);
          }
        }
      }
      expect(seen.length).toBe(CALLERS.length * recipe.probes.length);
      // A probe's check ran for every caller let through (none for users.csv: the handbook grants no role a global export).
      const through = CALLERS.flatMap((c) => recipe.probes.filter((p) => p.check && expectedStatus(recipe, p, c) < 400 && checkedFor(recipe, c)));
      expect(checked).toBe(through.length);
    });
  });

  it('a bootstrap admin\'s address in another tenant reaches that tenant\'s empty workspace only, never this one\'s data', async () => {
    // service.app has the administrator as a bootstrap admin: in a tenant without a policy, that address holds every grant.
    const foreign = CALLERS.find((c) => c.foreign && c.role === '系统管理员')!.headers;
    const reads = [
      request(service.app).get(`${base}/sheets`).set(foreign),
      request(service.app).get(METRICS_PATH).set(foreign),
      request(service.app).get(`${KPI_PATH}/history`).query({ key: '转化率', field: 'owner' }).set(foreign),
      request(service.app).get(`${base}/scorecard`).set(foreign),
      request(service.app).get(`${base}/users`).set(foreign),
      request(service.app).get(`${base}/policy`).set(foreign),
    ];
    const answers = await Promise.all(reads);
    expect(answers.map((r) => r.status)).toEqual([200, 404, 404, 200, 200, 200]);
    expect(answers[0]!.body.sheets).toEqual([]);
    expect(answers[3]!.body.rows).toEqual([]);
    expect(answers[4]!.body.users).toEqual([]);
    expect(answers[5]!.body).toMatchObject({ revision: null, via: 'bootstrap-admin', grants: [] });
    for (const res of answers) for (const marker of MARKERS) expect(bodyText(res)).not.toContain(marker);
  });
});
