import request from 'supertest';
import { z } from 'zod';
import { HealthSchema, ReadySchema } from '../../../shared/api/health';
import { memoryRateLimiter } from '../../../server/http/rate-limit';
import { defineRoute } from '../../../server/http/route';
import { FakeStore } from '../../fixtures/fake-store';
import { devTokens, fixedClock, testApp } from '../../fixtures/http-harness';

const sheets = defineRoute({
  method: 'put',
  path: '/api/v1/workspaces/:workspace/sheets/:sheet',
  operation: 'modify',
  summary: 'Push a sheet.',
  tags: ['sync'],
  params: z.object({ workspace: z.string(), sheet: z.string().max(31) }),
  query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
  body: z.object({ rows: z.array(z.object({ key: z.string() })) }),
  responses: { 200: { description: 'Pushed.', schema: z.object({ revision: z.number().int() }) } },
  handler: async () => ({ json: { revision: 1 } }),
});

describe('/api/openapi.json and /api/docs', () => {
  it('describes every route from its definition: parameters, body, problems, operation, security', async () => {
    const { app } = testApp({ identity: (await devTokens()).verifier, routes: [sheets] });
    const res = await request(app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/api/openapi.json', '/api/docs', '/api/v1/workspaces/{workspace}/sheets/{sheet}']));
    const put = doc.paths['/api/v1/workspaces/{workspace}/sheets/{sheet}'].put;
    expect(put['x-operation']).toBe('modify');
    expect(put.security).toEqual([{ bearerAuth: [] }]);
    expect(put.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:workspace', 'path:sheet', 'query:dryRun']);
    expect(put.requestBody.content['application/json'].schema).toMatchObject({ type: 'object', required: ['rows'] });
    expect(put.responses['200'].content['application/json'].schema).toMatchObject({ properties: { revision: { type: 'integer' } } });
    for (const status of ['400', '401', '403', '413', '415', '429', '500']) {
      expect(put.responses[status].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    }
    expect(doc.paths['/healthz'].get.security).toEqual([]);
    expect(doc.paths['/healthz'].get['x-operation']).toBe('public');
    expect(doc.components.schemas.Problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'code', 'detail', 'instance', 'requestId']));
  });

  it('serves a docs page with no script at all and no external resource', async () => {
    const { app } = testApp({ identity: (await devTokens()).verifier, routes: [sheets] });
    const res = await request(app).get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).not.toMatch(/<script/i);
    expect(res.text).not.toMatch(/(?:src|href)="https?:/i);
    expect(res.text).toContain('/api/v1/workspaces/:workspace/sheets/:sheet');
    expect(res.text).toContain('modify');
  });
});

describe('/healthz and /readyz', () => {
  it('healthz is 200 {status: ok}; readyz pings the store; neither is rate limited', async () => {
    const store = new FakeStore();
    const { app } = testApp({
      identity: (await devTokens()).verifier,
      store,
      rateLimiter: memoryRateLimiter({ limit: 1, windowMs: 60_000, clock: fixedClock }),
    });
    for (let i = 0; i < 3; i++) {
      const health = await request(app).get('/healthz');
      expect(health.status).toBe(200);
      expect(HealthSchema.parse(health.body)).toEqual({ status: 'ok' });
      const ready = await request(app).get('/readyz');
      expect(ready.status).toBe(200);
      expect(ReadySchema.parse(ready.body)).toEqual({ status: 'ready', checks: { store: 'ok' }, caches: { scorecard: expect.objectContaining({ hits: 0, misses: 0 }) } });
    }
    store.pingFailure = new Error('connection refused to db.internal:5432 password=hunter2');
    const down = await request(app).get('/readyz');
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.body).toMatchObject({ code: 'not-ready', checks: { store: 'failed' } });
    expect(down.text).not.toContain('hunter2');
    expect(down.text).not.toContain('db.internal');
  });
});
