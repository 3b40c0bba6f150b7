import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { z } from 'zod';
import { ProblemSchema } from '../../../shared/api/problem';
import { ApiError, apiError } from '../../../server/http/api-error';
import { memoryRateLimiter } from '../../../server/http/rate-limit';
import { defineRoute } from '../../../server/http/route';
import { capturingLogger, devTokens, fixedClock, testApp, testConfig } from '../../fixtures/http-harness';

const SECRET_MESSAGE = 'db password is hunter2 at /srv/secret/path.ts';

const routes = [
  defineRoute({
    method: 'post',
    path: '/api/test/items',
    operation: 'public',
    summary: 'validated body',
    body: z.object({ name: z.string().min(1), count: z.number().int() }).strict(),
    responses: { 201: { description: 'created' } },
    handler: async ({ body }) => ({ status: 201, json: { name: body.name, count: body.count } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/test/query',
    operation: 'public',
    summary: 'validated query',
    query: z.object({ limit: z.coerce.number().int().min(1).max(100) }),
    responses: { 200: { description: 'ok' } },
    handler: async ({ query }) => ({ json: { limit: query.limit } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/test/async-bug',
    operation: 'public',
    summary: 'throws after an await',
    responses: { 200: { description: 'never' } },
    handler: async () => {
      await new Promise((r) => setTimeout(r, 1));
      throw new Error(SECRET_MESSAGE);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/test/rejects',
    operation: 'public',
    summary: 'returns a rejected promise',
    responses: { 200: { description: 'never' } },
    handler: () => Promise.reject(new TypeError(SECRET_MESSAGE)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/test/conflict',
    operation: 'public',
    summary: 'an expected failure',
    responses: { 409: { description: 'conflict' } },
    handler: async () => {
      throw apiError('conflict', 'The sheet changed since revision 3.', { current: 4 });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/test/private',
    operation: 'authenticated',
    summary: 'needs a user',
    responses: { 200: { description: 'ok' } },
    handler: async () => ({ json: {} }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/test/workspaces/:workspace',
    operation: 'view',
    summary: 'needs view',
    responses: { 200: { description: 'ok' } },
    handler: async () => ({ json: {} }),
  }),
];

async function setup(limit = 1000) {
  const dev = await devTokens();
  const { logger, lines } = capturingLogger();
  const { app } = testApp({
    identity: dev.verifier,
    routes,
    logger,
    config: testConfig({ SYNC_BODY_LIMIT: '2kb' }),
    rateLimiter: memoryRateLimiter({ limit, windowMs: 60_000, clock: fixedClock }),
  });
  return { app, dev, lines };
}

/** The shape every error answer has: problem+json, the request id, no stack, no internals. */
function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json; charset=utf-8$/);
  const problem = ProblemSchema.parse(res.body);
  expect(problem).toMatchObject({ status, code, type: `urn:ops-scorecard:problem:${code}` });
  expect(problem.requestId).toBe(res.headers['x-request-id']);
  expect(problem.instance).toContain(problem.requestId);
  expect(res.text).not.toMatch(/\bat .+\.(?:ts|js):\d+/);
  expect(res.text).not.toMatch(/stack/i);
  expect(res.text).not.toContain('hunter2');
  expect(res.text).not.toContain('node_modules');
  return problem;
}

describe('errors are application/problem+json', () => {
  it('400: the body fails its schema, every issue listed as {in, path, code, message}', async () => {
    const { app } = await setup();
    const res = await request(app).post('/api/test/items').send({ name: '', count: 1.5, extra: '<script>' });
    const p = expectProblem(res, 400, 'validation');
    expect(p.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'body', path: '/name', code: 'too_small' }),
        expect.objectContaining({ in: 'body', path: '/count', code: 'invalid_type' }),
        expect.objectContaining({ in: 'body', path: '', code: 'unrecognized_keys' }),
      ]),
    );
    expect(res.text).not.toContain('<script>');
  });

  it('400: the query fails its schema; the parsed value reaches the handler', async () => {
    const { app } = await setup();
    expectProblem(await request(app).get('/api/test/query?limit=0'), 400, 'validation');
    expect((await request(app).get('/api/test/query?limit=7')).body).toEqual({ limit: 7 });
  });

  it('400: invalid JSON, without echoing it', async () => {
    const { app } = await setup();
    const res = await request(app).post('/api/test/items').set('content-type', 'application/json').send('{"name": hunter2');
    expectProblem(res, 400, 'invalid-json');
  });

  it('400: a JSON scalar is valid JSON, refused by the route schema', async () => {
    const { app } = await setup();
    const res = await request(app).post('/api/test/items').set('content-type', 'application/json').send('"just a string"');
    const problem = expectProblem(res, 400, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ in: 'body', path: '' })]);
  });

  it('reads JSON as express.json did: a byte-order mark, gzip, an empty body, charset utf-8', async () => {
    const { app } = await setup();
    // Bytes as they are: superagent would serialise a Buffer under a JSON content type.
    const post = () => request(app).post('/api/test/items').serialize((bytes: unknown) => bytes as string);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"名字","count":2}')]);
    expect((await post().set('content-type', 'application/json').send(bom)).body).toEqual({ name: '名字', count: 2 });
    const zipped = gzipSync(Buffer.from('{"name":"z","count":3}'));
    expect((await post().set('content-type', 'application/json; charset=UTF-8').set('content-encoding', 'gzip').send(zipped)).body).toEqual({ name: 'z', count: 3 });
    // Empty: {} reaches the schema, which names what is missing.
    const empty = expectProblem(await post().set('content-type', 'application/json').send(''), 400, 'validation');
    expect(empty.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['/name', '/count']));
  });

  it('415: JSON in a charset other than UTF-8; 400: bytes that are not JSON at all', async () => {
    const { app } = await setup();
    const utf16 = Buffer.from('{"name":"x","count":1}', 'utf16le');
    const post = () => request(app).post('/api/test/items').serialize((bytes: unknown) => bytes as string);
    expectProblem(await post().set('content-type', 'application/json; charset=utf-16le').send(utf16), 415, 'unsupported-media-type');
    expectProblem(await post().set('content-type', 'application/json').send(utf16), 400, 'invalid-json');
  });

  it('415: a body that is not JSON', async () => {
    const { app } = await setup();
    expectProblem(await request(app).post('/api/test/items').set('content-type', 'text/plain').send('name=x'), 415, 'unsupported-media-type');
  });

  it('413: a body over the limit (SYNC_BODY_LIMIT)', async () => {
    const { app } = await setup();
    const res = await request(app).post('/api/test/items').send({ name: 'x'.repeat(4096), count: 1 });
    const p = expectProblem(res, 413, 'payload-too-large');
    expect(p.limitBytes).toBe(2048);
    // The limit, and how to raise it.
    expect(p.detail).toContain('at most 2048 bytes');
    expect(p.detail).toContain('Raise SYNC_BODY_LIMIT');
    // In the caller's language.
    const zh = expectProblem(await request(app).post('/api/test/items').set('Accept-Language', 'zh-CN').send({ name: 'x'.repeat(4096), count: 1 }), 413, 'payload-too-large');
    expect(zh.detail).toContain('最多 2048 字节');
    expect(zh.detail).toContain('SYNC_BODY_LIMIT');
  });

  it('401: no token on a route that needs one', async () => {
    const { app } = await setup();
    const p = expectProblem(await request(app).get('/api/test/private'), 401, 'unauthenticated');
    expect(p.reason).toBe('missing');
  });

  it('403: a user without a policy for the workspace', async () => {
    const { app, dev } = await setup();
    const token = await dev.sign({ email: 'ann@example.com' });
    const p = expectProblem(await request(app).get('/api/test/workspaces/ops').set('Authorization', `Bearer ${token}`), 403, 'forbidden');
    expect(p.reason).toBe('no-policy');
  });

  it('404: an unknown route', async () => {
    const { app } = await setup();
    expectProblem(await request(app).get('/api/v1/nope?token=abc'), 404, 'not-found');
    expectProblem(await request(app).delete('/api/test/items'), 404, 'not-found');
  });

  it('409: an ApiError with extension members', async () => {
    const { app } = await setup();
    const p = expectProblem(await request(app).get('/api/test/conflict'), 409, 'conflict');
    expect(p).toMatchObject({ detail: 'The sheet changed since revision 3.', current: 4 });
  });

  it('429: over the rate limit, with Retry-After', async () => {
    const { app } = await setup(2);
    await request(app).get('/api/test/query?limit=1');
    await request(app).get('/api/test/query?limit=1');
    const res = await request(app).get('/api/test/query?limit=1');
    const p = expectProblem(res, 429, 'rate-limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(p.retryAfter).toBe(Number(res.headers['retry-after']));
  });

  it('500: a thrown error after an await (Express 5 forwards it), logged but answered generically', async () => {
    const { app, lines } = await setup();
    for (const path of ['/api/test/async-bug', '/api/test/rejects']) {
      const res = await request(app).get(path);
      const p = expectProblem(res, 500, 'internal');
      expect(p.detail).toContain(p.requestId);
      expect(res.text).not.toContain(SECRET_MESSAGE);
      const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === p.requestId && l.msg === 'unhandled error');
      expect(JSON.stringify(logged)).toContain('hunter2');
    }
  });

  it('keeps a well-formed X-Request-Id and replaces one that is not', async () => {
    const { app } = await setup();
    const kept = await request(app).get('/api/v1/nope').set('X-Request-Id', 'addin-1234.abc');
    expect(kept.headers['x-request-id']).toBe('addin-1234.abc');
    expect(kept.body.requestId).toBe('addin-1234.abc');
    const replaced = await request(app).get('/api/v1/nope').set('X-Request-Id', 'bad id <script>' + 'x'.repeat(200));
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced.text).not.toContain('<script>');
  });

  it('an ApiError whose status contradicts its code is a bug', () => {
    expect(() => new ApiError(400, 'not-found')).toThrow(RangeError);
    expect(() => apiError('conflict', 'x', { status: 200 })).toThrow(RangeError);
  });
});
