import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchStoreKind } from './bench-database';
import { prepareRawCopy } from './raw-copy';
import { fullPushBody, pushFull, rawPush, startBenchService, warmUp, type RowWidth } from './service-push';
import { pgPushInput, timedRawCopy, type PgPushInput } from './service-push-pg';
import type { BenchCase } from './types';

/**
 * A million cells in one sync: 250k metric rows × 4 cells, and 100k rows × 10 cells, pushed to a
 * new sheet through the whole service, on SQLite and on PostgreSQL, each against its raw library
 * in the same run (better-sqlite3's insert, PostgreSQL's COPY; see service-push*.ts). The product
 * budget is the peak memory: under 1 GB, growing linearly with the rows.
 *
 * The curve. For the 250k-row cases the measuring process first measures the same case at 10k
 * and 100k rows, each in a process of its own (BENCH_ROWS), so each point has its own time and
 * peak memory; `linearity` is the time per row at 250k over the time per row at 100k (1 is
 * perfectly linear; fixed costs make the smaller sizes dearer per row, so noise aside it is ≤ 1).
 */

const CURVE = [10_000, 100_000] as const;
const MAX_PEAK_MB = 1024;
/** The most the time per row at 250k may exceed the time per row at 100k. */
const LINEARITY_LIMIT = 1.3;

function rowsOf(width: RowWidth): number {
  const override = Number(process.env['BENCH_ROWS'] ?? '');
  if (Number.isInteger(override) && override > 0) return override;
  return width === 4 ? 250_000 : 100_000;
}

interface CurvePoint {
  readonly ms: number;
  readonly peakMB: number;
}

/** The same case at fewer rows, measured in a process of its own. */
function measureAt(name: string, dir: string, rows: number): CurvePoint {
  const out = execFileSync(process.execPath, [path.join(__dirname, '..', 'bench-case.js'), name, 'ours', dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, BENCH_ROWS: String(rows) },
  });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as CurvePoint;
}

interface MillionInput extends PgPushInput {
  readonly rows: number;
  readonly curve: Readonly<Record<string, number>>;
}

function millionCellsCase(storeKind: BenchStoreKind, width: RowWidth): BenchCase {
  const name = `service-push-1m-cells${width === 10 ? '-wide' : ''}${storeKind === 'postgres' ? '-pg' : ''}`;
  const shape = width === 4 ? '250k rows × 4 cells' : '100k rows × 10 cells';
  const withCurve = width === 4;
  return {
    name,
    description:
      `a ${shape} push to a new sheet through the whole service on ${storeKind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} vs ` +
      `${storeKind === 'sqlite' ? 'JSON.parse + better-sqlite3 insert' : 'JSON.parse + COPY FROM STDIN'} of the same rows; peak memory ≤ ${MAX_PEAK_MB} MB` +
      (withCurve ? `; the 10k/100k/250k curve (ms, peak MB), linearity = time per row at 250k / at 100k (≤ ${LINEARITY_LIMIT})` : ''),
    target: storeKind === 'sqlite' ? 4 : 1.5,
    maxPeakMB: MAX_PEAK_MB,
    reports: ['serviceMs', 'bodyMB', ...(withCurve ? ['ms10k', 'peakMB10k', 'ms100k', 'peakMB100k', 'linearity'] : [])],
    ...(withCurve ? { reportLimits: { linearity: LINEARITY_LIMIT } } : {}),
    prepare: async () => {},
    async setup(dir, variant) {
      const rows = rowsOf(width);
      const curve: Record<string, number> = {};
      if (variant === 'ours' && withCurve && process.env['BENCH_ROWS'] === undefined) {
        for (const size of CURVE) {
          const point = measureAt(name, dir, size);
          curve[`ms${size / 1000}k`] = point.ms;
          curve[`peakMB${size / 1000}k`] = point.peakMB;
        }
      }
      const body = fullPushBody(rows, width);
      if (variant !== 'ours') {
        const target = storeKind === 'postgres' ? await prepareRawCopy() : null;
        return { body, service: null, target, rows, curve } satisfies MillionInput;
      }
      const service = await startBenchService(dir, storeKind);
      await warmUp(service, 'full-size', Math.min(rows, 100_000));
      return { body, service, target: null, rows, curve } satisfies MillionInput;
    },
    async ours(_dir, input) {
      const { body, service, rows, curve } = input as MillionInput;
      if (!service) throw new Error(`${name}: no service`);
      const started = performance.now();
      const { serviceMs } = await pushFull(service, body, 'metrics', rows, width);
      const ms = performance.now() - started;
      service.closeLater();
      const at100k = curve['ms100k'];
      return {
        serviceMs,
        bodyMB: body.length / 1024 / 1024,
        ...curve,
        ...(at100k === undefined ? {} : { linearity: ms / rows / (at100k / 100_000) }),
      };
    },
    async baseline(dir, input) {
      const pushed = input as MillionInput;
      pgPushInput(pushed);
      const started = performance.now();
      if (storeKind === 'postgres') await timedRawCopy(pushed, pushed.rows);
      else rawPush(dir, pushed.body, pushed.rows);
      return { serviceMs: performance.now() - started, bodyMB: pushed.body.length / 1024 / 1024 };
    },
  };
}

export const millionCellsSqliteCase = millionCellsCase('sqlite', 4);
export const millionCellsPgCase = millionCellsCase('postgres', 4);
export const millionCellsWideSqliteCase = millionCellsCase('sqlite', 10);
export const millionCellsWidePgCase = millionCellsCase('postgres', 10);
