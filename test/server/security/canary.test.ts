import { createHash } from 'node:crypto';
import request from 'supertest';
import { isPseudonym } from '../../../server/access/pseudonym';
import { allRoutes, createApp } from '../../../server/app';
import { databaseFactories } from '../../fixtures/databases';
import { BOSS, matrix, rows, serviceOn, sheetPath, STANDARD_MATRIX, type Headers, type Service } from '../../fixtures/service';
import { capturingLogger } from '../../fixtures/http-harness';
import { binary, unzipParts, XLSX_TYPE } from './helpers';

/**
 * Canaries: unique values planted in core fields — a user's address, age, phone, ID number and
 * user id through the handbook's POST /api/v1/user/sync; a KPI owner and a Gantt owner in sheets
 * (负责人 classified core) — then every GET route walked as the masked role (数据分析师,
 * 全局数据(脱敏)), plus error answers provoked with bad parameters and the conflicts and issues
 * a masked editor's pushes are answered with. No canary, nor its bare SHA-256 (hex or base64),
 * may appear in any answer — JSON, CSV, every part of the scorecard workbook unzipped, headers —
 * or in any line the service logged while all of it, the planting included, went on. The masked
 * forms must be there instead (province, age band, h:… pseudonyms), and the canaries must be
 * readable by the unmasked administrator: otherwise nothing was planted and nothing was proved.
 */

const WS = 'canary';
const CANARY = {
  address: '广东省深圳市南山区科技园CANARY1',
  phone: '13800138000',
  idNumber: '44030519900101739X',
  userId: 'CANARY-UID-7391',
  owner: 'CANARY-OWNER-5521',
  /** Written over the owner by the administrator, to be the "theirs" of a masked editor's conflict. */
  newOwner: 'CANARY-OWNER-8804',
} as const;
const CANARY_AGE = 27;
/** What none of the masked answers may contain: each canary, its bare SHA-256 in hex, base64 and base64url, and the word itself. */
const FORBIDDEN: readonly string[] = [
  ...Object.values(CANARY).flatMap((v) => {
    const digest = createHash('sha256').update(v, 'utf8').digest();
    return [v, digest.toString('hex'), digest.toString('base64'), digest.toString('base64url')];
  }),
  'CANARY',
  '科技园',
  '4403051990',
];

const MASKED = 'ana@example.com';
/** A masked role that may modify: its pushes are answered with conflicts and issues of stored data. */
const CLERK = 'clerk@example.com';
const base = `/api/v1/workspaces/${WS}`;
const KPI = sheetPath(WS, 'kpi.xlsx', 'KPI');
const METRICS = sheetPath(WS, 'kpi.xlsx', '指标数据');
const GANTT = sheetPath(WS, 'plan.xlsx', '甘特图');

interface Seen {
  readonly what: string;
  readonly text: string;
}

/** Everything of an answer a client receives: status line aside, its headers and its body as text. */
function answerText(res: request.Response): string {
  const body = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text || JSON.stringify(res.body ?? '');
  return `${JSON.stringify(res.headers)}\n${body}`;
}

describe.each(databaseFactories)('canaries on $name', (factory) => {
  let service: Service;
  let app: ReturnType<typeof createApp>;
  let lines: string[];
  let boss: Headers;
  let ana: Headers;
  let clerk: Headers;
  const seen: Seen[] = [];

  beforeAll(async () => {
    service = await serviceOn(factory);
    // The service's log, captured from the first request on: planting included.
    const captured = capturingLogger('debug');
    lines = captured.lines;
    app = createApp({ ...service.deps, logger: captured.logger });
    boss = await service.asUser(BOSS);
    ana = await service.asUser(MASKED);
    clerk = await service.asUser(CLERK);
    const put = (h: Headers, path: string, body: object, ifMatch: number | null, key: string) =>
      request(app)
        .put(path)
        .set(h)
        .set(ifMatch === null ? 'If-None-Match' : 'If-Match', ifMatch === null ? '*' : `"${ifMatch}"`)
        .set('Idempotency-Key', key)
        .send({ mode: 'full', deletes: [], ...body });

    const roles = [...STANDARD_MATRIX, ...matrix(['录入员', '全局数据(脱敏)', '查看、修改', CLERK])];
    await put(boss, sheetPath(WS, 'access.xlsx', '权限矩阵'), { kind: 'permissions', rows: roles }, null, 'plant-matrix').expect(200);
    const classification = rows(
      { field: '地址', class: '核心', masking: '只保留省份' },
      { field: '年龄', class: '核心', masking: '年龄段' },
      { field: '手机号', class: '核心', masking: 'HMAC' },
      { field: '身份证号', class: '核心', masking: '哈希' },
      { field: '用户ID', class: '核心', masking: '哈希(HMAC-SHA256)' },
      { field: '负责人', class: '核心', masking: '哈希' },
    );
    await put(boss, sheetPath(WS, 'access.xlsx', '数据分类'), { kind: 'classification', rows: classification }, null, 'plant-classification').expect(200);
    const users = [
      { user_id: CANARY.userId, phone: CANARY.phone, registered_at: '2023-12-01T08:00:00Z', address: CANARY.address, age: CANARY_AGE, id_number: CANARY.idNumber },
      { user_id: 'plain-2', phone: '13900000002', registered_at: '2023-12-02T08:00:00Z', address: '浙江省杭州市西湖区', age: 41 },
    ];
    await request(app)
      .post('/api/v1/user/sync')
      .query({ workspace: WS })
      .set(boss)
      .send({ user_ids: users.map((u) => u.user_id), data_source: 'CRM', timestamp: '2023-12-02T08:00:00Z', users })
      .expect(200);
    const kpi = { name: '转化率', formula: '付费订单/访客数', target: '≥3%', weight: 1, perspective: '客户', owner: CANARY.owner };
    await put(boss, KPI, { kind: 'kpi', rows: rows(kpi) }, null, 'plant-kpi').expect(200);
    const values = rows(
      { period: '2024-03', department: '华东运营部', metric: '付费订单', value: 300 },
      { period: '2024-03', department: '华东运营部', metric: '访客数', value: 10000 },
    );
    await put(boss, METRICS, { kind: 'metrics', rows: values }, null, 'plant-metrics').expect(200);
    // Two tasks of one owner at once: the plan's issues name the owner (an overlap).
    const tasks = rows(
      { task: '活动策划', owner: CANARY.owner, start: '2024-03-01', end: '2024-03-10', depends: '-' },
      { task: '市场推广', owner: CANARY.owner, start: '2024-03-05', end: '2024-03-12', depends: '-' },
    );
    await put(boss, GANTT, { kind: 'gantt', rows: tasks }, null, 'plant-gantt').expect(200);

    // The masked editor starts from revision 1; the administrator then changes the owner.
    await put(boss, KPI, { kind: 'kpi', mode: 'delta', rows: rows({ name: '转化率', owner: CANARY.newOwner }) }, 1, 'plant-owner-2').expect(200);
  });
  afterAll(() => service.close());

  it('plants the canaries: the unmasked administrator reads them in clear', async () => {
    const users = await request(app).get(`${base}/users`).set(boss).expect(200);
    expect(users.body.users.find((u: { user_id: string }) => u.user_id === CANARY.userId)).toMatchObject({
      phone: CANARY.phone,
      address: CANARY.address,
      age: CANARY_AGE,
      id_number: CANARY.idNumber,
    });
    expect((await request(app).get(KPI).set(boss).expect(200)).body.rows[0].cells.owner).toBe(CANARY.newOwner);
    expect((await request(app).get(GANTT).set(boss).expect(200)).body.rows[0].cells.owner).toBe(CANARY.owner);
  });

  it('walks every GET route as the masked role: masked forms, never a canary', async () => {
    const paths: string[] = [];
    const get = async (what: string, path: string, query: Record<string, string> = {}, lang = 'zh-CN') => {
      const res = await request(app).get(path).query(query).set(ana).set('Accept-Language', lang).buffer(true).parse(binary);
      seen.push({ what, text: answerText(res) });
      paths.push(path);
      return res;
    };
    for (const path of ['/healthz', '/readyz', '/api/v1/client-config', '/api/openapi.json', '/api/docs']) expect((await get(path, path)).status).toBe(200);
    const json = (res: request.Response) => JSON.parse((res.body as Buffer).toString('utf8')) as Record<string, unknown>;

    expect((await get('workspaces', '/api/v1/workspaces')).status).toBe(200);
    // The masked analyst may not modify: no workspace offered to push to.
    expect(json(await get('my workspaces', '/api/v1/me/workspaces'))).toEqual({ workspaces: [], canCreate: false });
    const list = json(await get('sheets', `${base}/sheets`)) as { sheets: { workbook: string; sheet: string }[] };
    expect(list.sheets).toHaveLength(5);
    for (const s of list.sheets) {
      for (const since of ['0', '1']) expect((await get(`pull ${s.sheet} since ${since}`, sheetPath(WS, s.workbook, s.sheet), { since })).status).toBe(200);
    }
    const kpi = json(await get('pull KPI', KPI)) as { rows: { cells: Record<string, unknown> }[] };
    expect(isPseudonym(String(kpi.rows[0]!.cells['owner']))).toBe(true);
    const plan = json(await get('pull plan', GANTT)) as { rows: { key: string; cells: Record<string, unknown> }[] };
    expect(plan.rows.every((r) => isPseudonym(String(r.cells['owner'])))).toBe(true);

    const ownerHistory = json(await get('history of the KPI owner', `${KPI}/history`, { key: '转化率', field: 'owner' })) as { changes: { oldValue: unknown; newValue: unknown }[] };
    expect(ownerHistory.changes).toHaveLength(2);
    for (const c of ownerHistory.changes) for (const v of [c.oldValue, c.newValue]) expect(v === null || isPseudonym(String(v))).toBe(true);
    expect((await get('history of a Gantt owner', `${GANTT}/history`, { key: plan.rows[0]!.key, field: 'owner' })).status).toBe(200);

    expect((await get('scorecard', `${base}/scorecard`)).status).toBe(200);
    expect((await get('scorecard of a period', `${base}/scorecard`, { period: '2024年3月' })).status).toBe(200);

    for (const lang of ['zh-CN', 'en-US']) {
      const xlsx = await get(`scorecard.xlsx ${lang}`, `${base}/scorecard.xlsx`, { lang });
      expect([xlsx.status, xlsx.headers['content-type']]).toEqual([200, XLSX_TYPE]);
      const parts = await unzipParts(xlsx.body as Buffer);
      expect(parts.length).toBeGreaterThan(5);
      for (const part of parts) seen.push({ what: `scorecard.xlsx ${lang}: ${part.name}`, text: part.text });
      // The plan's owners are in the workbook, as pseudonyms.
      expect(parts.some((p) => /h:[A-Za-z0-9_-]{43}/.test(p.text))).toBe(true);
    }

    const zh = json(await get('users zh-CN', `${base}/users`)) as { users: Record<string, unknown>[] };
    const masked = zh.users.find((u) => u['address'] === '广东省');
    expect(masked).toMatchObject({ address: '广东省', age: '25-29岁' });
    for (const f of ['user_id', 'phone', 'id_number']) expect(isPseudonym(String(masked![f]))).toBe(true);
    const en = json(await get('users en-US', `${base}/users`, { limit: '1', offset: '0' }, 'en-US')) as { users: Record<string, unknown>[] };
    expect(en.users[0]!['age']).toBe('25–29');
    const csv = await get('users.csv', `${base}/users.csv`);
    const csvText = (csv.body as Buffer).toString('utf8');
    expect(csv.status).toBe(200);
    expect(csvText).toContain('广东省');
    expect(csvText).toContain('25-29岁');
    expect(csvText).toMatch(/h:[A-Za-z0-9_-]{43}/);
    expect((await get('policy', `${base}/policy`)).status).toBe(200);
    // Tiered approval: the changes waiting (none here), and the rules, which are an administrator's.
    expect(json(await get('approvals', `${base}/approvals`, { status: 'all' }))).toEqual({ approvals: [] });
    expect((await get('approval rules', `${base}/approval-rules`)).status).toBe(403);

    // Subscriptions are for administrators (test/server/subscriptions plants canaries in the mail itself).
    expect((await get('subscriptions', `${base}/subscriptions`)).status).toBe(403);
    expect((await get('subscription sends', `${base}/subscription-sends`)).status).toBe(403);

    // Bad parameters: the answers say what is wrong without any stored value.
    const errors: [string, string, Record<string, string>, number][] = [
      ['users, limit not a number', `${base}/users`, { limit: 'abc' }, 400],
      ['users, limit 0', `${base}/users`, { limit: '0' }, 400],
      ['pull since -1', KPI, { since: '-1' }, 400],
      ['history without a field', `${KPI}/history`, { key: '转化率' }, 400],
      ['history of a row that is not there (no changes)', `${KPI}/history`, { key: 'nope', field: 'owner' }, 200],
      ['history of a field named __proto__', `${KPI}/history`, { key: '转化率', field: '__proto__' }, 400],
      ['scorecard of no period', `${base}/scorecard`, { period: 'soon' }, 400],
      ['scorecard.xlsx in no language', `${base}/scorecard.xlsx`, { lang: 'xx' }, 400],
      ['a sheet that is not there', sheetPath(WS, 'kpi.xlsx', 'nope'), {}, 404],
      ['a path that is not there', `${base}/nope`, {}, 404],
    ];
    for (const [what, path, query, status] of errors) expect(`${what}: ${(await get(what, path, query)).status}`).toBe(`${what}: ${status}`);
    expect(seen.length).toBeGreaterThan(40);

    // Every GET route of the service was walked: a new one fails here until it is.
    const pattern = (route: string) => new RegExp(`^${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+')}$`);
    const missed = allRoutes()
      .filter((r) => r.method === 'get' && !paths.some((p) => pattern(r.path).test(p)))
      .map((r) => r.path);
    expect(missed).toEqual([]);
  });

  it('answers a masked editor\'s pushes — conflicts, refusals, issues — without a canary', async () => {
    const put = async (what: string, path: string, body: object, ifMatch: string, status: number) => {
      const res = await request(app)
        .put(path)
        .set(clerk)
        .set('Accept-Language', 'zh-CN')
        .set(ifMatch === '*' ? 'If-None-Match' : 'If-Match', ifMatch)
        .set('Idempotency-Key', `clerk-${seen.length}`)
        .send({ mode: 'full', deletes: [], ...body });
      seen.push({ what, text: answerText(res) });
      expect(`${what}: ${res.status}`).toBe(`${what}: ${status}`);
      return res;
    };
    // From revision 1 the owner was a canary; the administrator made it another since: a conflict, theirs and original masked.
    const conflict = await put('a conflicting owner', KPI, { kind: 'kpi', mode: 'delta', rows: rows({ name: '转化率', owner: '王五' }) }, '"1"', 200);
    expect(conflict.body.conflicts).toHaveLength(1);
    const [c] = conflict.body.conflicts as { yours: string; theirs: string; original: string }[];
    // Theirs and the original are stored canaries (yours, the editor's own value, may come back masked too).
    expect([isPseudonym(c!.theirs), isPseudonym(c!.original), c!.theirs === c!.original]).toEqual([true, true, false]);
    // The plan pushed back as pulled (pseudonyms in it): the stored owners stay, the issues name them masked.
    const pulled = await request(app).get(GANTT).set(clerk).expect(200);
    const back = await put('the plan pushed back masked', GANTT, { kind: 'gantt', rows: pulled.body.rows.map((r: { cells: object }) => ({ cells: r.cells })) }, `"${pulled.body.revision}"`, 200);
    expect(back.body.changedCells).toBe(0);
    const overlap = (back.body.issues as { code: string; message: string }[]).find((i) => i.code === 'gantt.owner-overlap');
    expect(overlap?.message).toMatch(/h:[A-Za-z0-9_-]{43}/);
    await put('two rows with one key', KPI, { kind: 'kpi', mode: 'delta', rows: rows({ name: '转化率', owner: 'x' }, { name: '转化率', owner: 'y' }) }, '"2"', 400);
    await put('another kind over the KPI sheet', KPI, { kind: 'metrics', mode: 'delta', rows: rows({ period: '2024-03', department: 'x', metric: 'y', value: 1 }) }, '"2"', 409);
    await put('a revision the sheet never had', KPI, { kind: 'kpi', mode: 'delta', rows: rows({ name: '转化率', weight: 1 }) }, '"99"', 412);
    await put('creating a sheet that exists', KPI, { kind: 'kpi', rows: rows({ name: 'x', target: '≥1', weight: 1 }) }, '*', 412);
    const del = await request(app).delete(`${KPI}/rows/${encodeURIComponent('转化率')}`).set(clerk).set('Idempotency-Key', 'clerk-del');
    seen.push({ what: 'a delete without the grant', text: answerText(del) });
    expect(del.status).toBe(403);
    const stored = await request(app).get(GANTT).set(boss).expect(200);
    expect(stored.body.rows.map((r: { cells: { owner: string } }) => r.cells.owner)).toEqual([CANARY.owner, CANARY.owner]);
  });

  it('finds no canary in any answer the masked roles received', () => {
    expect(seen.length).toBeGreaterThan(50);
    const leaks = seen.flatMap((s) => FORBIDDEN.filter((f) => s.text.includes(f)).map((f) => `${s.what}: ${f}`));
    expect(leaks).toEqual([]);
    // The age is a number: looked for as a JSON member anywhere, and as a cell of the CSV.
    const ages = seen.filter((s) => /"age":\s*27\b/.test(s.text) || (s.what === 'users.csv' && /(^|,)27(,|\r\n)/m.test(s.text))).map((s) => s.what);
    expect(ages).toEqual([]);
  });

  it('finds no canary in the service\'s log', () => {
    const log = lines.join('');
    // One line per request at least (pino may hand several lines to the stream at once).
    // A line per request (about 55 of them), so the search below searched something.
    expect(log.split('\n').filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThanOrEqual(45);
    expect(FORBIDDEN.filter((f) => log.includes(f))).toEqual([]);
    expect(log).not.toMatch(/"age":\s*27\b/);
  });
});

describe.each(databaseFactories)('a core field in a cell outside its sheet kind\'s columns, on $name', (factory) => {
  let service: Service;
  beforeAll(async () => {
    service = await serviceOn(factory);
  });
  afterAll(() => service.close());

  it('leaves the service masked for the masked role, like the same field of a user', async () => {
    const ws = 'extra-cells';
    const boss = await service.asUser(BOSS);
    await service.push(boss, ws, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: STANDARD_MATRIX }, { ifMatch: null }).expect(200);
    await service
      .push(boss, ws, 'access.xlsx', '数据分类', { kind: 'classification', rows: rows({ field: '手机号', class: '核心', masking: 'HMAC' }, { field: '地址', class: '核心', masking: '只保留省份' }) }, { ifMatch: null })
      .expect(200);
    // The push API takes any identifier as a field name: a metric row may carry phone and address cells.
    const cells = { period: '2024-03', department: '华东运营部', metric: '访客数', value: 1, phone: CANARY.phone, address: CANARY.address };
    const pushed = await service.push(boss, ws, 'm.xlsx', 'M', { kind: 'metrics', rows: rows(cells) }, { ifMatch: null });
    if (pushed.status !== 200) {
      // Refusing such cells at the edge would be as good as masking them.
      expect([pushed.status, pushed.body.code]).toEqual([400, 'validation']);
      return;
    }
    const ana = await service.asUser(MASKED);
    const res = await service.pull(ana, ws, 'm.xlsx', 'M').expect(200);
    const text = JSON.stringify(res.body);
    expect(FORBIDDEN.filter((f) => text.includes(f))).toEqual([]);
  });
});
