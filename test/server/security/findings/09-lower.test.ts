import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { publishScorecards } from '../../../../server/schedule/publish-scorecards';
import { databaseFactories } from '../../../fixtures/databases';
import { BOSS, PSEUDONYM_KEY, matrix, serviceOn, type Service } from '../../../fixtures/service';
import { devTokens, silentLogger, testApp, testConfig } from '../../../fixtures/http-harness';
import express from 'express';
import { taskpaneStatic } from '../../../../server/routes/taskpane-static';
import { workbookText } from '../helpers';
import { ANA, EDITOR, KPI_SHEET, MATRIX, WB, rows, sheetPath, plantedWorkspace } from './workspace';

/**
 * Finding 9, the lower ones: the matrix's member e-mails in clear to masked roles; NUL in a row
 * key answered 500 on PostgreSQL; an Idempotency-Key shared by the whole tenant; a full-width
 * e-mail matched to an administrator's; group names matched after folding; bidi and zero-width
 * characters in names; one user holding the service with concurrent heavy requests; the
 * scheduled scorecard built from every row unmasked; source maps served in production.
 */
describe.each(databaseFactories)('lower findings on $name', (factory) => {
  const WS = 'f9';
  const t = plantedWorkspace(factory, WS);

  it("masked roles read the matrix without its members' e-mail addresses", async () => {
    const res = await t.service.pull(t.people.ana, WS, 'access.xlsx', '权限矩阵').expect(200);
    expect(res.text).not.toContain('@example.com');
    expect(res.text).not.toContain(BOSS);
    const admin = res.body.rows.find((r: { cells: { role: string } }) => r.cells.role === '系统管理员');
    expect(admin.cells.members).toMatch(/^h:/);
  });

  it.each([
    ['DELETE …/rows/:key', (s: Service, h: Record<string, string>) => request(s.app).delete(`${sheetPath(WS, WB, KPI_SHEET)}/rows/a%00b`).set(h).set('Idempotency-Key', 'nul-1')],
    ['history ?key=', (s: Service, h: Record<string, string>) => s.history(h, WS, WB, KPI_SHEET, 'a\u0000b', 'phone')],
    ['deletes[]', (s: Service, h: Record<string, string>) => s.push(h, WS, WB, KPI_SHEET, { kind: 'kpi', mode: 'delta', deletes: ['a\u0000b'] }, { ifMatch: 1 })],
  ])('a NUL in a row key (%s) is a 400, never a 500', async (_name, send) => {
    const res = await send(t.service, t.people.boss);
    expect([res.status, res.body.code]).toEqual([400, 'validation']);
  });

  it.each([
    ['a bidi override', 'evil\u202Excslx.xlsx'],
    ['a zero-width space', 'kpi\u200B.xlsx'],
  ])('a workbook name with %s is refused', async (_name, workbook) => {
    const res = await t.service.push(t.people.boss, WS, workbook, 'KPI', { kind: 'kpi', rows: rows({ name: 'x', target: '≥1', weight: 1 }) }, { ifMatch: null });
    expect([res.status, res.body.code]).toEqual([400, 'validation']);
  });

  it("an Idempotency-Key belongs to its user: another user's push with the same key is not a replay of the first", async () => {
    const body = { kind: 'kpi' as const, mode: 'delta' as const, rows: rows({ name: 'ROI', owner: '钱七' }) };
    const first = await t.service.push(t.people.boss, WS, WB, KPI_SHEET, body, { ifMatch: 1, key: 'shared-key' }).expect(200);
    expect(first.body.changedCells).toBe(1);
    const second = await t.service.push(t.people.editor, WS, WB, KPI_SHEET, body, { ifMatch: 1, key: 'shared-key' }).expect(200);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    const history = await t.service.history(t.people.boss, WS, WB, KPI_SHEET, 'roi', 'owner').expect(200);
    expect(history.body.changes.at(-1).email).toBe(BOSS);
    expect(EDITOR).not.toBe(BOSS);
  });

  it('a full-width e-mail address is not the administrator', async () => {
    const fake = await t.service.asUser('ｂｏｓｓ@contoso.com');
    await t.service.pull(fake, WS, WB, KPI_SHEET).expect(403);
  });

  it('group members match group names exactly, ignoring case only', async () => {
    const admin = t.people.boss;
    await t.service
      .push(admin, WS, 'access.xlsx', '权限矩阵', { kind: 'permissions', mode: 'delta', rows: matrix(['访客', '全局数据', '查看', 'Ops Team']) }, { ifMatch: 1 })
      .expect(200);
    await t.service.pull(await t.service.asUser('a@example.com', { groups: ['ops team'] }), WS, WB, KPI_SHEET).expect(200);
    await t.service.pull(await t.service.asUser('b@example.com', { groups: ['opsteam'] }), WS, WB, KPI_SHEET).expect(403);
    await t.service.pull(await t.service.asUser('c@example.com', { groups: ['OPS-TEAM'] }), WS, WB, KPI_SHEET).expect(403);
  });

  it('the scheduled scorecard is built for its audience: masked by default', async () => {
    // The department is classified core here: the scorecard names departments, so it must not
    // reach the folder in clear (nor in the masked audience's issues).
    await t.service
      .push(t.people.boss, WS, 'access.xlsx', '数据分类', { kind: 'classification', mode: 'delta', rows: rows({ field: '部门', class: '核心', masking: '哈希' }) }, { ifMatch: 1 })
      .expect(200);
    await t.service
      .push(t.people.boss, WS, WB, '指标数据', { kind: 'metrics', rows: rows({ period: '2024-03', department: 'CANARY-DEPT-9', metric: '付费订单', value: 3 }, { period: '2024-03', department: 'CANARY-DEPT-9', metric: '访客数', value: 100 }) }, { ifMatch: null })
      .expect(200);
    const dir = mkdtempSync(path.join(tmpdir(), 'f9-'));
    try {
      const tenant = 'dev-tenant';
      const publish = (audience?: 'masked' | 'unmasked') =>
        publishScorecards({ dir, locale: 'en-US', ...(audience ? { audience } : {}) }, { store: t.service.store, tenants: async () => [tenant], log: silentLogger(), pseudonymKey: PSEUDONYM_KEY }, '2024-03-01T05:00:00Z');
      const latest = async () => workbookText(readFileSync(path.join(dir, tenant, WS, readdirSync(path.join(dir, tenant, WS)).find((f) => f.endsWith('latest.xlsx'))!)));
      await publish();
      expect(await latest()).not.toContain('CANARY-DEPT-9');
      // The canary is there to be hidden: an unmasked audience reads it.
      await publish('unmasked');
      expect(await latest()).toContain('CANARY-DEPT-9');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void ANA;
  void MATRIX;
});

describe('one user cannot hold the service with concurrent heavy requests', () => {
  let service: Service;
  beforeAll(async () => {
    service = await serviceOn(databaseFactories[0]!, { HEAVY_REQUESTS_PER_USER: '2' });
  });
  afterAll(() => service.close());

  it('answers 429 with Retry-After to the third concurrent push of one user, and serves another user meanwhile', async () => {
    const boss = await service.asUser(BOSS);
    await service.push(boss, 'heavy', 'a.xlsx', 'KPI', { kind: 'kpi', rows: rows({ name: 'x', target: '≥1', weight: 1 }) }, { ifMatch: null }).expect(200);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const realPush = service.store.push.bind(service.store);
    (service.store as { push: typeof realPush }).push = async (...args) => {
      await gate;
      return realPush(...args);
    };
    const send = (n: number) => service.push(boss, 'heavy', 'a.xlsx', 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: 'x', owner: `o${n}` }) }, { ifMatch: 1 }).then((r) => r);
    const held = [send(1), send(2)];
    await new Promise((r) => setTimeout(r, 200));
    const third = await send(3);
    expect([third.status, third.body.code]).toEqual([429, 'rate-limited']);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    const other = await service.asUser('someone@example.com');
    await request(service.app).get('/api/v1/workspaces').set(other).expect(200);
    release();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
  });
});

describe('source maps in production', () => {
  it('are served by a development service and not by a production one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'maps-'));
    try {
      writeFileSync(path.join(dir, 'taskpane.html'), '<!doctype html>');
      writeFileSync(path.join(dir, 'taskpane.js.map'), '{"sources":["secret.ts"]}');
      const serve = (sourceMaps: boolean) => express().use(taskpaneStatic({ dir, sourceMaps }));
      expect((await request(serve(true)).get('/taskpane.js.map')).status).toBe(200);
      expect((await request(serve(false)).get('/taskpane.js.map')).status).toBe(404);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the service turns them off in production (the built pane, as `npm run build:addin` left it)', async () => {
    const env = { PSEUDONYM_KEY: 'a'.repeat(44), ENTRA_TENANT_IDS: '11111111-2222-3333-4444-555555555555', ENTRA_AUDIENCE: 'api://ops' };
    const dev = await devTokens();
    const production = testApp({ identity: dev.verifier, config: testConfig({ ...env, NODE_ENV: 'production' }) });
    const development = testApp({ identity: dev.verifier, config: testConfig({ NODE_ENV: 'development' }) });
    expect((await request(development.app).get('/taskpane.js.map')).status).toBe(200);
    expect((await request(production.app).get('/taskpane.js.map')).status).toBe(404);
    expect((await request(production.app).get('/taskpane.html')).status).toBe(200);
  });
});
