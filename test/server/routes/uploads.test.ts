import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { REPO_ROOT } from '../../fixtures/cli';
import { databaseFactories } from '../../fixtures/databases';
import { makeEncrypted, makeNotZip, makeWholeSheetMerge, makeZipBombHonest, writeBaseWorkbook } from '../../fixtures/hostile/make-hostile';
import { BOSS, serviceOn, type Headers, type Service } from '../../fixtures/service';
import { XLSX_CONTENT_TYPE } from '../../../shared/api/paths';

/** Uploads of .xlsx files: the demo workbook read, checked and stored; hostile files refused with nothing stored. */

const XLSX = XLSX_CONTENT_TYPE;
const DEMO = readFileSync(path.join(REPO_ROOT, 'examples', 'ops-scorecard-demo.xlsx'));
/** The demo matrix's administrator (钱七): a bootstrap admin here, so the stored matrix keeps them in. */
const QIANQI = 'qianqi@example.cn';

let dir: string;
const hostile: Record<string, Buffer> = {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'upload-hostile-'));
  const base = path.join(dir, 'base.xlsx');
  await writeBaseWorkbook(base);
  hostile['zip bomb'] = readFileSync(await makeZipBombHonest(dir, base));
  hostile['not a zip'] = readFileSync(await makeNotZip(dir));
  hostile['encrypted'] = readFileSync(await makeEncrypted(dir));
  hostile['whole-sheet merge'] = readFileSync(await makeWholeSheetMerge(dir, base));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(databaseFactories)('uploads on $name', (factory) => {
  let service: Service;
  let qianqi: Headers;
  let n = 0;
  const freshWs = () => `up-${++n}`;
  const upload = (user: Headers, ws: string, body: Buffer, query: Record<string, string> = {}) =>
    request(service.app).post(`/api/v1/workspaces/${ws}/uploads`).query(query).set(user).set('Content-Type', XLSX).send(body);

  beforeAll(async () => {
    service = await serviceOn(factory, { BOOTSTRAP_ADMINS: `${BOSS},${QIANQI}` });
    qianqi = await service.asUser(QIANQI);
  });
  afterAll(() => service.close());

  it('reads and checks the demo workbook: its sheets and issues, nothing stored without ?store=true', async () => {
    const ws = freshWs();
    const res = await upload(qianqi, ws, DEMO).expect(200);
    expect(res.body.sheets.map((s: { kind: string }) => s.kind).sort()).toEqual(['classification', 'dashboard', 'gantt', 'kpi', 'metrics', 'permissions']);
    expect(res.body.issues.every((i: { severity: string }) => i.severity === 'warning')).toBe(true);
    expect(res.body.stored).toBeUndefined();
    expect(await service.store.listSheets('dev-tenant', ws)).toEqual([]);
  });

  it('with ?store=true pushes every recognised sheet into the named workbook; a retry replays', async () => {
    const ws = freshWs();
    const key = `upload-${factory.name}-${Date.now()}`;
    const first = await upload(qianqi, ws, DEMO, { store: 'true', workbook: 'demo.xlsx' }).set('Idempotency-Key', key).expect(200);
    expect(first.body.stored.workbook).toBe('demo.xlsx');
    expect(first.body.stored.sheets.every((s: { status: string; revision: number }) => s.status === 'stored' && s.revision === 1)).toBe(true);
    const sheets = await service.store.listSheets('dev-tenant', ws);
    expect(sheets).toHaveLength(6);
    // The matrix became the policy: the demo's 运营专员 may not modify.
    expect(await service.store.getPolicy('dev-tenant', ws)).not.toBeNull();
    const again = await upload(qianqi, ws, DEMO, { store: 'true', workbook: 'demo.xlsx' }).set('Idempotency-Key', key).expect(200);
    expect(again.body.stored.sheets.map((s: { revision: number }) => s.revision)).toEqual(first.body.stored.sheets.map((s: { revision: number }) => s.revision));
    const zhang = await service.asUser('zhangsan@example.cn', { department: '华东运营部' });
    expect((await upload(zhang, ws, DEMO)).status).toBe(403);
  });

  it('names the workbook after the uploaded file when ?workbook= is absent', async () => {
    const ws = freshWs();
    const res = await upload(qianqi, ws, DEMO, { store: 'true' })
      .set('Idempotency-Key', `name-${factory.name}-${Date.now()}`)
      .set('Content-Disposition', `attachment; filename="board.xlsx"; filename*=UTF-8''${encodeURIComponent('运营看板.xlsx')}`)
      .expect(200);
    expect(res.body.stored.workbook).toBe('运营看板.xlsx');
  });

  it('stores nothing when one sheet cannot be stored: a matrix that locks the uploader out', async () => {
    const ws = freshWs();
    const boss = await service.asUser(BOSS);
    const res = await upload(boss, ws, DEMO, { store: 'true' }).set('Idempotency-Key', `lock-${factory.name}-${Date.now()}`);
    expect([res.status, res.body.reason]).toEqual([409, 'admin-lockout']);
    expect(res.body.detail).toMatch(/^Sheet "权限矩阵": /);
    expect(await service.store.listSheets('dev-tenant', ws)).toEqual([]);
  });

  it('requires an Idempotency-Key to store, and the xlsx content type', async () => {
    const ws = freshWs();
    expect((await upload(qianqi, ws, DEMO, { store: 'true' })).status).toBe(400);
    const text = await request(service.app).post(`/api/v1/workspaces/${ws}/uploads`).set(qianqi).set('Content-Type', 'text/plain').send('hello');
    expect([text.status, text.body.code]).toEqual([415, 'unsupported-media-type']);
  });

  it.each(['zip bomb', 'not a zip', 'encrypted'])('refuses a hostile workbook (%s) with 422 refused-workbook and stores nothing', async (name) => {
    const ws = freshWs();
    const res = await upload(qianqi, ws, hostile[name]!, { store: 'true' }).set('Idempotency-Key', `h-${n}-${factory.name}`).set('Accept-Language', 'zh-CN');
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('refused-workbook');
    expect(res.body.detail).toMatch(/^文件被拒绝/);
    expect(await service.store.listSheets('dev-tenant', ws)).toEqual([]);
  });

  it('reads a whole-sheet merge like any workbook (no crash, nothing recognised)', async () => {
    const res = await upload(qianqi, freshWs(), hostile['whole-sheet merge']!).expect(200);
    expect(res.body.sheets).toEqual([]);
  });
});
