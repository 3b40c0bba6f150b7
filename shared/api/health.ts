import { z } from 'zod';

/** GET /healthz: the process is up. */
export const HealthSchema = z.object({ status: z.literal('ok') });

/** Counters of an in-memory cache of this instance (docs/scorecard-cache.md). */
export const CacheStatsSchema = z.object({
  hits: z.number().int(),
  misses: z.number().int(),
  /** Answered 304 Not Modified (If-None-Match matched): neither a hit nor a miss. */
  notModified: z.number().int(),
  /** Computed ahead of a request by the warming timer. */
  warmed: z.number().int(),
  entries: z.number().int(),
  bytes: z.number().int(),
  maxBytes: z.number().int(),
  evictions: z.number().int(),
});

/**
 * GET /readyz when every dependency answered; a 503 problem otherwise. `caches`: this
 * instance's cache counters since it started (the load bench reads the scorecard hit ratio).
 */
export const ReadySchema = z.object({
  status: z.literal('ready'),
  checks: z.record(z.string(), z.literal('ok')),
  caches: z.object({ scorecard: CacheStatsSchema }).optional(),
});
