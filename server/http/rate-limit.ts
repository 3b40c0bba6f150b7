import type { Request, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { apiError } from './api-error';
import { stateOf } from './request-state';
import { estimate, fits, waitMs, windowPosition, type WindowCounts, type WindowPosition } from './sliding-window';

/**
 * Sliding-window rate limits (sliding-window.ts) per user (tenant + user id), or per client IP
 * when the request is not authenticated. In memory by default (one instance); in Redis when
 * REDIS_URL is set, so that several instances share one count. Answers carry the IETF draft's
 * RateLimit-Policy and RateLimit fields (docs/rate-limits.md).
 */

export interface RateLimitVerdict {
  readonly allowed: boolean;
  readonly limit: number;
  /** Requests left now (after this one, when it was allowed). */
  readonly remaining: number;
  /**
   * Milliseconds until more requests are allowed: when refused, until the next one would fit
   * (Retry-After); when allowed, until the current window ends and the count starts to fade.
   */
  readonly resetMs: number;
}

export interface RateLimiter {
  readonly backend: 'memory' | 'redis';
  /** The window of the limit, in milliseconds (RateLimit-Policy's w). */
  readonly windowMs: number;
  hit(key: string): Promise<RateLimitVerdict>;
  /** For /readyz: throws when the backend does not answer. */
  ping(): Promise<void>;
}

export interface RateLimitOptions {
  readonly limit: number;
  readonly windowMs: number;
  readonly clock: { now(): Date };
}

function verdict(allowed: boolean, counts: WindowCounts, position: WindowPosition, options: RateLimitOptions): RateLimitVerdict {
  const remaining = Math.max(0, Math.floor(options.limit - estimate(counts, position)));
  const resetMs = allowed && remaining > 0 ? options.windowMs - position.elapsedMs : waitMs(counts, position, options.limit, options.windowMs);
  return { allowed, limit: options.limit, remaining, resetMs };
}

interface Counter {
  index: number;
  current: number;
  previous: number;
}

export function memoryRateLimiter(options: RateLimitOptions): RateLimiter {
  const counters = new Map<string, Counter>();
  let swept = -1;
  return {
    backend: 'memory',
    windowMs: options.windowMs,
    async hit(key) {
      const position = windowPosition(options.clock.now().getTime(), options.windowMs);
      // Once per window, callers idle for two windows are forgotten: memory is bounded by the
      // callers of the last two windows.
      if (position.index !== swept) {
        swept = position.index;
        for (const [k, c] of counters) if (c.index < position.index - 1) counters.delete(k);
      }
      let counter = counters.get(key);
      if (counter === undefined) counters.set(key, (counter = { index: position.index, current: 0, previous: 0 }));
      if (counter.index !== position.index) {
        counter.previous = counter.index === position.index - 1 ? counter.current : 0;
        counter.current = 0;
        counter.index = position.index;
      }
      const allowed = fits(counter, position, options.limit);
      if (allowed) counter.current++;
      return verdict(allowed, counter, position, options);
    },
    async ping() {},
  };
}

export interface RedisRateLimitOptions extends RateLimitOptions {
  readonly redis: Redis;
  /** Namespace of the keys (tests use a unique one each). */
  readonly prefix: string;
  readonly logger: Logger;
  /** How long a count may take before the request goes through uncounted. */
  readonly timeoutMs?: number;
}

class RedisTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeout(`no answer from Redis within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One Lua script per request, so the check and the count are one atomic step across every
 * instance sharing the Redis: it reads the previous and current windows' counts, and counts the
 * request in the current window (with an expiry covering the next window too, when it still
 * weighs) only when it fits. Window keys carry their window number: nothing is ever reset.
 *
 * FAIL OPEN: when Redis is down or slow, the request is allowed, uncounted, and a warning is
 * logged (at most every 30 s). Rate limiting protects the service; it must not be the thing
 * that takes it down. /readyz still reports Redis as failing, so operators see it.
 */
const SLIDING_WINDOW_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
if previous * tonumber(ARGV[2]) + current + 1 <= tonumber(ARGV[1]) then
  current = redis.call('INCR', KEYS[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {1, current, previous}
end
return {0, current, previous}
`;

export function redisRateLimiter(options: RedisRateLimitOptions): RateLimiter {
  const timeoutMs = options.timeoutMs ?? 250;
  let lastWarning = -Infinity;
  const warn = (e: unknown): void => {
    const now = options.clock.now().getTime();
    if (now - lastWarning < 30_000) return;
    lastWarning = now;
    options.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'rate limiter: Redis unavailable, requests are not being limited (failing open)');
  };
  return {
    backend: 'redis',
    windowMs: options.windowMs,
    async hit(key) {
      const position = windowPosition(options.clock.now().getTime(), options.windowMs);
      const currentKey = `${options.prefix}:${position.index}:${key}`;
      const previousKey = `${options.prefix}:${position.index - 1}:${key}`;
      // Alive through the next window, where it is the fading previous one, and a second more.
      const ttlMs = 2 * options.windowMs - position.elapsedMs + 1000;
      try {
        const reply = await withTimeout(
          options.redis.eval(SLIDING_WINDOW_SCRIPT, 2, currentKey, previousKey, String(options.limit), String(position.previousWeight), String(Math.ceil(ttlMs))),
          timeoutMs,
        );
        if (!Array.isArray(reply) || reply.length !== 3 || !reply.every((n) => typeof n === 'number')) throw new Error('unexpected script reply');
        const [allowed, current, previous] = reply as [number, number, number];
        return verdict(allowed === 1, { current, previous }, position, options);
      } catch (e) {
        warn(e);
        return verdict(true, { current: 0, previous: 0 }, position, options);
      }
    },
    async ping() {
      await withTimeout(options.redis.ping(), 1000);
    },
  };
}

/** Who a request counts against: the user when authenticated, else the client address. */
export function rateLimitKey(req: Request): string {
  const auth = stateOf(req).authentication;
  if (auth.kind === 'authenticated') return `user:${auth.principal.tenantId}:${auth.principal.userId}`;
  return `ip:${req.ip ?? 'unknown'}`;
}

/**
 * The middleware. Every counted answer carries the IETF draft's fields (draft-ietf-httpapi-
 * ratelimit-headers): RateLimit-Policy: "per-user";q=600;w=60 (the quota and its window in
 * seconds; "per-ip" for anonymous callers) and RateLimit: "per-user";r=12;t=31 (requests
 * remaining, seconds until more are allowed); the earlier draft's RateLimit-Limit, -Remaining
 * and -Reset too, for clients written against it. Beyond the limit: 429 problem+json with
 * Retry-After.
 */
export function rateLimit(limiter: RateLimiter, skip: (req: Request) => boolean): RequestHandler {
  const windowSeconds = Math.max(1, Math.round(limiter.windowMs / 1000));
  return async (req, res, next) => {
    if (skip(req)) return next();
    const key = rateLimitKey(req);
    const policy = key.startsWith('user:') ? 'per-user' : 'per-ip';
    const v = await limiter.hit(key);
    const resetSeconds = Math.max(1, Math.ceil(v.resetMs / 1000));
    res.setHeader('RateLimit-Policy', `"${policy}";q=${v.limit};w=${windowSeconds}`);
    res.setHeader('RateLimit', `"${policy}";r=${v.remaining};t=${resetSeconds}`);
    res.setHeader('RateLimit-Limit', String(v.limit));
    res.setHeader('RateLimit-Remaining', String(v.remaining));
    res.setHeader('RateLimit-Reset', String(resetSeconds));
    if (v.allowed) return next();
    throw apiError(
      'rate-limited',
      `The limit of ${v.limit} requests per ${windowSeconds} s is reached; retry in ${resetSeconds} s.`,
      { retryAfter: resetSeconds },
      { headers: { 'Retry-After': String(resetSeconds) } },
    );
  };
}
