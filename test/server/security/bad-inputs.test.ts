import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT, type JWTPayload } from 'jose';
import request from 'supertest';
import { PROBLEM_CONTENT_TYPE } from '../../../shared/api/problem';
import { createApp } from '../../../server/app';
import { memoryRateLimiter } from '../../../server/http/rate-limit';
import type { Store } from '../../../server/store/store-types';
import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import { makeBillionLaughs, makeEncrypted, makeNotZip, makeTruncated, makeZipBombLying, writeBaseWorkbook } from '../../fixtures/hostile/make-hostile';
import { matrix, rows, sheetPath, type Cells, type Headers } from '../../fixtures/service';
import { OTHER_TENANT, TENANT, entraClaims, entraKeys, entraVerifier, fixedClock, nowSeconds, signEntra, silentLogger, testConfig, type EntraKeys } from '../../fixtures/http-harness';
import { apiSnapshot, rawSnapshots, XLSX_TYPE } from './helpers';

/**
 * Bad input gets a clear 4xx `application/problem+json` with a stable code, and changes nothing:
 * every case below is sent to a service on a real store that already holds data, and the store
 * is compared, before and after, twice — through its API (every sheet pulled, the policy, every
 * user) and row by row in every table (no revision, no Idempotency-Key, no workspace or tenant
 * made on the way to a refusal). The service runs with Entra ID sign-in (local keys), so the
 * token cases are the production verifier's, and with small limits (256 kB bodies, 1000 rows)
 * so that "too big" stays cheap to send.
 */

const WS = 'ops';
const ANN = 'ann@contoso.com';
const KPI = sheetPath(WS, 'kpi.xlsx', 'KPI');
const SEEDED_KEY = 'seeded-push-key';
const BODY_LIMIT = 256 * 1024;
const MAX_ROWS = 1000;

interface Ctx {
  readonly app: ReturnType<typeof createApp>;
  readonly ann: Headers;
  readonly keys: EntraKeys;
  readonly otherKeys: EntraKeys;
  readonly hostile: Readonly<Record<string, Buffer>>;
}

interface BadInput {
  readonly name: string;
  send(ctx: Ctx): PromiseLike<request.Response>;
  readonly status: number;
  readonly code: string;
  /** The problem's `reason`, when the code alone does not say which refusal it was. */
  readonly reason?: string;
}

const kpi = (name: string, extra: Cells = {}): Cells => ({ name, target: '≥1', weight: 0.5, perspective: '客户', ...extra });
const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

/** A push of the KPI sheet from its current revision (2), with a fresh key: valid unless the case spoils it. */
function push(ctx: Ctx, body: object | string, headers: Headers = {}): request.Test {
  return request(ctx.app)
    .put(KPI)
    .set(ctx.ann)
    .set('If-Match', '"2"')
    .set('Idempotency-Key', `bad-${Math.random().toString(36).slice(2)}`)
    .set('Content-Type', 'application/json')
    .set(headers)
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}
const delta = (...cells: unknown[]) => ({ kind: 'kpi', mode: 'delta', rows: cells.map((c) => ({ cells: c })) });
/** A JSON text with what JSON.stringify would never write (or would drop). */
const rawDelta = (cellsJson: string) => `{"kind":"kpi","mode":"delta","rows":[{"cells":${cellsJson}}]}`;

/** A valid push carrying this Authorization instead of Ann's. */
function pushAs(ctx: Ctx, authorization: string | null): request.Test {
  const req = request(ctx.app).put(KPI).set('If-Match', '"2"').set('Idempotency-Key', `tok-${Math.random()}`);
  if (authorization !== null) req.set('Authorization', authorization);
  return req.send(delta({ name: 'ROI', target: '≥9' }));
}
const bearer = async (keys: EntraKeys, claims: JWTPayload): Promise<string> => `Bearer ${await signEntra(keys, claims)}`;

function sync(ctx: Ctx, body: object | string): request.Test {
  return request(ctx.app)
    .post('/api/v1/user/sync')
    .query({ workspace: WS })
    .set(ctx.ann)
    .set('Content-Type', 'application/json')
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}
const users = (...list: Record<string, unknown>[]) => ({ user_ids: list.map((u) => u['user_id']), data_source: 'CRM', timestamp: '2024-03-01T08:00:00Z', users: list });
const user = (id: string, extra: Record<string, unknown> = {}) => ({ user_id: id, phone: '13800000009', registered_at: '2024-03-01', ...extra });
const rawUser = (extraJson: string) =>
  `{"user_ids":["9"],"data_source":"CRM","timestamp":"2024-03-01T08:00:00Z","users":[{"user_id":"9","phone":"13800000009","registered_at":"2024-03-01",${extraJson}}]}`;

function upload(ctx: Ctx, file: string): request.Test {
  return request(ctx.app)
    .post(`/api/v1/workspaces/${WS}/uploads`)
    .query({ store: 'true' })
    .set(ctx.ann)
    .set('Content-Type', XLSX_TYPE)
    .set('Idempotency-Key', `upload-${file}`)
    .send(ctx.hostile[file]!);
}

const CASES: readonly BadInput[] = [
  // Size.
  { name: 'a body above SYNC_BODY_LIMIT', send: (c) => push(c, delta(kpi('A', { formula: 'x'.repeat(BODY_LIMIT) }))), status: 413, code: 'payload-too-large' },
  {
    name: 'more rows than SYNC_MAX_ROWS',
    send: (c) => push(c, delta(...Array.from({ length: MAX_ROWS + 1 }, (_, i) => ({ name: `K${i}` })))),
    status: 413,
    code: 'payload-too-large',
  },
  { name: 'a text longer than Excel keeps in a cell', send: (c) => push(c, delta(kpi('A', { formula: 'x'.repeat(32_768) }))), status: 400, code: 'validation' },
  // Shapes.
  { name: 'an object in a cell', send: (c) => push(c, delta({ name: 'ROI', target: { $gt: 1 } })), status: 400, code: 'validation' },
  { name: 'an array in a cell', send: (c) => push(c, delta({ name: 'ROI', target: ['≥4'] })), status: 400, code: 'validation' },
  { name: '"__proto__" as a field name', send: (c) => push(c, rawDelta('{"name":"ROI","__proto__":{"polluted":true}}')), status: 400, code: 'validation' },
  { name: '"constructor" as a field name', send: (c) => push(c, delta({ name: 'ROI', constructor: 'x' })), status: 400, code: 'validation' },
  { name: '"__proto__" as a member of the body', send: (c) => push(c, '{"kind":"kpi","mode":"delta","rows":[],"__proto__":{"isAdmin":true}}'), status: 400, code: 'validation' },
  { name: 'NaN (not JSON)', send: (c) => push(c, rawDelta('{"name":"ROI","weight":NaN}')), status: 400, code: 'invalid-json' },
  { name: '1e999 (Infinity once parsed)', send: (c) => push(c, rawDelta('{"name":"ROI","weight":1e999}')), status: 400, code: 'validation' },
  { name: 'a lone surrogate in a cell', send: (c) => push(c, rawDelta('{"name":"ROI","owner":"a\\ud800b"}')), status: 400, code: 'validation' },
  { name: 'a NUL character in a cell', send: (c) => push(c, delta({ name: 'ROI', owner: 'a\u0000b' })), status: 400, code: 'validation' },
  { name: 'a body that is not JSON', send: (c) => push(c, '{"kind":"kpi",'), status: 400, code: 'invalid-json' },
  { name: 'a body sent as text/plain', send: (c) => push(c, JSON.stringify(delta(kpi('A'))), { 'Content-Type': 'text/plain' }), status: 415, code: 'unsupported-media-type' },
  { name: 'an unknown sheet kind', send: (c) => push(c, { kind: 'macro', mode: 'delta', rows: [] }), status: 400, code: 'validation' },
  { name: 'two rows with one natural key', send: (c) => push(c, delta(kpi('ROI'), kpi(' roi '))), status: 400, code: 'validation', reason: 'row-keys' },
  { name: 'a row without its key field', send: (c) => push(c, delta({ target: '≥1' })), status: 400, code: 'validation', reason: 'row-keys' },
  // Headers and revisions.
  { name: 'no Idempotency-Key', send: (c) => request(c.app).put(KPI).set(c.ann).set('If-Match', '"2"').send(delta(kpi('A'))), status: 400, code: 'validation' },
  { name: 'an Idempotency-Key with a space', send: (c) => push(c, delta(kpi('A')), { 'Idempotency-Key': 'a b' }), status: 400, code: 'validation' },
  { name: 'neither If-Match nor If-None-Match', send: (c) => request(c.app).put(KPI).set(c.ann).set('Idempotency-Key', 'no-base').send(delta(kpi('A'))), status: 428, code: 'precondition-required' },
  { name: 'If-Match of a revision the sheet never had', send: (c) => push(c, delta(kpi('A')), { 'If-Match': '"99"' }), status: 412, code: 'precondition-failed', reason: 'unknown-revision' },
  {
    name: 'If-None-Match: * on a sheet that exists',
    send: (c) => request(c.app).put(KPI).set(c.ann).set('If-None-Match', '*').set('Idempotency-Key', 'create-again').send(delta(kpi('A'))),
    status: 412,
    code: 'precondition-failed',
    reason: 'exists',
  },
  { name: 'an Idempotency-Key reused with another body', send: (c) => push(c, delta(kpi('Z')), { 'Idempotency-Key': SEEDED_KEY, 'If-Match': '"1"' }), status: 422, code: 'idempotency-key-reused' },
  { name: 'another kind over an existing sheet', send: (c) => push(c, { kind: 'metrics', mode: 'delta', rows: rows({ period: '2024-03', department: 'x', metric: 'y', value: 1 }) }), status: 409, code: 'conflict', reason: 'kind-mismatch' },
  {
    name: 'a matrix that locks its administrator out',
    send: (c) =>
      request(c.app)
        .put(sheetPath(WS, 'access.xlsx', '权限矩阵'))
        .set(c.ann)
        .set('If-Match', '"1"')
        .set('Idempotency-Key', 'lockout')
        .send({ kind: 'permissions', mode: 'full', rows: matrix(['访客', '全局数据', '查看', ANN]) }),
    status: 409,
    code: 'conflict',
    reason: 'admin-lockout',
  },
  // Names in the path.
  { name: 'a control character in a sheet name', send: (c) => request(c.app).put(sheetPath(WS, 'kpi.xlsx', 'K\u0001')).set(c.ann).set('If-None-Match', '*').set('Idempotency-Key', 'ctl').send(delta(kpi('A'))), status: 400, code: 'validation' },
  { name: 'a workspace name that climbs out ("../x")', send: (c) => request(c.app).put(sheetPath('../x', 'kpi.xlsx', 'KPI')).set(c.ann).set('If-None-Match', '*').set('Idempotency-Key', 'dots').send(delta(kpi('A'))), status: 400, code: 'validation' },
  // Tokens, on a push that would otherwise be applied.
  { name: 'a token with alg none', send: (c) => pushAs(c, `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(entraClaims())}.`), status: 401, code: 'unauthenticated', reason: 'algorithm' },
  {
    name: 'a token signed HS256 with the public key as the secret',
    send: async (c) => pushAs(c, `Bearer ${await new SignJWT(entraClaims()).setProtectedHeader({ alg: 'HS256', kid: c.keys.kid }).sign(new TextEncoder().encode(c.keys.publicPem))}`),
    status: 401,
    code: 'unauthenticated',
    reason: 'algorithm',
  },
  { name: 'a token for another audience', send: async (c) => pushAs(c, await bearer(c.keys, entraClaims({ aud: 'ffffffff-0000-0000-0000-000000000000' }))), status: 401, code: 'unauthenticated', reason: 'audience' },
  {
    name: 'a token of a foreign tenant',
    send: async (c) => pushAs(c, await bearer(c.keys, entraClaims({ tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }))),
    status: 401,
    code: 'unauthenticated',
    reason: 'tenant',
  },
  { name: 'an expired token', send: async (c) => pushAs(c, await bearer(c.keys, entraClaims({ iat: nowSeconds - 7200, nbf: nowSeconds - 7200, exp: nowSeconds - 600 }))), status: 401, code: 'unauthenticated', reason: 'expired' },
  { name: 'a token signed with an unknown key', send: async (c) => pushAs(c, `Bearer ${await signEntra(c.otherKeys)}`), status: 401, code: 'unauthenticated', reason: 'unknown-key' },
  { name: 'a token signed by another key under our kid', send: async (c) => pushAs(c, `Bearer ${await signEntra({ ...c.otherKeys, kid: c.keys.kid })}`), status: 401, code: 'unauthenticated', reason: 'signature' },
  { name: 'a token without the scope', send: async (c) => pushAs(c, await bearer(c.keys, entraClaims({ scp: 'User.Read' }))), status: 401, code: 'unauthenticated', reason: 'scope' },
  { name: 'a bearer that is not a JWT', send: (c) => pushAs(c, 'Bearer not-a-token'), status: 401, code: 'unauthenticated', reason: 'malformed' },
  { name: 'no token at all', send: (c) => pushAs(c, null), status: 401, code: 'unauthenticated', reason: 'missing' },
  // The handbook's user sync.
  { name: 'a user field holding an object', send: (c) => sync(c, users(user('9', { address: { city: '深圳' } }))), status: 400, code: 'validation' },
  { name: 'a user field named "__proto__"', send: (c) => sync(c, rawUser('"__proto__":{"admin":true}')), status: 400, code: 'validation' },
  { name: 'a user field holding a lone surrogate', send: (c) => sync(c, rawUser('"note":"a\\udc00b"')), status: 400, code: 'validation' },
  { name: 'a user field holding a NUL character', send: (c) => sync(c, users(user('9', { note: 'a\u0000b' }))), status: 400, code: 'validation' },
  { name: 'user_ids that do not list the users sent', send: (c) => sync(c, { ...users(user('9')), user_ids: ['9', '10'] }), status: 400, code: 'validation' },
  { name: 'a phone number that is none', send: (c) => sync(c, users(user('9', { phone: 'call me' }))), status: 400, code: 'validation' },
  // Hostile workbooks, uploaded to be stored.
  { name: 'a zip bomb lying about its sizes', send: (c) => upload(c, 'bomb'), status: 422, code: 'refused-workbook' },
  { name: 'a text file named .xlsx', send: (c) => upload(c, 'text'), status: 422, code: 'refused-workbook' },
  { name: 'an encrypted workbook', send: (c) => upload(c, 'encrypted'), status: 422, code: 'refused-workbook' },
  { name: 'a truncated zip', send: (c) => upload(c, 'truncated'), status: 422, code: 'refused-workbook' },
  { name: 'a billion-laughs XML part', send: (c) => upload(c, 'laughs'), status: 422, code: 'refused-workbook' },
];

let hostileDir: string;
const hostile: Record<string, Buffer> = {};
beforeAll(async () => {
  hostileDir = mkdtempSync(path.join(tmpdir(), 'bad-inputs-'));
  const base = path.join(hostileDir, 'base.xlsx');
  await writeBaseWorkbook(base);
  hostile['bomb'] = readFileSync(await makeZipBombLying(hostileDir, base));
  hostile['text'] = readFileSync(await makeNotZip(hostileDir));
  hostile['encrypted'] = readFileSync(await makeEncrypted(hostileDir));
  hostile['truncated'] = readFileSync(await makeTruncated(hostileDir, base));
  hostile['laughs'] = readFileSync(await makeBillionLaughs(hostileDir, base));
}, 60_000);
afterAll(() => rmSync(hostileDir, { recursive: true, force: true }));

it(`has at least 20 bad inputs, each with a distinct name`, () => {
  expect(CASES.length).toBeGreaterThanOrEqual(20);
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
});

describe.each(databaseFactories)('bad inputs on $name', (factory) => {
  let database: TestDatabase;
  let store: Store;
  let ctx: Ctx;
  let raw: () => Promise<Record<string, string[]>>;

  beforeAll(async () => {
    database = await factory.create();
    store = await database.openStore();
    raw = rawSnapshots(database);
    const keys = await entraKeys('kid-1');
    const otherKeys = await entraKeys('kid-unknown');
    const config = testConfig({ BOOTSTRAP_ADMINS: ANN, SYNC_BODY_LIMIT: String(BODY_LIMIT), SYNC_MAX_ROWS: String(MAX_ROWS) });
    const app = createApp({
      config,
      store,
      clock: fixedClock,
      identity: entraVerifier({ jwks: { keys: [keys.publicJwk] } }),
      graph: null,
      logger: silentLogger(),
      rateLimiter: memoryRateLimiter({ limit: 100_000, windowMs: 60_000, clock: fixedClock }),
      pseudonymKey: new Uint8Array(32).fill(3),
    });
    const ann = { Authorization: `Bearer ${await signEntra(keys)}` };
    ctx = { app, ann, keys, otherKeys, hostile };

    // Data to keep: a policy, a KPI sheet at revision 2 (its first push under SEEDED_KEY), metric values, users.
    const put = (p: string, body: object, ifMatch: string | null, key: string) =>
      request(app)
        .put(p)
        .set(ann)
        .set(ifMatch === null ? 'If-None-Match' : 'If-Match', ifMatch ?? '*')
        .set('Idempotency-Key', key)
        .send({ mode: 'full', deletes: [], ...body });
    await put(sheetPath(WS, 'access.xlsx', '权限矩阵'), { kind: 'permissions', rows: matrix(['系统管理员', '全局数据', '查看、导出、分析、修改、删除', ANN]) }, null, 'seed-matrix').expect(200);
    await put(KPI, { kind: 'kpi', rows: rows(kpi('转化率'), kpi('ROI', { target: '≥4' })) }, null, SEEDED_KEY).expect(200);
    await put(KPI, { kind: 'kpi', mode: 'delta', rows: rows({ name: 'ROI', owner: '王五' }) }, '"1"', 'seed-owner').expect(200);
    const values = rows({ period: '2024-03', department: '华东运营部', metric: '访客数', value: 10000 });
    await put(sheetPath(WS, 'kpi.xlsx', '指标数据'), { kind: 'metrics', rows: values }, null, 'seed-metrics').expect(200);
    await sync(ctx, users(user('12345', { address: '广东省广州市', age: 28 }))).expect(200);
    expect((await store.pull({ tenantId: TENANT, workspace: WS, workbook: 'kpi.xlsx', sheet: 'KPI' }, 0))?.revision).toBe(2);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it.each(CASES)('$name → $status $code, and the store is exactly as it was', async (bad) => {
    const before = { api: await apiSnapshot(store, TENANT), raw: await raw() };
    const res = await bad.send(ctx);
    expect([res.status, res.headers['content-type']]).toEqual([bad.status, expect.stringContaining(PROBLEM_CONTENT_TYPE)]);
    const problem = typeof res.body === 'object' && res.body !== null && 'code' in res.body ? (res.body as Record<string, unknown>) : (JSON.parse(res.text) as Record<string, unknown>);
    expect(problem).toMatchObject({ status: bad.status, code: bad.code });
    if (bad.reason !== undefined) expect(problem['reason']).toBe(bad.reason);
    const after = { api: await apiSnapshot(store, TENANT), raw: await raw() };
    expect(after).toEqual(before);
    // The snapshot saw the data it guards (a snapshot of nothing would prove nothing).
    expect((before.raw['sheet_rows'] ?? []).length).toBeGreaterThan(0);
  });

  it('left the data a valid push may still change: the same push with a good token applies', async () => {
    const res = await pushAs(ctx, ctx.ann.Authorization!);
    expect([res.status, res.body.revision]).toEqual([200, 3]);
  });
});
