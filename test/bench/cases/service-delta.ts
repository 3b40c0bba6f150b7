import { performance } from 'node:perf_hooks';
import {
  PUSH_ROWS,
  call,
  fullPushBody,
  metricCells,
  pushFull,
  pushHeaders,
  sheetUrl,
  startBenchService,
  warmUp,
  type BenchService,
} from './service-push';
import type { BenchStoreKind } from './bench-database';
import type { BenchCase } from './types';

/**
 * A delta push of 10 changed cells on the 100k-row sheet, against the full push of that sheet in
 * the same run: the product's budget is 5% of the full push's time and of its payload. Both sides
 * go through the whole service over 127.0.0.1, on SQLite or on PostgreSQL (see service-push.ts for
 * what is timed); ours finds the sheet already pushed (in setup, untimed), the baseline pushes it
 * whole.
 */

const CHANGED = 10;

interface DeltaInput {
  readonly service: BenchService;
  readonly full: Buffer;
  readonly delta: Buffer;
}

/** Ten rows spread over the sheet, each with a new value: ten cells, with the key cells that name the rows. */
function deltaBody(): Buffer {
  const rows = Array.from({ length: CHANGED }, (_, k) => {
    const i = k * (PUSH_ROWS / CHANGED);
    return { cells: { ...metricCells(i), value: 1_000_000 + i } };
  });
  return Buffer.from(JSON.stringify({ kind: 'metrics', mode: 'delta', rows, deletes: [] }));
}

function deltaInput(input: unknown): DeltaInput {
  // setup's result comes back as unknown through the generic harness; it is always ours.
  const d = input as DeltaInput | undefined;
  if (!d || d.full.length === 0) throw new Error('service-delta: setup did not run');
  return d;
}

function deltaCase(storeKind: BenchStoreKind): BenchCase {
  return {
    name: storeKind === 'sqlite' ? 'service-delta-10-cells' : 'service-delta-10-cells-pg',
    description:
      `a 10-cell delta push on the 100k-row sheet vs the full push of that sheet, both through the whole service on ${storeKind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ` +
      '(time target 5%; bytesRatio: delta body / full body, ≤ 5%)',
    target: 0.05,
    maxPeakMB: 600,
    reports: ['serviceMs', 'bytes', 'bytesRatio'],
    reportLimits: { bytesRatio: 0.05 },
    prepare: async () => {},
    async setup(dir, variant) {
      const service = await startBenchService(dir, storeKind);
      await warmUp(service);
      const full = fullPushBody();
      // Ours edits the sheet the baseline creates: it must be there, at revision 1, before the clock starts.
      if (variant === 'ours') await pushFull(service, full, 'metrics');
      return { service, full, delta: deltaBody() } satisfies DeltaInput;
    },
    async ours(_dir, input) {
      const { service, full, delta } = deltaInput(input);
      const reply = await call(service.url, 'PUT', sheetUrl('metrics'), pushHeaders(service, '"1"'), delta);
      if (reply.status !== 200) throw new Error(`bench delta push: ${reply.status} ${reply.body.slice(0, 300)}`);
      const answer = JSON.parse(reply.body) as { revision: number; changedCells: number };
      if (answer.revision !== 2 || answer.changedCells !== CHANGED) throw new Error(`bench delta push answered ${reply.body.slice(0, 300)}`);
      const serviceMs = await service.lastServiceMs();
      service.closeLater();
      return { serviceMs, bytes: delta.length, bytesRatio: delta.length / full.length, answerBytes: reply.bytesIn };
    },
    async baseline(_dir, input) {
      const { service, full } = deltaInput(input);
      const started = performance.now();
      const { serviceMs } = await pushFull(service, full, 'metrics');
      const ms = performance.now() - started;
      service.closeLater();
      return { serviceMs, bytes: full.length, bytesRatio: 1, wallMs: ms };
    },
  };
}

export const serviceDeltaCase = deltaCase('sqlite');
export const serviceDeltaPgCase = deltaCase('postgres');
