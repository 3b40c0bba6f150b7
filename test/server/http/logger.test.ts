import request from 'supertest';
import { z } from 'zod';
import { defineRoute } from '../../../server/http/route';
import { capturingLogger, devTokens, testApp } from '../../fixtures/http-harness';

describe('logging', () => {
  it('one line per request, with no Authorization header, token, cookie, query or body in any line', async () => {
    const dev = await devTokens();
    const token = await dev.sign({ email: 'ann@example.com', department: 'Sales' });
    const { logger, lines } = capturingLogger('debug');
    const echo = defineRoute({
      method: 'post',
      path: '/api/test/echo',
      operation: 'authenticated',
      summary: 'logs carelessly',
      body: z.object({ phone: z.string() }),
      responses: { 200: { description: 'ok' } },
      handler: async ({ req, body, log }) => {
        // What a careless handler might log: redaction must still hold.
        log.info({ headers: req.headers, body }, 'careless');
        log.info({ req: { headers: req.headers, body } }, 'careless nested');
        log.info({ authorization: req.headers.authorization, token: 'tok-123', assertion: 'x' }, 'careless fields');
        return { json: { ok: true } };
      },
    });
    const { app } = testApp({ identity: dev.verifier, routes: [echo], logger });
    const res = await request(app)
      .post('/api/test/echo?access_token=query-secret')
      .set('Authorization', `Bearer ${token}`)
      .set('Cookie', 'session=cookie-secret')
      .set('Idempotency-Key', 'idem-secret')
      .send({ phone: '13800138000' });
    expect(res.status).toBe(200);
    const bad = await request(app).get('/api/v1/missing').set('Authorization', 'Bearer not.a-valid.token-secret');
    expect(bad.status).toBe(404);

    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const signature = token.split('.')[2]!;
    for (const secret of [token, signature, 'Bearer', 'cookie-secret', 'idem-secret', 'query-secret', '13800138000', 'tok-123', 'token-secret']) {
      expect(all).not.toContain(secret);
    }
    const requestLines = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
    expect(requestLines).toHaveLength(2);
    expect(requestLines[0]).toMatchObject({ method: 'POST', path: '/api/test/echo', status: 200, tenantId: 'dev-tenant' });
    expect(requestLines[0]!.requestId).toBe(res.headers['x-request-id']);
    expect(requestLines[1]).toMatchObject({ status: 404, authFailure: 'malformed' });
  });
});
