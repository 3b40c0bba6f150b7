import ExcelJS from 'exceljs';
import request from 'supertest';
import { PROBLEM_CONTENT_TYPE } from '../../../shared/api/problem';
import type { Operation } from '../../../shared/engine/policy';
import { naturalKey } from '../../../shared/kinds/kind-specs';
import { isPseudonym } from '../../../server/access/pseudonym';
import { allRoutes, createApp } from '../../../server/app';
import { HANDBOOK_PERMISSION_TABLE } from '../../../server/demo/handbook-tables';
import type { RouteDefinition, RouteOperation } from '../../../server/http/route';
import { databaseFactories } from '../../fixtures/databases';
import { rows, serviceOn, sheetPath, type Headers, type Service } from '../../fixtures/service';
import { testConfig } from '../http/harness';
import { binary, workbookText, XLSX_TYPE } from './helpers';
import { SUB_TO_REMOVE, SUB_TO_SEND, subscriptionRecipes } from './subscription-recipes';

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

const WS = 'handbook';
const EAST = '华东运营部';
const SOUTH = '华南运营部';
const FOREIGN_TENANT = 'foreign-tenant';
const OWNER = '张三 <zhangsan@example.cn>';
const PHONE = '13800000001';
const ADDRESS = '广东省广州市天河区体育西路1号';

type Role = '运营专员' | '数据分析师' | '系统管理员';

interface Grant {
  readonly scope: 'own-department' | 'global';
  readonly masked: boolean;
  readonly operations: readonly Operation[];
  readonly member: string;
  readonly department?: string;
}

/** The handbook's matrix as this suite reads it — by hand, not by the service's parser. */
const HANDBOOK: Readonly<Record<Role, Grant>> = {
  运营专员: { scope: 'own-department', masked: false, operations: ['view', 'export'], member: 'ops@example.cn', department: EAST },
  // Global roles are held by users of a department too: their grant must not narrow to it.
  数据分析师: { scope: 'global', masked: true, operations: ['view', 'analyze'], member: 'analyst@example.cn', department: SOUTH },
  系统管理员: { scope: 'global', masked: false, operations: ['view', 'modify', 'delete'], member: 'admin@example.cn', department: SOUTH },
};
const ROLES = Object.keys(HANDBOOK) as Role[];

interface Caller {
  readonly name: string;
  /** A slug for the names of what this caller writes. */
  readonly slug: string;
  readonly role: Role | null;
  readonly foreign: boolean;
  readonly anonymous: boolean;
  headers: Headers;
}

const CALLERS: readonly Caller[] = [
  ...ROLES.map((role, i): Caller => ({ name: role, slug: `r${i}`, role, foreign: false, anonymous: false, headers: {} })),
  { name: 'a user of the tenant with no role', slug: 'stranger', role: null, foreign: false, anonymous: false, headers: {} },
  { name: 'no token', slug: 'anon', role: null, foreign: false, anonymous: true, headers: {} },
  ...ROLES.map((role, i): Caller => ({ name: `${role} of another tenant`, slug: `f${i}`, role, foreign: true, anonymous: false, headers: {} })),
];

/** Values only this tenant's data holds: a caller that must see nothing must never receive one. */
const MARKERS = [EAST, SOUTH, 'zhangsan', PHONE, '体育西路', '转化率', 'probes.xlsx'];

type App = ReturnType<typeof createApp>;

interface Probe {
  readonly name: string;
  send(app: App, caller: Caller): request.Test;
  /** The status of a caller the route lets through (default 200). */
  readonly ok?: number;
  /** The status of an own-department caller it lets through, when not `ok`: another department's row, or data of none. */
  readonly own?: number;
  /** More about a let-through caller's answer. */
  check?(caller: Caller, res: request.Response): void | Promise<void>;
}

interface Recipe {
  /** What the route performs in the matrix's words: it must declare exactly this. */
  readonly operation: RouteOperation;
  /** Data of no department: own-department grants do not reach it (403). */
  readonly globalOnly?: boolean;
  /** The workspace's administrators only (an unmasked global administrator role with modify): anyone else 403. */
  readonly adminOnly?: boolean;
  readonly probes: readonly Probe[];
}

const base = `/api/v1/workspaces/${encodeURIComponent(WS)}`;
const KPI_PATH = sheetPath(WS, 'kpi.xlsx', 'KPI');
const METRICS_PATH = sheetPath(WS, 'kpi.xlsx', '指标数据');
const metric = (department: string, name: string, value: number) => ({ period: '2024-03', department, metric: name, value });
const keyOf = (cells: Parameters<typeof naturalKey>[1]) => naturalKey('metrics', cells)!;
const bodyText = (res: request.Response): string => (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text || JSON.stringify(res.body));

/** A small workbook to upload: one KPI sheet. */
async function uploadWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('KPI');
  ws.addRow(['KPI', '目标值', '权重']);
  ws.addRow(['上传指标', '≥1', '100%']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
let UPLOAD: Buffer = Buffer.alloc(0);

const userSyncBody = (id: string) => ({
  user_ids: [id],
  data_source: 'CRM',
  timestamp: '2024-03-01T08:00:00Z',
  users: [{ user_id: id, phone: '13900000009', registered_at: '2024-03-01T08:00:00Z' }],
});

const RECIPES: Readonly<Record<string, Recipe>> = {
  'GET /healthz': { operation: 'public', probes: [{ name: 'liveness', send: (app) => request(app).get('/healthz') }] },
  'GET /readyz': { operation: 'public', probes: [{ name: 'readiness', send: (app) => request(app).get('/readyz') }] },
  'GET /api/v1/client-config': {
    operation: 'public',
    probes: [{ name: 'how the pane signs in', send: (app) => request(app).get('/api/v1/client-config'), check: (_c, res) => expect(res.body).toEqual({ auth: { mode: 'development' } }) }],
  },
  // Development mode on this machine (supertest calls from 127.0.0.1): the same token the CLI
  // prints, for the e-mail asked. The route is a 404 in production, with Entra, and off-machine
  // (test/server/routes/dev-token.test.ts).
  'POST /api/dev/token': {
    operation: 'public',
    probes: [
      {
        name: 'a development token',
        send: (app) => request(app).post('/api/dev/token').send({ email: 'dev@example.cn' }),
        check: (_c, res) => expect(res.body).toEqual({ token: expect.stringMatching(/^ey[\w-]+\.[\w-]+\.[\w-]+$/), expiresAt: expect.any(String) }),
      },
    ],
  },
  'GET /api/v1/me/workspaces': {
    operation: 'authenticated',
    probes: [
      {
        name: 'the workspaces the caller may push to',
        send: (app, c) => request(app).get('/api/v1/me/workspaces').set(c.headers),
        check: (c, res) => {
          const mayModify = !c.foreign && c.role !== null && HANDBOOK[c.role].operations.includes('modify');
          // The policy source tells the Sync tab which sheets decide access here (the ones pushed below).
          const policySource = { permissions: { workbook: 'access.xlsx', sheet: '权限矩阵' }, classification: { workbook: 'access.xlsx', sheet: '数据分类' } };
          expect(res.body).toEqual({ workspaces: mayModify ? [{ name: WS, roles: [c.role], policySource }] : [], canCreate: false });
        },
      },
    ],
  },
  'GET /api/openapi.json': { operation: 'public', probes: [{ name: 'the document', send: (app) => request(app).get('/api/openapi.json') }] },
  'GET /api/docs': { operation: 'public', probes: [{ name: 'the page', send: (app) => request(app).get('/api/docs') }] },
  'GET /api/v1/workspaces': {
    operation: 'authenticated',
    probes: [
      {
        name: 'workspaces of the caller\'s tenant',
        send: (app, c) => request(app).get('/api/v1/workspaces').set(c.headers),
        check: (c, res) => expect(res.body.workspaces).toEqual(c.foreign ? [] : [{ name: WS }]),
      },
    ],
  },
  'GET /api/v1/workspaces/:workspace/sheets': {
    operation: 'view',
    probes: [
      {
        name: 'the sheet list',
        send: (app, c) => request(app).get(`${base}/sheets`).set(c.headers),
        check: (c, res) => {
          const sheets = res.body.sheets.map((s: { sheet: string }) => s.sheet);
          // 本部门活动数据: activity data only (metric values); the others' grants name no subject.
          if (HANDBOOK[c.role!].scope === 'own-department') expect([sheets.includes('指标数据'), sheets.includes('KPI'), sheets.includes('权限矩阵')]).toEqual([true, false, false]);
          else expect(sheets).toEqual(expect.arrayContaining(['KPI', '指标数据', '权限矩阵', '数据分类']));
        },
      },
    ],
  },
  'PUT /api/v1/workspaces/:workspace/workbooks/:workbook/sheets/:sheet': {
    operation: 'modify',
    probes: [
      {
        name: 'create a sheet of the caller\'s department',
        send: (app, c) =>
          request(app)
            .put(sheetPath(WS, 'probes.xlsx', `new-${c.slug}`))
            .set(c.headers)
            .set('If-None-Match', '*')
            .set('Idempotency-Key', `put-${c.slug}`)
            .send({ kind: 'metrics', mode: 'full', rows: rows(metric(EAST, 'x', 1)) }),
        check: (_c, res) => expect(res.body.revision).toBe(1),
      },
    ],
  },
  'GET /api/v1/workspaces/:workspace/workbooks/:workbook/sheets/:sheet': {
    operation: 'view',
    probes: [
      {
        name: 'pull metric values (rows of two departments)',
        send: (app, c) => request(app).get(METRICS_PATH).set(c.headers),
        check: (c, res) => {
          const departments = new Set(res.body.rows.map((r: { cells: { department: string } }) => r.cells.department));
          expect([...departments].sort()).toEqual(HANDBOOK[c.role!].scope === 'own-department' ? [EAST] : [EAST, SOUTH].sort());
        },
      },
      {
        name: 'pull KPI definitions (owner is a core field)',
        // 本部门活动数据 names activity data: KPI definitions are another subject (403 other-subject).
        own: 403,
        send: (app, c) => request(app).get(KPI_PATH).set(c.headers),
        check: (c, res) => {
          const grant = HANDBOOK[c.role!];
          const owners = res.body.rows.map((r: { cells: { owner: string } }) => r.cells.owner);
          expect(owners).toHaveLength(2);
          if (grant.masked) {
            expect(owners.every(isPseudonym)).toBe(true);
            expect(bodyText(res)).not.toContain('zhangsan');
          } else {
            expect(owners).toContain(OWNER);
          }
        },
      },
    ],
  },
  'DELETE /api/v1/workspaces/:workspace/workbooks/:workbook/sheets/:sheet/rows/:key': {
    operation: 'delete',
    probes: [
      {
        name: 'delete the caller\'s own row',
        send: (app, c) =>
          request(app)
            .delete(`${sheetPath(WS, 'probes.xlsx', 'deletable')}/rows/${encodeURIComponent(keyOf(metric(EAST, c.slug, 1)))}`)
            .set(c.headers)
            .set('Idempotency-Key', `del-${c.slug}`),
        check: (_c, res) => expect(res.body.changedCells).toBeGreaterThan(0),
      },
    ],
  },
  'GET /api/v1/workspaces/:workspace/workbooks/:workbook/sheets/:sheet/history': {
    operation: 'view',
    probes: [
      {
        name: 'history of an own-department cell',
        send: (app, c) => request(app).get(`${METRICS_PATH}/history`).query({ key: keyOf(metric(EAST, '访客数', 0)), field: 'value' }).set(c.headers),
        check: (_c, res) => expect(res.body.changes.map((x: { newValue: unknown }) => x.newValue)).toEqual([10000]),
      },
      {
        name: 'history of another department\'s cell',
        own: 404,
        send: (app, c) => request(app).get(`${METRICS_PATH}/history`).query({ key: keyOf(metric(SOUTH, '访客数', 0)), field: 'value' }).set(c.headers),
        check: (_c, res) => expect(res.body.changes.map((x: { newValue: unknown }) => x.newValue)).toEqual([20000]),
      },
      {
        name: 'history of a core field (KPI owner)',
        // KPI definitions are not the activity data 运营专员's grant names.
        own: 403,
        send: (app, c) => request(app).get(`${KPI_PATH}/history`).query({ key: '转化率', field: 'owner' }).set(c.headers),
        check: (c, res) => {
          const value = res.body.changes[0].newValue as string;
          if (HANDBOOK[c.role!].masked) expect([isPseudonym(value), bodyText(res).includes('zhangsan')]).toEqual([true, false]);
          else expect(value).toBe(OWNER);
        },
      },
    ],
  },
  'GET /api/v1/workspaces/:workspace/scorecard': {
    operation: 'analyze',
    probes: [
      {
        name: 'the scorecard as JSON',
        send: (app, c) => request(app).get(`${base}/scorecard`).set(c.headers),
        check: (c, res) => {
          const departments = [...new Set(res.body.rows.map((r: { department: string }) => r.department))].sort();
          expect(departments).toEqual(HANDBOOK[c.role!].scope === 'own-department' ? [EAST] : [EAST, SOUTH].sort());
        },
      },
    ],
  },
  'GET /api/v1/workspaces/:workspace/scorecard.xlsx': {
    operation: 'export',
    probes: [
      {
        name: 'the scorecard workbook',
        send: (app, c) => request(app).get(`${base}/scorecard.xlsx`).set(c.headers).buffer(true).parse(binary),
        check: async (c, res) => {
          expect(res.headers['content-type']).toBe(XLSX_TYPE);
          const text = await workbookText(res.body as Buffer);
          expect(text).toContain(EAST);
          if (HANDBOOK[c.role!].scope === 'own-department') expect(text).not.toContain(SOUTH);
          else expect(text).toContain(SOUTH);
        },
      },
    ],
  },
  'POST /api/v1/workspaces/:workspace/uploads': {
    operation: 'modify',
    probes: [
      {
        name: 'upload a workbook to check',
        send: (app, c) => request(app).post(`${base}/uploads`).set(c.headers).set('Content-Type', XLSX_TYPE).send(UPLOAD),
        check: (_c, res) => expect(res.body.sheets).toEqual([{ name: 'KPI', kind: 'kpi' }]),
      },
    ],
  },
  'POST /api/v1/user/sync': {
    operation: 'modify',
    globalOnly: true,
    probes: [
      {
        name: 'the handbook\'s user sync',
        send: (app, c) => request(app).post('/api/v1/user/sync').query({ workspace: WS }).set(c.headers).send(userSyncBody(`sync-${c.slug}`)),
        check: (_c, res) => expect(res.body).toEqual({ synced: 1 }),
      },
    ],
  },
  'GET /api/v1/workspaces/:workspace/users': {
    operation: 'view',
    globalOnly: true,
    probes: [
      {
        name: 'synced users',
        send: (app, c) => request(app).get(`${base}/users`).set(c.headers),
        check: (c, res) => {
          const user = res.body.users.find((u: { address?: string }) => typeof u.address === 'string');
          if (HANDBOOK[c.role!].masked) {
            expect([isPseudonym(user.phone), isPseudonym(user.user_id), user.address]).toEqual([true, true, '广东省']);
            for (const secret of [PHONE, '体育西路', 'u-12345']) expect(bodyText(res)).not.toContain(secret);
          } else {
            expect(user).toMatchObject({ user_id: 'u-12345', phone: PHONE, address: ADDRESS, age: 28 });
          }
        },
      },
    ],
  },
  'GET /api/v1/workspaces/:workspace/users.csv': {
    operation: 'export',
    globalOnly: true,
    probes: [
      {
        name: 'synced users as CSV',
        send: (app, c) => request(app).get(`${base}/users.csv`).set(c.headers).buffer(true).parse(binary),
        check: (c, res) => {
          const text = bodyText(res);
          expect(text).toContain(HANDBOOK[c.role!].masked ? '广东省' : ADDRESS);
          if (HANDBOOK[c.role!].masked) expect(text).not.toContain(PHONE);
        },
      },
    ],
  },
  ...subscriptionRecipes(base),
  'GET /api/v1/workspaces/:workspace/approval-rules': {
    operation: 'view',
    adminOnly: true,
    probes: [{ name: 'the approval rules', send: (app, c) => request(app).get(`${base}/approval-rules`).set(c.headers), check: (_c, res) => expect(res.body).toEqual({ rules: [], custom: false }) }],
  },
  'PUT /api/v1/workspaces/:workspace/approval-rules': {
    operation: 'modify',
    adminOnly: true,
    probes: [{ name: 'set the approval rules', send: (app, c) => request(app).put(`${base}/approval-rules`).set(c.headers).send({ rules: [] }), check: (_c, res) => expect(res.body).toEqual({ rules: [], custom: true }) }],
  },
  'GET /api/v1/workspaces/:workspace/approvals': {
    operation: 'view',
    probes: [{ name: 'the changes waiting', send: (app, c) => request(app).get(`${base}/approvals`).set(c.headers), check: (_c, res) => expect(res.body).toEqual({ approvals: [] }) }],
  },
  // Deciding declares view; who may decide is the change's rule (test/server/routes/approvals.test.ts). No such change here: 404.
  'POST /api/v1/workspaces/:workspace/approvals/:id/approve': {
    operation: 'view',
    probes: [{ name: 'approve a change that is not there', ok: 404, send: (app, c) => request(app).post(`${base}/approvals/999999/approve`).set(c.headers).send({}) }],
  },
  'POST /api/v1/workspaces/:workspace/approvals/:id/reject': {
    operation: 'view',
    probes: [{ name: 'reject a change that is not there', ok: 404, send: (app, c) => request(app).post(`${base}/approvals/999999/reject`).set(c.headers).send({ comment: 'no' }) }],
  },
  'GET /api/v1/workspaces/:workspace/policy': {
    operation: 'view',
    probes: [
      {
        name: 'the policy and what it grants the caller',
        send: (app, c) => request(app).get(`${base}/policy`).set(c.headers),
        check: (c, res) => {
          const grant = HANDBOOK[c.role!];
          expect(res.body.you).toEqual({ roles: [c.role], scope: grant.scope, masked: grant.masked, administrator: c.role === '系统管理员' });
          expect(res.body.source.permissions).not.toBeNull();
        },
      },
    ],
  },
};

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
    UPLOAD = await uploadWorkbook();
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
