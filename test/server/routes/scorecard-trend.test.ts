import request from 'supertest';
import { ScorecardReportSchema } from '../../../shared/api/scorecard';
import type { ScorecardReport } from '../../../shared/engine/scorecard-types';
import { DEMO_ADMIN, DEMO_WORKSPACE, seedDemo } from '../../../server/demo/seed-demo';
import { databaseFactories } from '../../fixtures/databases';
import { rows, serviceOn, type Headers, type Service } from '../../fixtures/service';
import { leaks, plant, team } from '../security/findings/workspace';

/**
 * The trends over HTTP, on the demo workspace: they come from the same metric values the caller
 * may see as the scorecard does, so a trend never shows a department or a value its rows would not.
 */

/** Every trend point with a value is a row of the same report with the same value. */
function expectTrendsWithinRows(report: ScorecardReport): void {
  const rows = new Map(report.rows.map((r) => [`${r.period}|${r.department}|${r.kpi}`, r]));
  for (const t of report.trends ?? []) {
    for (const p of t.points) {
      if (p.actual === null && p.achievement === null) continue;
      const row = rows.get(`${p.period}|${t.department}|${t.kpi}`);
      expect(row).toBeDefined();
      expect({ actual: p.actual, achievement: p.achievement }).toEqual({ actual: row!.actual, achievement: row!.achievement });
    }
  }
}

describe.each(databaseFactories)('scorecard trends on $name', (factory) => {
  let service: Service;
  let admin: Headers;
  const base = `/api/v1/workspaces/${DEMO_WORKSPACE}`;

  beforeAll(async () => {
    service = await serviceOn(factory);
    await seedDemo(service.deps);
    admin = await service.asUser(DEMO_ADMIN);
  });
  afterAll(() => service.close());

  it('carries a trend per department × KPI: 华东 ROI fell from 80% to 75% of its target', async () => {
    const res = await request(service.app).get(`${base}/scorecard`).set(admin).expect(200);
    const report = ScorecardReportSchema.parse(res.body);
    expect(new Set(report.trends!.map((t) => t.department))).toEqual(new Set(['华东运营部', '华南运营部']));
    const roi = report.trends!.find((t) => t.department === '华东运营部' && t.kpi === 'ROI')!;
    // 320000/100000 = 3.2 against ≥4, then 300000/100000 = 3.
    expect(roi.points.map((p) => [p.period, p.achievement])).toEqual([
      ['2024-01', 0.8],
      ['2024-02', 0.75],
    ]);
    expect(roi.change).toBeCloseTo(-0.05, 9);
    expect(roi.improved).toBe(false);
    // Review time (≤4 hours) fell from 3.8 to 3.6 hours: lower is better, so it improved.
    const review = report.trends!.find((t) => t.department === '华东运营部' && t.kpi === '审核时长')!;
    expect(review.actualChange).toBeCloseTo(-0.2, 9);
    expect(review.improved).toBe(true);
    expectTrendsWithinRows(report);
  });

  it('a masked analyst’s trends hold only what its scorecard rows hold', async () => {
    const wang = await service.asUser('wangwu@example.cn');
    const res = await request(service.app).get(`${base}/scorecard`).set(wang).expect(200);
    const report = ScorecardReportSchema.parse(res.body);
    expect(report.trends!.length).toBeGreaterThan(0);
    expectTrendsWithinRows(report);
  });

  it('an own-department role’s trends hold its department only; a masked analyst’s no clear core value', async () => {
    const people = await team(service);
    const ws = 'trend-scope';
    await plant(service, ws, people);
    const metric = (period: string, department: string, name: string, value: number) => ({ period, department, metric: name, value });
    const values = [
      ...['2024-01', '2024-02'].flatMap((period, i) =>
        ['华东运营部', '华南运营部'].flatMap((department, d) => [
          metric(period, department, '付费订单', 300 + 10 * i + d),
          metric(period, department, '访客数', 10000),
          metric(period, department, '利润', 200000 + 50000 * i + 10000 * d),
          metric(period, department, '营销投入', 100000),
        ]),
      ),
    ];
    const pushed = await service.push(people.boss, ws, 'metrics.xlsx', '指标', { kind: 'metrics', rows: rows(...values) }, { ifMatch: null });
    expect(pushed.status).toBe(200);

    const ops = await request(service.app).get(`/api/v1/workspaces/${ws}/scorecard`).set(people.ops).expect(200);
    const own = ScorecardReportSchema.parse(ops.body);
    expect(new Set(own.trends!.map((t) => t.department))).toEqual(new Set(['华东运营部']));
    expect(own.trends!.map((t) => t.kpi).sort()).toEqual(['ROI', '转化率']);
    // 华东 ROI: 2.0 then 2.5 against ≥2.
    expect(own.trends!.find((t) => t.kpi === 'ROI')!.points.map((p) => p.achievement)).toEqual([1, 1.25]);
    expect(JSON.stringify(own)).not.toContain('华南运营部');
    expectTrendsWithinRows(own);

    const ana = await request(service.app).get(`/api/v1/workspaces/${ws}/scorecard`).set(people.ana).expect(200);
    expect(leaks(ana)).toEqual([]);
    expectTrendsWithinRows(ScorecardReportSchema.parse(ana.body));
  });
});
