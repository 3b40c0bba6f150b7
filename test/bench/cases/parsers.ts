import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PushBodySchema } from '../../../shared/api/sync';
import { parseJsonBytes } from '../../../server/http/json-body';
import { validate } from '../../../server/http/validate';
import { readXlsx } from '../../../server/workbook/xlsx-reader';
import { readZip, buildZip } from '../../fixtures/zip-writer';
import { METRIC_ROWS, writeMetricWorkbook } from './import-metrics';
import type { BenchCase } from './types';

/**
 * The two hand-written parsers on the untrusted edge against the reference each is proven
 * equal to (README, "What the readers are proven against"), on the same input in the same run:
 * what their speed buys, and so why they are kept.
 */

const SHEET = 'metrics-100k.xlsx';
/** The same workbook, its sheets starting with a processing instruction: the byte scanner leaves them to saxes at once. */
const SAXES_SHEET = 'metrics-100k-saxes.xlsx';

export const xlsxScanCase: BenchCase = {
  name: 'xlsx-scan-100k',
  description: 'read a 100k-row sheet with the byte scanner vs the same reader on saxes alone (its fallback)',
  target: 0.8,
  maxPeakMB: 400,
  async prepare(dir) {
    await writeMetricWorkbook(path.join(dir, SHEET));
    const entries = await readZip(readFileSync(path.join(dir, SHEET)));
    const withPi = entries.map((e) =>
      /^xl\/worksheets\//.test(e.name) ? { name: e.name, data: e.data.toString('utf8').replace('?>', '?><?fallback?>') } : { name: e.name, data: e.data },
    );
    writeFileSync(path.join(dir, SAXES_SHEET), buildZip(withPi));
  },
  ours: (dir) => readRows(path.join(dir, SHEET)),
  baseline: (dir) => readRows(path.join(dir, SAXES_SHEET)),
};

async function readRows(file: string): Promise<{ rows: number }> {
  const read = await readXlsx(file);
  if (!read.ok) throw new Error(`bench file refused: ${read.error.code}`);
  const rows = read.value.find((s) => s.name === '指标数据')?.rows.length ?? 0;
  if (rows !== METRIC_ROWS + 1) throw new Error(`read ${rows} rows`);
  return { rows };
}

const BODY = 'push-100k.json';

export const jsonPushCase: BenchCase = {
  name: 'json-push-100k',
  description: 'a 100k-row × 4-cell push body: the route’s reader + the schema’s one-pass fast path vs JSON.parse + zod',
  target: 0.5,
  maxPeakMB: 600,
  prepare(dir) {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ cells: { period: '2024-03', department: `部门${i % 500}`, metric: `指标${i}`, value: i * 1.5 } }));
    writeFileSync(path.join(dir, BODY), JSON.stringify({ kind: 'metrics', mode: 'full', rows }));
    return Promise.resolve();
  },
  setup: (dir) => readFileSync(path.join(dir, BODY)),
  ours(_dir, input) {
    const parsed = validate(PushBodySchema, parseJsonBytes(input as Buffer), 'body');
    if (!parsed.ok) throw new Error('bench body refused');
    return Promise.resolve({ rows: parsed.value.rows.length });
  },
  baseline(_dir, input) {
    const parsed = PushBodySchema.safeParse(JSON.parse((input as Buffer).toString('utf8')));
    if (!parsed.success) throw new Error('bench body refused');
    return Promise.resolve({ rows: parsed.data.rows.length });
  },
};
