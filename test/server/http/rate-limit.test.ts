import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { memoryRateLimiter, redisRateLimiter, type RateLimiter } from '../../../server/http/rate-limit';
import { defineRoute } from '../../../server/http/route';
import { capturingLogger, devTokens, fixedClock, silentLogger, testApp } from './harness';

const ping = defineRoute({
  method: 'get',
  path: '/api/test/ping',
  operation: 'authenticated',
  summary: 'test',
  responses: { 200: { description: 'ok' } },
  handler: async () => ({ json: { ok: true } }),
});

/** Three users' worth of requests against one limiter: counts per user, per IP when anonymous. */
async function expectPerUserLimits(limiter: RateLimiter, limit: number): Promise<void> {
  const dev = await devTokens();
  const ann = `Bearer ${await dev.sign({ email: 'ann@example.com' })}`;
  const bob = `Bearer ${await dev.sign({ email: 'bob@example.com' })}`;
  const annElsewhere = `Bearer ${await dev.sign({ email: 'ann@example.com', tenant: 'other-tenant' })}`;
  const { app } = testApp({ identity: dev.verifier, routes: [ping], rateLimiter: limiter });

  for (let i = 0; i < limit; i++) {
    const res = await request(app).get('/api/test/ping').set('Authorization', ann);
    expect(res.status).toBe(200);
    expect(res.headers['ratelimit-remaining']).toBe(String(limit - i - 1));
  }
  const over = await request(app).get('/api/test/ping').set('Authorization', ann);
  expect(over.status).toBe(429);
  expect(over.body.code).toBe('rate-limited');
  expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
  // Another user, and the same user id in another tenant, have budgets of their own.
  expect((await request(app).get('/api/test/ping').set('Authorization', bob)).status).toBe(200);
  expect((await request(app).get('/api/test/ping').set('Authorization', annElsewhere)).status).toBe(200);
  // Anonymous callers count per IP (all of supertest's requests come from 127.0.0.1)…
  for (let i = 0; i < limit; i++) expect((await request(app).get('/api/test/ping')).status).toBe(401);
  expect((await request(app).get('/api/test/ping')).status).toBe(429);
  // …and health probes are never limited.
  expect((await request(app).get('/healthz')).status).toBe(200);
}

describe('rate limit in memory', () => {
  it('limits per user, per IP when anonymous, and resets with the window', async () => {
    await expectPerUserLimits(memoryRateLimiter({ limit: 3, windowMs: 60_000, clock: fixedClock }), 3);
  });

  it('starts a new window from zero', async () => {
    let now = new Date('2026-03-02T09:30:59.000Z');
    const limiter = memoryRateLimiter({ limit: 1, windowMs: 60_000, clock: { now: () => now } });
    expect((await limiter.hit('k')).allowed).toBe(true);
    const over = await limiter.hit('k');
    expect(over).toMatchObject({ allowed: false, remaining: 0, resetMs: 1000 });
    now = new Date('2026-03-02T09:31:00.000Z');
    expect((await limiter.hit('k')).allowed).toBe(true);
  });
});

// These run against a real Redis at 127.0.0.1:6379 and FAIL when it is not there: a skipped
// test would look like a passing one in CI.
describe('rate limit in Redis (redis://127.0.0.1:6379)', () => {
  let redis: Redis;
  const prefixes: string[] = [];
  const prefix = (): string => {
    const p = `ops-scorecard-test:rl:${randomUUID()}`;
    prefixes.push(p);
    return p;
  };

  beforeAll(async () => {
    redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
  });

  afterAll(async () => {
    for (const p of prefixes) {
      const keys = await redis.keys(`${p}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    await redis.quit();
  });

  it('limits per user across the same Redis, with INCR and an expiry set together', async () => {
    const p = prefix();
    await expectPerUserLimits(redisRateLimiter({ redis, prefix: p, limit: 3, windowMs: 60_000, clock: fixedClock, logger: silentLogger() }), 3);
    const keys = await redis.keys(`${p}:*`);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const key of keys) {
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(61_000);
    }
  });

  it('shares one count between two instances', async () => {
    const p = prefix();
    const a = redisRateLimiter({ redis, prefix: p, limit: 2, windowMs: 60_000, clock: fixedClock, logger: silentLogger() });
    const second = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    try {
      const b = redisRateLimiter({ redis: second, prefix: p, limit: 2, windowMs: 60_000, clock: fixedClock, logger: silentLogger() });
      expect((await a.hit('user:t:u')).allowed).toBe(true);
      expect((await b.hit('user:t:u')).allowed).toBe(true);
      expect((await a.hit('user:t:u')).allowed).toBe(false);
      expect((await b.hit('user:t:u')).allowed).toBe(false);
    } finally {
      await second.quit();
    }
  });

  it('fails open, with a warning, when Redis does not answer', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    dead.on('error', () => undefined);
    const { logger, lines } = capturingLogger('warn');
    try {
      const limiter = redisRateLimiter({ redis: dead, prefix: prefix(), limit: 1, windowMs: 60_000, clock: fixedClock, logger });
      for (let i = 0; i < 5; i++) expect((await limiter.hit('user:t:u')).allowed).toBe(true);
      await expect(limiter.ping()).rejects.toThrow();
      // Warned once (throttled), not once per request.
      expect(lines.filter((l) => l.includes('failing open'))).toHaveLength(1);

      const dev = await devTokens();
      const { app } = testApp({ identity: dev.verifier, routes: [ping], rateLimiter: limiter });
      const token = `Bearer ${await dev.sign({ email: 'ann@example.com' })}`;
      expect((await request(app).get('/api/test/ping').set('Authorization', token)).status).toBe(200);
      const ready = await request(app).get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ code: 'not-ready', checks: { store: 'ok', redis: 'failed' } });
    } finally {
      // An ended client needs no disconnect (ioredis would leave a timer behind).
      if (dead.status !== 'end') dead.disconnect();
    }
  });
});
