import { computeScorecard } from '../../../shared/engine/scorecard';
import type { ScorecardReport } from '../../../shared/engine/scorecard-types';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import { DEMO_KPI_TABLE, DEMO_METRIC_TABLE, HANDBOOK_KPI_TABLE } from '../../../server/demo/handbook-tables';
import { grid } from '../../fixtures/grids';

function scorecard(kpiRows: Parameters<typeof grid>[1], metricRows: Parameters<typeof grid>[1], period?: string): ScorecardReport {
  const a = analyseWorkbook([grid('KPI', kpiRows), grid('指标', metricRows)]);
  return computeScorecard({ kpis: a.records.kpis, metrics: a.records.metrics, resolver: a.resolver }, period ? { period } : {});
}

describe('the demo scorecard, recomputed by hand', () => {
  const report = scorecard(DEMO_KPI_TABLE, DEMO_METRIC_TABLE, '2024-02');
  const row = (department: string, kpi: string) => report.rows.find((r) => r.department === department && r.kpi === kpi)!;

  // 华东运营部, February 2024.
  it.each([
    // kpi, actual, achievement, status, score, award
    ['日增用户数', 600, 600 / 500, 'green', 0.2 * 1.2, true],
    ['转化率', 0.028, 0.028 / 0.03, 'amber', 0.3 * (0.028 / 0.03), false],
    ['ROI', 3, 3 / 4, 'red', 0.25 * 0.75, false],
    ['日活跃用户', 12600, 12600 / 12000, 'green', 0.1 * 1.05, false],
    ['审核时长', 3.6, 4 / 3.6, 'green', 0.1 * (4 / 3.6), false],
    ['培训完成率', 0.9, 1, 'green', 0.05, false],
  ])('华东 %s', (kpi, actual, achievement, status, score, award) => {
    const r = row('华东运营部', kpi as string);
    expect(r.period).toBe('2024-02');
    expect(r.actual).toBeCloseTo(actual as number, 9);
    expect(r.achievement).toBeCloseTo(achievement as number, 9);
    expect(r.status).toBe(status);
    expect(r.score).toBeCloseTo(score as number, 9);
    expect(r.award).toBe(award);
  });

  it.each([
    ['日增用户数', 0.9, 'amber', 0.18, false],
    ['转化率', 1.1, 'green', 0.33, false],
    ['ROI', 1.25, 'green', 0.25 * 1.2, true], // capped at 120% in the score, still an award
    ['日活跃用户', 8500 / 9000, 'amber', 0.1 * (8500 / 9000), false],
    ['审核时长', 0.8, 'red', 0.08, false],
  ])('华南 %s', (kpi, achievement, status, score, award) => {
    const r = row('华南运营部', kpi as string);
    expect(r.achievement).toBeCloseTo(achievement as number, 9);
    expect(r.status).toBe(status);
    expect(r.score).toBeCloseTo(score as number, 9);
    expect(r.award).toBe(award);
  });

  it('gives a KPI without data no status and no score', () => {
    expect(row('华南运营部', '培训完成率')).toMatchObject({ actual: null, achievement: null, status: 'none', score: null, award: false });
  });

  it('scores perspectives and the whole by the weights of the KPIs that took part', () => {
    const p = (department: string, perspective: string) =>
      report.perspectives.find((x) => x.department === department && x.perspective === perspective)!.score;
    expect(p('华东运营部', 'customer')).toBeCloseTo((0.24 + 0.28 + 0.105) / 0.6, 9);
    expect(p('华东运营部', 'financial')).toBeCloseTo(0.75, 9);
    expect(p('华东运营部', 'process')).toBeCloseTo(4 / 3.6, 9);
    expect(p('华东运营部', 'learning')).toBeCloseTo(1, 9);
    expect(p('华南运营部', 'learning')).toBeNull();
    const overall = (department: string) => report.overall.find((o) => o.department === department)!.score!;
    expect(overall('华东运营部')).toBeCloseTo(0.24 + 0.28 + 0.1875 + 0.105 + 0.1 * (4 / 3.6) + 0.05, 9);
    expect(overall('华南运营部')).toBeCloseTo((0.18 + 0.33 + 0.3 + 0.1 * (8500 / 9000) + 0.08) / 0.95, 9);
  });

  it('reports perspectives by their codes and periods in canonical form', () => {
    expect(new Set(report.perspectives.map((p) => p.perspective))).toEqual(new Set(['financial', 'customer', 'process', 'learning']));
    expect(new Set(report.rows.map((r) => r.period))).toEqual(new Set(['2024-02']));
  });
});

describe('trend targets', () => {
  const kpis = [['KPI', '目标值', '权重'], ['日活跃用户', '稳定增长', '100%']];

  it('compares with the previous period, across a year boundary', () => {
    const report = scorecard(kpis, [
      ['期间', '部门', '指标', '数值'],
      ['2023-12', 'A', '日活跃用户', 1000],
      ['2024-01', 'A', '日活跃用户', 950],
    ]);
    expect(report.rows.map((r) => [r.period, r.status, r.achievement])).toEqual([
      ['2023-12', 'none', null],
      ['2024-01', 'amber', 0.95],
    ]);
  });

  it('works on quarters and ISO weeks', () => {
    const report = scorecard(kpis, [
      ['期间', '部门', '指标', '数值'],
      ['2023-Q4', 'A', '日活跃用户', 100],
      ['2024-Q1', 'A', '日活跃用户', 130],
      ['2023-W52', 'A', '日活跃用户', 10],
      ['2024-W01', 'A', '日活跃用户', 9],
    ]);
    const got = Object.fromEntries(report.rows.map((r) => [r.period, r.status]));
    expect(got).toEqual({ '2023-Q4': 'none', '2024-Q1': 'green', '2023-W52': 'none', '2024-W01': 'amber' });
  });
});

describe('target kinds', () => {
  const metric = (value: number | string) => [['期间', '部门', '指标', '数值'], ['2024-03', 'A', 'x', value]];
  it.each([
    ['≥500', 600, 1.2, 'green'],
    ['>=500', 450, 0.9, 'amber'],
    ['不低于500', 400, 0.8, 'red'],
    ['≤4小时', 5, 0.8, 'red'],
    ['至多4h', 4, 1, 'green'],
    ['≤4', 0, 1.2, 'green'],
    ['2%-3%', 0.025, 1, 'green'],
    ['2%~3%', 0.018, 0.9, 'amber'],
    ['2至3', 4, 0.75, 'red'],
    ['≥1.2万', '1.5万', 1.25, 'green'],
  ])('%s with actual %s: achievement %s, %s', (target, actual, achievement, status) => {
    const report = scorecard([['KPI', '公式', '目标值', '权重'], ['K', 'x', target, '100%']], metric(actual));
    expect(report.rows[0]!.achievement).toBeCloseTo(achievement, 9);
    expect(report.rows[0]!.status).toBe(status);
  });
});

describe('the handbook KPI table', () => {
  it('computes the handbook example from its formulas', () => {
    const report = scorecard(HANDBOOK_KPI_TABLE, [
      ['期间', '部门', '指标', '数值'],
      ['2024-Q1', '电商运营', '今日新注册数', 575],
      ['2024-Q1', '电商运营', '付费订单', 300],
      ['2024-Q1', '电商运营', '访客数', 10000],
      ['2024-Q1', '电商运营', '利润', 40],
      ['2024-Q1', '电商运营', '营销投入', 10],
    ]);
    expect(report.rows.map((r) => [r.kpi, r.status, r.award])).toEqual([
      ['日增用户数', 'green', true], // 575 / 500 = 115%: exactly the award line
      ['转化率', 'green', false], // 3% of 3%
      ['ROI', 'green', false], // 4 of ≥4
    ]);
    // Weights 20/30/25 take part; the overall score is their weighted average of capped achievements.
    expect(report.overall[0]!.score).toBeCloseTo((0.2 * 1.15 + 0.3 + 0.25) / 0.75, 9);
    expect(report.perspectives).toEqual([]);
  });

  it('gives a formula that divides by zero no value', () => {
    const report = scorecard(HANDBOOK_KPI_TABLE, [
      ['期间', '部门', '指标', '数值'],
      ['2024-Q1', 'D', '付费订单', 3],
      ['2024-Q1', 'D', '访客数', 0],
    ]);
    expect(report.rows.find((r) => r.kpi === '转化率')).toMatchObject({ actual: null, status: 'none', score: null });
    expect(report.overall[0]!.score).toBeNull();
  });
});
