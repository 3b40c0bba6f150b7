import { computeScorecard } from '../../../shared/engine/scorecard';
import type { KpiTrend, ScorecardReport } from '../../../shared/engine/scorecard-types';
import { ScorecardReportSchema } from '../../../shared/api/scorecard';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import { grid } from '../../fixtures/grids';
import { TREND_KPIS, TREND_METRICS } from '../../fixtures/trend-tables';

const KPIS = TREND_KPIS;
const METRICS = TREND_METRICS;

function report(metrics: readonly (readonly (string | number)[])[], period?: string): ScorecardReport {
  const a = analyseWorkbook([grid('KPI', KPIS), grid('指标', metrics)]);
  return computeScorecard({ kpis: a.records.kpis, metrics: a.records.metrics, resolver: a.resolver }, period ? { period } : {});
}

function trend(r: ScorecardReport, department: string, kpi: string): KpiTrend {
  const found = r.trends?.find((t) => t.department === department && t.kpi === kpi);
  if (!found) throw new Error(`no trend for ${department} ${kpi}`);
  return found;
}

const achievements = (t: KpiTrend) => t.points.map((p) => p.achievement);
const changes = (t: KpiTrend) => t.points.map((p) => p.change);

describe('KPI trends, computed by hand', () => {
  const r = report(METRICS);

  it('higher is better: achievement per month, the change against February, improved', () => {
    const t = trend(r, '华东', '销售额');
    expect(t.points.map((p) => p.period)).toEqual(['2024-01', '2024-02', '2024-03']);
    // 80/100, 90/100, 120/100
    expect(achievements(t)).toEqual([0.8, 0.9, 1.2]);
    expect(changes(t)[0]).toBeNull();
    expect(changes(t)[1]).toBeCloseTo(0.1, 9);
    expect(changes(t)[2]).toBeCloseTo(0.3, 9);
    expect(t.change).toBeCloseTo(0.3, 9);
    expect(t.actualChange).toBeCloseTo(30, 9);
    expect(t).toMatchObject({ direction: 'higher', perspective: 'financial', improved: true });
  });

  it('lower is better: complaints falling from 12.5 to 8 is an improvement', () => {
    const t = trend(r, '华东', '投诉数');
    // 10/20, 10/12.5, 10/8
    expect(achievements(t)).toEqual([0.5, 0.8, 1.25]);
    expect(t.change).toBeCloseTo(0.45, 9);
    expect(t.actualChange).toBeCloseTo(-4.5, 9);
    expect(t).toMatchObject({ direction: 'lower', improved: true });
  });

  it('a range: leaving the 80–90 band is no improvement', () => {
    const t = trend(r, '华东', '满意度');
    // 90/95 above the band, 1 inside, 70/80 below
    expect(t.points[0]!.achievement).toBeCloseTo(90 / 95, 9);
    expect(t.points[1]!.achievement).toBe(1);
    expect(t.points[2]!.achievement).toBeCloseTo(0.875, 9);
    expect(t.change).toBeCloseTo(-0.125, 9);
    expect(t).toMatchObject({ direction: 'range', improved: false });
  });

  it('steady growth: still growing is improved, even when growth slowed', () => {
    const t = trend(r, '华东', '活跃用户');
    // No January achievement (nothing before it), then 1100/1000 and 1155/1100.
    expect(t.points[0]!.achievement).toBeNull();
    expect(t.points[1]!.achievement).toBeCloseTo(1.1, 9);
    expect(t.points[2]!.achievement).toBeCloseTo(1.05, 9);
    expect(t.change).toBeCloseTo(-0.05, 9);
    expect(t.actualChange).toBeCloseTo(55, 9);
    expect(t).toMatchObject({ direction: 'trend', improved: true });
  });

  it('a department without the previous period has empty points and no verdict', () => {
    const t = trend(r, '华南', '销售额');
    expect(achievements(t)).toEqual([null, null, 1]);
    expect(t).toMatchObject({ change: null, actualChange: null, improved: null });
  });

  it('gives a trend to every department × KPI of the last period, and nothing else', () => {
    expect(r.trends).toHaveLength(2 * 4);
    expect(ScorecardReportSchema.parse(r).trends).toEqual(r.trends);
  });

  it('ends at the period asked for, using the periods before it', () => {
    const feb = report(METRICS, '2024-02');
    expect(feb.rows.every((x) => x.period === '2024-02')).toBe(true);
    const t = trend(feb, '华东', '投诉数');
    expect(t.points.map((p) => p.period)).toEqual(['2024-01', '2024-02']);
    expect(t.change).toBeCloseTo(0.3, 9);
    expect(t.improved).toBe(true);
    expect(feb.trends!.some((x) => x.department === '华南')).toBe(false);
  });

  it('keeps the last 12 periods of the metric sheets, skipping months without any values', () => {
    const rows: (string | number)[][] = [['期间', '部门', '指标', '数值']];
    // 2023-01 … 2024-03 except 2023-06: 14 months with values, so the window starts at 2023-03.
    for (let m = 0; m < 15; m++) {
      const year = 2023 + Math.floor(m / 12);
      const month = (m % 12) + 1;
      if (year === 2023 && month === 6) continue;
      rows.push([`${year}-${String(month).padStart(2, '0')}`, '华东', '销售额', 50 + m * 5]);
    }
    const t = trend(report(rows), '华东', '销售额');
    expect(t.points).toHaveLength(12);
    expect(t.points[0]!.period).toBe('2023-03');
    expect(t.points.map((p) => p.period)).not.toContain('2023-06');
    expect(t.points[11]).toMatchObject({ period: '2024-03', achievement: 1.2 });
  });

  it('a quarterly report trends over quarters only', () => {
    const rows = [...METRICS, ['2023-Q4', '华东', '销售额', 70], ['2024-Q1', '华东', '销售额', 100]];
    const q = report(rows, '2024-Q1');
    expect(trend(q, '华东', '销售额').points.map((p) => p.period)).toEqual(['2023-Q4', '2024-Q1']);
  });
});
