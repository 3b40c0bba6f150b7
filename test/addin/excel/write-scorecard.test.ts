import { computeScorecard } from '../../../shared/engine/scorecard';
import type { ScorecardReport } from '../../../shared/engine/scorecard-types';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import { PAYLOAD_LIMIT_BYTES } from '../../../addin/excel-fake';
import { excelWith, syncsPerRun } from './fixtures';

const KPI_ROWS = [
  ['KPI', '公式', '目标值', '权重', '维度'],
  ['转化率', '付费订单/访客数', '≥3%', '40%', '客户'],
  ['利润', '', '≥100', '30%', '财务'],
  ['培训时长', '', '≥10', '30%', '学习'],
];
const METRIC_ROWS = [
  ['期间', '部门', '指标', '数值'],
  ['2024-03', '销售部', '付费订单', 36],
  ['2024-03', '销售部', '访客数', 1000],
  ['2024-03', '销售部', '利润', 95],
  ['2024-03', '销售部', '培训时长', 12],
  ['2024-02', '销售部', '利润', 80],
  ['2024-03', '=市场部', '利润', 120],
];

async function reportFrom(port: ReturnType<typeof excelWith>['port']): Promise<ScorecardReport> {
  const grids = [await port.readSheet('KPI'), await port.readSheet('Metrics')];
  const analysis = analyseWorkbook(grids);
  return computeScorecard({ kpis: analysis.records.kpis, metrics: analysis.records.metrics, resolver: analysis.resolver });
}

describe('writing the Scorecard sheet', () => {
  it('writes the overview, the KPI rows, RAG formatting and a native chart in 3 syncs', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', KPI_ROWS);
    fake.addSheet('Metrics', METRIC_ROWS);
    const report = await reportFrom(port);
    fake.resetStats();

    await port.writeScorecard(report, 'zh-CN');

    expect(syncsPerRun(fake)).toEqual([3]);
    expect(fake.view.sheetNames()).toEqual(['KPI', 'Metrics', '计分卡']);
    const texts = fake.view.texts('计分卡');
    expect(texts[0]?.[0]).toBe('平衡计分卡');
    expect(texts[2]).toEqual(['期间', '部门', '财务', '客户', '流程', '学习与成长', '综合得分', '', '', '', '']);
    // Latest period first; the department named "=市场部" stays text.
    expect(texts[3]?.slice(0, 2)).toEqual(['2024-03', '=市场部']);
    expect(fake.view.cell('计分卡', 'B4')).toMatchObject({ value: '=市场部', formula: null });
    expect(fake.view.cell('计分卡', 'A4')).toMatchObject({ value: '2024-03' });
    const detailHeader = texts.findIndex((row) => row[2] === 'KPI');
    expect(texts[detailHeader]).toEqual(['期间', '部门', 'KPI', '维度', '实际值', '目标', '达成率', '状态', '权重', '得分', '奖励']);

    const rules = fake.view.conditionalFormats('计分卡');
    expect(rules.filter((r) => r.type === 'IconSet')).toHaveLength(1);
    expect(rules.find((r) => r.type === 'IconSet')?.iconSet?.criteria.map((c) => c.formula)).toEqual(['', '=0.9', '=1']);
    expect(rules.filter((r) => r.type === 'CellValue').map((r) => r.cellValue?.rule?.formula1)).toEqual(['="达标"', '="预警"', '="未达标"']);
    const charts = fake.view.charts('计分卡');
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({ type: 'ColumnClustered', seriesBy: 'Columns', title: '各维度得分（2024-03）' });
    expect(charts[0]?.source).toEqual({ top: 2, left: 0, bottom: 4, right: 5 });
  });

  it('recreates its own sheet, never a user sheet of the same name, and is not listed as data', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', KPI_ROWS);
    fake.addSheet('Metrics', METRIC_ROWS);
    fake.addSheet('Scorecard', [['my notes']]);
    const report = await reportFrom(port);
    await port.writeScorecard(report, 'en-US');
    await port.writeScorecard(report, 'en-US');

    expect(fake.view.sheetNames()).toEqual(['KPI', 'Metrics', 'Scorecard', 'Scorecard (2)']);
    expect(fake.view.cell('Scorecard', 'A1').value).toBe('my notes');
    expect(fake.view.charts('Scorecard (2)')).toHaveLength(1);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(['KPI', 'Metrics', 'Scorecard']);
  });

  it('writes an empty scorecard as a message, without a chart', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Sheet1');
    await port.writeScorecard({ rows: [], perspectives: [], overall: [] }, 'en-US');
    expect(fake.view.texts('Scorecard')[1]?.[0]).toMatch(/No scores yet/);
    expect(fake.view.charts('Scorecard')).toEqual([]);
  });
});

describe('a very big scorecard', () => {
  it('is written in requests under Excel on the web’s 5 MB, one more sync per 4 MB of cells', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Data', [['x']]);
    // 30k KPI rows come to ~18 MB of cells (a 100k-row one, ~60 MB, goes the same way; the bench times it).
    const rows = Array.from({ length: 30_000 }, (_, i) => ({
      period: '2024-03',
      department: `Department ${i % 50}`,
      kpi: `KPI number ${i}`,
      perspective: 'financial' as const,
      actual: 100 + i,
      target: '≥100',
      achievement: 1.01,
      status: 'green' as const,
      weight: 0.1,
      score: 0.101,
      award: false,
    }));
    fake.resetStats();
    await port.writeScorecard({ rows, perspectives: [], overall: [{ period: '2024-03', department: 'Department 0', score: 1 }] }, 'en-US');
    expect(fake.runs[0]!.failures).toEqual([]);
    expect(fake.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    const syncs = syncsPerRun(fake)[0]!;
    expect(syncs).toBeGreaterThan(3);
    expect(syncs).toBeLessThan(20);
    expect(String(fake.view.cell('Scorecard', `C${rows.length + 6}`).value)).toMatch(/^KPI number \d+$/);
    expect(fake.view.cell('Scorecard', `C${rows.length + 7}`).value).toBe('');
  });
});
