import { performance } from 'node:perf_hooks';
import { PUSH_ROWS, fullPushBody, pushFull, startBenchService, warmUp, type BenchService } from './service-push';
import { prepareRawCopy, rawCopy, type RawCopyTarget } from './raw-copy';
import type { BenchCase } from './types';

/**
 * The 100k-row × 4-cell push of service-push-100k, through the whole service on PostgreSQL,
 * against PostgreSQL's own bulk load of the same rows in the same run: JSON.parse of the body and
 * COPY FROM STDIN into a table with the store's key and indexes and a jsonb column (raw-copy.ts).
 * What the service does beyond that — HTTP, validation, natural keys, merge, the change log,
 * the revision, the Idempotency-Key, the issues of the stored sheet, the answer — must cost at
 * most half again.
 */

export interface PgPushInput {
  readonly body: Buffer;
  readonly service: BenchService | null;
  readonly target: RawCopyTarget | null;
}

export function pgPushInput(input: unknown): PgPushInput {
  // setup's result comes back as unknown through the generic harness.
  const p = input as PgPushInput | undefined;
  if (!p || p.body.length === 0) throw new Error('service push on PostgreSQL: setup did not run');
  return p;
}

/** The raw COPY of `rows` rows into a fresh table; its schema is dropped after the clock stops. */
export async function timedRawCopy(input: PgPushInput, rows: number): Promise<void> {
  const { body, target } = input;
  if (!target) throw new Error('raw COPY: no table');
  const stored = await rawCopy(target, body);
  if (stored !== rows) throw new Error(`raw COPY stored ${stored} rows`);
  setImmediate(() => void target.drop());
}

export const servicePushPgCase: BenchCase = {
  name: 'service-push-100k-pg',
  description:
    'a 100k-row × 4-cell JSON push to a new sheet through the whole service on PostgreSQL (HTTP on 127.0.0.1) ' +
    'vs JSON.parse + COPY FROM STDIN of the same rows into a table with the same key and indexes and a jsonb column, one transaction',
  target: 1.5,
  maxPeakMB: 600,
  reports: ['serviceMs', 'bodyMB'],
  prepare: async () => {},
  async setup(dir, variant) {
    const body = fullPushBody();
    if (variant !== 'ours') return { body, service: null, target: await prepareRawCopy() } satisfies PgPushInput;
    const service = await startBenchService(dir, 'postgres');
    await warmUp(service);
    return { body, service, target: null } satisfies PgPushInput;
  },
  async ours(_dir, input) {
    const { body, service } = pgPushInput(input);
    if (!service) throw new Error('service-push-100k-pg: no service');
    const { serviceMs } = await pushFull(service, body, 'metrics');
    service.closeLater();
    return { serviceMs, bodyMB: body.length / 1024 / 1024 };
  },
  async baseline(_dir, input) {
    const pushed = pgPushInput(input);
    const started = performance.now();
    await timedRawCopy(pushed, PUSH_ROWS);
    return { serviceMs: performance.now() - started, bodyMB: pushed.body.length / 1024 / 1024 };
  },
};
