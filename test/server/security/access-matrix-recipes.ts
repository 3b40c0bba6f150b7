import ExcelJS from 'exceljs';
import request from 'supertest';
import type { Operation } from '../../../shared/engine/policy';
import { naturalKey } from '../../../shared/kinds/kind-specs';
import { isPseudonym } from '../../../server/access/pseudonym';
import { createApp } from '../../../server/app';
import type { RouteOperation } from '../../../server/http/route';
import { rows, sheetPath, type Headers } from '../../fixtures/service';
import { binary, workbookText, XLSX_TYPE } from './helpers';
import { subscriptionRecipes } from './subscription-recipes';

/**
 * The recipes of the access-matrix suite (access-matrix.test.ts): the handbook's roles and
 * callers, and for every route of the service the probes it is walked with and what each caller
 * must get. A route without a recipe here fails the suite.
 */
export const WS = 'handbook';
export const EAST = '华东运营部';
export const SOUTH = '华南运营部';
export const FOREIGN_TENANT = 'foreign-tenant';
export const OWNER = '张三 <zhangsan@example.cn>';
export const PHONE = '13800000001';
export const ADDRESS = '广东省广州市天河区体育西路1号';

export type Role = '运营专员' | '数据分析师' | '系统管理员';

export interface Grant {
  readonly scope: 'own-department' | 'global';
  readonly masked: boolean;
  readonly operations: readonly Operation[];
  readonly member: string;
  readonly department?: string;
}

/** The handbook's matrix as this suite reads it — by hand, not by the service's parser. */
export const HANDBOOK: Readonly<Record<Role, Grant>> = {
  运营专员: { scope: 'own-department', masked: false, operations: ['view', 'export'], member: 'ops@example.cn', department: EAST },
  // Global roles are held by users of a department too: their grant must not narrow to it.
  数据分析师: { scope: 'global', masked: true, operations: ['view', 'analyze'], member: 'analyst@example.cn', department: SOUTH },
  系统管理员: { scope: 'global', masked: false, operations: ['view', 'modify', 'delete'], member: 'admin@example.cn', department: SOUTH },
};
export const ROLES = Object.keys(HANDBOOK) as Role[];

export interface Caller {
  readonly name: string;
  /** A slug for the names of what this caller writes. */
  readonly slug: string;
  readonly role: Role | null;
  readonly foreign: boolean;
  readonly anonymous: boolean;
  headers: Headers;
}

export const CALLERS: readonly Caller[] = [
  ...ROLES.map((role, i): Caller => ({ name: role, slug: `r${i}`, role, foreign: false, anonymous: false, headers: {} })),
  { name: 'a user of the tenant with no role', slug: 'stranger', role: null, foreign: false, anonymous: false, headers: {} },
  { name: 'no token', slug: 'anon', role: null, foreign: false, anonymous: true, headers: {} },
  ...ROLES.map((role, i): Caller => ({ name: `${role} of another tenant`, slug: `f${i}`, role, foreign: true, anonymous: false, headers: {} })),
];

/** Values only this tenant's data holds: a caller that must see nothing must never receive one. */
export const MARKERS = [EAST, SOUTH, 'zhangsan', PHONE, '体育西路', '转化率', 'probes.xlsx'];

export type App = ReturnType<typeof createApp>;

export interface Probe {
  readonly name: string;
  send(app: App, caller: Caller): request.Test;
  /** The status of a caller the route lets through (default 200). */
  readonly ok?: number;
  /** The status of an own-department caller it lets through, when not `ok`: another department's row, or data of none. */
  readonly own?: number;
  /** More about a let-through caller's answer. */
  check?(caller: Caller, res: request.Response): void | Promise<void>;
}

export interface Recipe {
  /** What the route performs in the matrix's words: it must declare exactly this. */
  readonly operation: RouteOperation;
  /** Data of no department: own-department grants do not reach it (403). */
  readonly globalOnly?: boolean;
  /** The workspace's administrators only (an unmasked global administrator role with modify): anyone else 403. */
  readonly adminOnly?: boolean;
  readonly probes: readonly Probe[];
}

export const base = `/api/v1/workspaces/${encodeURIComponent(WS)}`;
export const KPI_PATH = sheetPath(WS, 'kpi.xlsx', 'KPI');
export const METRICS_PATH = sheetPath(WS, 'kpi.xlsx', '指标数据');
export const metric = (department: string, name: string, value: number) => ({ period: '2024-03', department, metric: name, value });
export const keyOf = (cells: Parameters<typeof naturalKey>[1]) => naturalKey('metrics', cells)!;
export const bodyText = (res: request.Response): string => (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text || JSON.stringify(res.body));

/** A small workbook to upload: one KPI sheet. */
export async function uploadWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('KPI');
  ws.addRow(['KPI', '目标值', '权重']);
  ws.addRow(['上传指标', '≥1', '100%']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
let UPLOAD: Buffer = Buffer.alloc(0);
/** The workbook the upload probes send, made once the suite starts (uploadWorkbook). */
export function useUpload(bytes: Buffer): void {
  UPLOAD = bytes;
}

export const userSyncBody = (id: string) => ({
  user_ids: [id],
  data_source: 'CRM',
  timestamp: '2024-03-01T08:00:00Z',
  users: [{ user_id: id, phone: '13900000009', registered_at: '2024-03-01T08:00:00Z' }],
});

export const RECIPES: Readonly<Record<string, Recipe>> = {
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
