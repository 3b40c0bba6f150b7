import { SheetChecker } from '../../../addin/check/check-sheet';
import { ExcelWorkbookPort } from '../../../addin/excel';
import { FakeExcel, PAYLOAD_LIMIT_BYTES, type CellSeed } from '../../../addin/excel-fake';
import type { WorkbookPort } from '../../../addin/workbook-port';
import type { BenchCase } from './types';

const ROWS = 10_000;
const HEADER = ['KPI', '公式', '目标值', '权重', '维度', '负责人', '复核日期'];

/** The KPI sheet of test/addin/excel/fixtures: 10k rows × 7 columns, every other perspective bad (5,000 errors). */
function kpiRows(): CellSeed[][] {
  const rows: CellSeed[][] = [HEADER];
  for (let i = 0; i < ROWS; i++) {
    rows.push([
      `KPI ${i + 1}`,
      '',
      '≥3%',
      { value: 1 / ROWS, numberFormat: '0%' },
      i % 2 === 0 ? '财务' : '不存在',
      '张三',
      { value: 45_352 + (i % 365), numberFormat: 'yyyy-mm-dd' },
    ]);
  }
  return rows;
}

interface Prepared {
  readonly fake: FakeExcel;
  readonly checker: SheetChecker;
}

/**
 * A workbook checked once already (untimed), as the pane has it when the user edits: the KPI
 * sheet and a small sheet the cache answers for. `legacy` runs the checker over the port without
 * checkSheet: listSheets, readSheet, markCells, the path checkSheet replaced.
 */
async function prepared(legacy: boolean): Promise<Prepared> {
  const fake = new FakeExcel();
  fake.addSheet('KPI', kpiRows());
  fake.addSheet('Notes', [['说明'], ['这里不是表']]);
  const port = new ExcelWorkbookPort(fake.excel, fake.requirements);
  const used: WorkbookPort = legacy ? Object.assign(Object.create(port) as ExcelWorkbookPort, { checkSheet: undefined }) : port;
  const checker = new SheetChecker(used, { locale: 'zh-CN', today: () => '2024-06-01' });
  await checker.checkSheet('KPI');
  return { fake, checker };
}

function preparedOf(input: unknown): Prepared {
  // setup's result comes back as unknown through the generic harness; it is always ours.
  const p = input as Prepared | undefined;
  if (!p?.checker) throw new Error('addin-check-syncs: setup did not run');
  return p;
}

/** The timed part: the user fixes one cell, the checker re-checks the sheet. */
async function recheck({ fake, checker }: Prepared): Promise<Record<string, number>> {
  fake.resetStats();
  await fake.userEdit('KPI', 'E3', '财务');
  const result = await checker.checkSheet('KPI');
  const errors = result.issues.filter((i) => i.code === 'kpi.perspective-invalid').length;
  if (errors !== ROWS / 2 - 1 || result.unmarked.length > 0) throw new Error(`addin-check-syncs: ${errors} errors, ${result.unmarked.length} unmarked`);
  return { syncs: fake.syncCount, runs: fake.runs.length, maxSyncKB: Math.round(fake.maxSyncBytes / 1024) };
}

export const addinCheckSyncsCase: BenchCase = {
  name: 'addin-check-syncs',
  description:
    're-check after an edit of a 10k-row × 7-column sheet with 5,000 errors on the strict Excel fake: checkSheet (one Excel.run) vs listSheets + readSheet + markCells; syncs reported for both',
  target: 1,
  maxPeakMB: null,
  reports: ['syncs', 'runs', 'maxSyncKB'],
  // The requirement is the count: at most 3 syncs, none over Excel on the web's 5 MB.
  reportLimits: { syncs: 3, maxSyncKB: Math.floor(PAYLOAD_LIMIT_BYTES / 1024) },
  prepare: async () => {},
  setup: (_dir, variant) => prepared(variant === 'baseline'),
  ours: (_dir, input) => recheck(preparedOf(input)),
  baseline: (_dir, input) => recheck(preparedOf(input)),
};
