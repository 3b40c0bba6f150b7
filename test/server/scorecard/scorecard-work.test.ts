import ExcelJS from 'exceljs';
import { DEMO_GANTT_TABLE, DEMO_KPI_TABLE, DEMO_METRIC_TABLE } from '../../../server/demo/handbook-tables';
import { inlineScorecardWork, pooledScorecardWork, type ScorecardWork, type ScorecardWorkbookJob } from '../../../server/scorecard/scorecard-work';
import { heavyWorkerScript, type HeavyAnswer, type HeavyTask } from '../../../server/workers/heavy-tasks';
import { createWorkerPool, type WorkerPool } from '../../../server/workers/worker-pool';
import type { SheetGrid } from '../../../shared/table/grid';

/**
 * The scorecard on the heavy-work pool's threads (dist/server/workers/heavy-worker.js) answers
 * exactly what it answers on the calling thread: the same report, the same workbook as a
 * manager opens it.
 */

const grid = (name: string, rows: readonly (readonly (string | number | null | undefined)[])[]): SheetGrid => ({
  name,
  rows: rows.map((r) => r.map((c) => c ?? null)),
});

const GRIDS: readonly SheetGrid[] = [grid('KPI', DEMO_KPI_TABLE), grid('指标数据', DEMO_METRIC_TABLE), grid('甘特图', DEMO_GANTT_TABLE)];
const JOB: ScorecardWorkbookJob = { grids: GRIDS, today: '2024-03-05', locale: 'en-US', title: 'demo', generatedAt: '2024-03-05T01:02:03.000Z', withPlan: true };

/** Every sheet's name and every cell's value, as exceljs reads the file back. */
async function workbookText(bytes: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const cells = [ws.name];
    ws.eachRow((row) => row.eachCell((cell) => cells.push(`${cell.address}=${JSON.stringify(cell.value)}`)));
    return cells;
  });
}

describe('scorecard work on the pool', () => {
  let pool: WorkerPool<HeavyTask, HeavyAnswer>;
  let pooled: ScorecardWork;
  beforeAll(() => {
    pool = createWorkerPool<HeavyTask, HeavyAnswer>({ script: heavyWorkerScript(), size: 2, maxQueue: 8, timeoutMs: 30_000 });
    pooled = pooledScorecardWork(pool);
  });
  afterAll(() => pool.close());

  it('computes the same report as the calling thread, for every period and for one', async () => {
    for (const job of [{ grids: GRIDS, today: '2024-03-05' }, { grids: GRIDS, today: '2024-03-05', period: '2024-02' }]) {
      const [there, here] = await Promise.all([pooled.computeScorecard(job), inlineScorecardWork.computeScorecard(job)]);
      expect(there).toEqual(here);
      expect(there.ok && there.value.rows.length).toBeGreaterThan(0);
    }
    // The JSON answer's bytes: JSON.stringify's text of that same report.
    const [bytes, report] = await Promise.all([pooled.computeScorecardJson({ grids: GRIDS, today: '2024-03-05' }), inlineScorecardWork.computeScorecard({ grids: GRIDS, today: '2024-03-05' })]);
    expect(bytes.ok && report.ok && Buffer.from(bytes.value.bytes).toString('utf8')).toBe(report.ok && JSON.stringify(report.value));
    expect(bytes.ok && bytes.value.kpis).toBe(6);
    // A subscription's narrowing is applied where the report is made: only that department's rows come back.
    const narrowed = await pooled.computeScorecard({ grids: GRIDS, today: '2024-03-05', narrow: { departments: ['华南运营部'] } });
    expect(narrowed.ok && new Set(narrowed.value.rows.map((r) => r.department))).toEqual(new Set(['华南运营部']));
    expect(narrowed.ok && narrowed.value.trends!.length > 0 && narrowed.value.trends!.every((t) => t.department === '华南运营部')).toBe(true);
    const roi = await pooled.computeScorecard({ grids: GRIDS, today: '2024-03-05', period: '2024-02' });
    expect(roi.ok && roi.value.rows.find((r) => r.department === '华南运营部' && r.kpi === 'ROI')).toMatchObject({ achievement: 1.25, status: 'green' });
  });

  it('writes the same workbook as the calling thread (overview, detail, trend, plan, issues)', async () => {
    const [there, here] = await Promise.all([pooled.writeScorecardWorkbook(JOB), inlineScorecardWork.writeScorecardWorkbook(JOB)]);
    if (!there.ok || !here.ok) throw new Error('a workbook was not written');
    expect(there.value.kpis).toBe(6);
    const [a, b] = await Promise.all([workbookText(there.value.bytes), workbookText(here.value.bytes)]);
    expect(a).toEqual(b);
    expect(a.length).toBe(5); // overview, KPI detail, trend, plan, issues
    expect(a.flat().join('\n')).toContain('华南运营部');
  });

  it('counts no KPI when there is nothing to score (the scheduler skips such a workspace)', async () => {
    const written = await pooled.writeScorecardWorkbook({ ...JOB, grids: [grid('指标数据', DEMO_METRIC_TABLE)] });
    expect(written.ok && written.value.kpis).toBe(0);
  });

  it('runs many at once, each answered with its own result', async () => {
    const periods = ['2024-01', '2024-02', '2024-01', '2024-02', '2024-01', '2024-02'];
    const answers = await Promise.all(periods.map((period) => pooled.computeScorecard({ grids: GRIDS, today: '2024-03-05', period })));
    expect(answers.map((a) => (a.ok ? [...new Set(a.value.rows.map((r) => r.period))] : a.error.code))).toEqual(periods.map((p) => [p]));
  });
});
