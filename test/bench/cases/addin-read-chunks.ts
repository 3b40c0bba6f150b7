import { ExcelWorkbookPort } from '../../../addin/excel';
import { FakeExcel, PAYLOAD_LIMIT_BYTES, type CellSeed } from '../../../addin/excel-fake';
import type { BenchCase } from './types';

const COLUMNS = 8;

/** An 8-column sheet of `rows` rows: text, a percent, a date, numbers — what a metric or plan sheet holds. */
function rowsOf(rows: number): CellSeed[][] {
  const out: CellSeed[][] = [['Period', 'Department', 'Metric', 'Value', 'Share', 'Date', 'Owner', 'Note']];
  for (let i = 0; i < rows; i++) {
    out.push([
      '2024-03',
      `Department ${i % 40}`,
      `Metric ${i % 500}`,
      1000 + i,
      { value: (i % 100) / 100, numberFormat: '0%' },
      { value: 45_352 + (i % 365), numberFormat: 'yyyy-mm-dd' },
      '张三',
      i % 7 === 0 ? 'checked by the regional office' : '',
    ]);
  }
  return out;
}

interface Prepared {
  readonly fake: FakeExcel;
  readonly port: ExcelWorkbookPort;
  readonly rows: number;
}

/**
 * Reading a big sheet through the adapter (readSheet: slices under 4 MB, one sync each) on the
 * strict fake, against the naive read the 5 MB limit forbids (the whole used range in one load,
 * on a fake without the limit). Reports the syncs and the largest request and response of ours:
 * none may pass Excel on the web's 5 MB.
 */
function readCase(rows: number): BenchCase {
  const name = `addin-read-${rows / 1000}k`;
  const setup = (variant: 'ours' | 'baseline'): Prepared => {
    const fake = new FakeExcel(variant === 'baseline' ? { payloadLimitBytes: Number.MAX_SAFE_INTEGER } : {});
    fake.addSheet('Data', rowsOf(rows));
    return { fake, port: new ExcelWorkbookPort(fake.excel, fake.requirements), rows };
  };
  const preparedOf = (input: unknown): Prepared => {
    const p = input as Prepared | undefined;
    if (!p?.fake) throw new Error(`${name}: setup did not run`);
    return p;
  };
  const stats = (fake: FakeExcel): Record<string, number> => ({
    syncs: fake.syncCount,
    maxRequestKB: Math.round((fake.maxRequestBytes / 1024) * 10) / 10,
    maxResponseKB: Math.round((fake.maxResponseBytes / 1024) * 10) / 10,
  });
  return {
    name,
    description: `readSheet of a ${rows / 1000}k-row × ${COLUMNS}-column sheet on the strict Excel fake (slices under 4 MB) vs one load of the whole range (refused by Excel on the web over 5 MB); syncs and largest request/response reported`,
    // The slices cost a little per sync; the naive read is not allowed at all on the web.
    target: 2,
    maxPeakMB: null,
    reports: ['syncs', 'maxRequestKB', 'maxResponseKB'],
    reportLimits: { maxRequestKB: Math.floor(PAYLOAD_LIMIT_BYTES / 1024), maxResponseKB: Math.floor(PAYLOAD_LIMIT_BYTES / 1024) },
    prepare: async () => {},
    setup: (_dir, variant) => setup(variant),
    ours: async (_dir, input) => {
      const { fake, port } = preparedOf(input);
      fake.resetStats();
      const grid = await port.readSheet('Data');
      if (grid.rows.length !== rows + 1) throw new Error(`${name}: read ${grid.rows.length} rows`);
      if (fake.runs.some((r) => r.failures.length > 0)) throw new Error(`${name}: a sync was refused: ${fake.runs.flatMap((r) => r.failures).join(', ')}`);
      return stats(fake);
    },
    baseline: async (_dir, input) => {
      const { fake } = preparedOf(input);
      fake.resetStats();
      await fake.excel.run(async (context) => {
        const used = context.workbook.worksheets.getItem('Data').getUsedRange(true);
        used.load('values,numberFormat');
        await context.sync();
        if (used.values.length !== rows + 1) throw new Error(`${name}: baseline read ${used.values.length} rows`);
      });
      return stats(fake);
    },
  };
}

export const addinReadCases: readonly BenchCase[] = [readCase(10_000), readCase(100_000), readCase(200_000)];
