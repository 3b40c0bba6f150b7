import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { memoryRateLimiter, redisRateLimiter, type RateLimiter } from '../../../server/http/rate-limit';
import { waitMs, windowPosition } from '../../../server/http/sliding-window';
import { defineRoute } from '../../../server/http/route';
import { capturingLogger, devTokens, fixedClock, silentLogger, testApp } from '../../fixtures/http-harness';

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
    // t: the window's end while requests remain; once none does, when the next one fits (this
    // window's count fades through the next one: a 1/limit of it must be gone).
    const t = i < limit - 1 ? 60 : Math.ceil(60 + 60 / limit);
    expect(res.headers['ratelimit']).toBe(`"per-user";r=${limit - i - 1};t=${t}`);
    expect(res.headers['ratelimit-policy']).toBe(`"per-user";q=${limit};w=60`);
  }
  const over = await request(app).get('/api/test/ping').set('Authorization', ann);
  expect(over.status).toBe(429);
  expect(over.body.code).toBe('rate-limited');
  expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  // Until the window after this one, where a 1/limit of this window's count has faded.
  expect(Number(over.headers['retry-after'])).toBe(Math.ceil(60 + 60 / limit));
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
  it('limits per user, per IP when anonymous', async () => {
    await expectPerUserLimits(memoryRateLimiter({ limit: 3, windowMs: 60_000, clock: fixedClock }), 3);
  });

  it('refuses across a minute boundary: no 2× burst, with RateLimit fields and Retry-After', async () => {
    await expectNoBoundaryBurst((clock) => memoryRateLimiter({ limit: 10, windowMs: 60_000, clock }));
  });
});

/**
 * A caller spends the whole budget in the last second of a clock minute; in the first seconds
 * of the next the sliding window still counts those requests (a fixed window let through as
 * many again), tells them when to retry, and lets them through once the old ones have faded.
 */
async function expectNoBoundaryBurst(make: (clock: { now(): Date }) => RateLimiter): Promise<void> {
  let now = new Date('2026-03-02T09:30:59.000Z');
  const clock = { now: () => now };
  const limiter = make(clock);
  const dev = await devTokens();
  const ann = `Bearer ${await dev.sign({ email: 'ann@example.com' })}`;
  const { app } = testApp({ identity: dev.verifier, routes: [ping], rateLimiter: limiter, clock });
  const get = () => request(app).get('/api/test/ping').set('Authorization', ann);

  for (let i = 0; i < 10; i++) expect((await get()).status).toBe(200);
  now = new Date('2026-03-02T09:31:00.500Z');
  const refused = await get();
  expect(refused.status).toBe(429);
  expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(refused.body.code).toBe('rate-limited');
  expect(refused.headers['ratelimit-policy']).toBe('"per-user";q=10;w=60');
  expect(refused.headers['ratelimit']).toMatch(/^"per-user";r=0;t=\d+$/);
  // The earliest a request fits: once a tenth of the old minute's 10 has faded (6 s into it).
  const retryAfter = Number(refused.headers['retry-after']);
  expect(retryAfter).toBe(6);
  expect(refused.headers['ratelimit']).toBe(`"per-user";r=0;t=${retryAfter}`);
  // Still refused just before, allowed once Retry-After has passed; and only one, not ten.
  now = new Date(Date.parse('2026-03-02T09:31:00.500Z') + (retryAfter - 1) * 1000);
  expect((await get()).status).toBe(429);
  now = new Date(Date.parse('2026-03-02T09:31:00.500Z') + retryAfter * 1000);
  const allowed = await get();
  expect(allowed.status).toBe(200);
  expect(allowed.headers['ratelimit']).toMatch(/^"per-user";r=0;t=\d+$/);
  expect((await get()).status).toBe(429);
  // Over the whole minute after the burst, about the limit again, never twice it.
  let passed = 1;
  for (let s = 7; s < 60; s++) {
    now = new Date(Date.parse('2026-03-02T09:31:00.000Z') + s * 1000);
    if ((await get()).status === 200) passed++;
  }
  expect(passed).toBeLessThanOrEqual(10);
  expect(passed).toBeGreaterThanOrEqual(8);
  // Anonymous callers are counted per IP, under their own policy name.
  const anonymous = await request(app).get('/api/test/ping');
  expect(anonymous.headers['ratelimit-policy']).toBe('"per-ip";q=10;w=60');
}

describe('rate limit window arithmetic', () => {
  it('waits as long as the fading window says, and never less than a millisecond', () => {
    const at = (ms: number) => windowPosition(ms, 60_000);
    expect(waitMs({ previous: 0, current: 0 }, at(0), 1, 60_000)).toBe(0);
    // The whole budget used in this window: next window, then the window after for a limit of 1.
    expect(waitMs({ previous: 0, current: 1 }, at(30_000), 1, 60_000)).toBe(90_000);
    expect(waitMs({ previous: 0, current: 10 }, at(30_000), 10, 60_000)).toBe(36_000);
    // The previous window full, nothing yet in this one: a tenth must fade.
    expect(waitMs({ previous: 10, current: 0 }, at(0), 10, 60_000)).toBe(6_000);
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
      // The window now and the next, where it still weighs, and a second.
      expect(ttl).toBeLessThanOrEqual(121_000);
    }
  });

  it('refuses across a minute boundary in Redis too: no 2× burst', async () => {
    const p = prefix();
    await expectNoBoundaryBurst((clock) => redisRateLimiter({ redis, prefix: p, limit: 10, windowMs: 60_000, clock, logger: silentLogger() }));
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
