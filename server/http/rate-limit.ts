import type { Request, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { apiError } from './api-error';
import { stateOf } from './request-state';

/**
 * Fixed-window rate limits per user (tenant + user id), or per client IP when the request is
 * not authenticated. In memory by default (one instance); in Redis when REDIS_URL is set, so
 * that several instances share one count.
 */

export interface RateLimitVerdict {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Milliseconds until the window resets. */
  readonly resetMs: number;
}

export interface RateLimiter {
  readonly backend: 'memory' | 'redis';
  hit(key: string): Promise<RateLimitVerdict>;
  /** For /readyz: throws when the backend does not answer. */
  ping(): Promise<void>;
}

export interface RateLimitOptions {
  readonly limit: number;
  readonly windowMs: number;
  readonly clock: { now(): Date };
}

function verdict(count: number, limit: number, resetMs: number): RateLimitVerdict {
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetMs };
}

export function memoryRateLimiter(options: RateLimitOptions): RateLimiter {
  let window = -1;
  // Only the current window's counts are kept: memory is bounded by the callers of one window.
  const counts = new Map<string, number>();
  return {
    backend: 'memory',
    async hit(key) {
      const now = options.clock.now().getTime();
      const current = Math.floor(now / options.windowMs);
      if (current !== window) {
        window = current;
        counts.clear();
      }
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return verdict(count, options.limit, (current + 1) * options.windowMs - now);
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
 * INCR and PEXPIRE in one MULTI: the count and its expiry are set together, so a crash between
 * them cannot leave a key that never expires. The window number is part of the key, so every
 * window starts from zero and the expiry only cleans up.
 *
 * FAIL OPEN: when Redis is down or slow, the request is allowed, uncounted, and a warning is
 * logged (at most every 30 s). Rate limiting protects the service; it must not be the thing
 * that takes it down. /readyz still reports Redis as failing, so operators see it.
 */
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
    async hit(key) {
      const now = options.clock.now().getTime();
      const current = Math.floor(now / options.windowMs);
      const resetMs = (current + 1) * options.windowMs - now;
      const redisKey = `${options.prefix}:${current}:${key}`;
      try {
        const replies = await withTimeout(options.redis.multi().incr(redisKey).pexpire(redisKey, resetMs + 1000).exec(), timeoutMs);
        const [incr] = replies ?? [];
        if (!incr || incr[0] !== null || typeof incr[1] !== 'number') throw new Error('unexpected MULTI reply');
        return verdict(incr[1], options.limit, resetMs);
      } catch (e) {
        warn(e);
        return verdict(0, options.limit, resetMs);
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

/** The middleware: RateLimit-* headers on every counted answer, 429 with Retry-After beyond. */
export function rateLimit(limiter: RateLimiter, skip: (req: Request) => boolean): RequestHandler {
  return async (req, res, next) => {
    if (skip(req)) return next();
    const v = await limiter.hit(rateLimitKey(req));
    const resetSeconds = Math.max(1, Math.ceil(v.resetMs / 1000));
    res.setHeader('RateLimit-Limit', String(v.limit));
    res.setHeader('RateLimit-Remaining', String(v.remaining));
    res.setHeader('RateLimit-Reset', String(resetSeconds));
    if (v.allowed) return next();
    throw apiError('rate-limited', `The limit of ${v.limit} requests per window is reached; retry in ${resetSeconds} s.`, { retryAfter: resetSeconds }, { headers: { 'Retry-After': String(resetSeconds) } });
  };
}
