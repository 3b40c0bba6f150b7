import { computeLocalScorecard } from '../../../addin/taskpane/local-scorecard';
import { GridWorkbook } from '../../fixtures/grid-workbook';

const KPI = [
  ['KPI', '公式', '目标值', '权重', '维度'],
  ['转化率', '订单数/访问量', '≥3%', 1, '客户'],
];
const METRICS = [
  ['期间', '部门', '指标', '数值'],
  ['2024-03', '销售部', '订单数', 33],
  ['2024-03', '销售部', '访问量', 1000],
];

/** "Compute from this workbook" says why it has nothing to write, instead of writing an empty scorecard (issue 17, item 4). */
describe('computeLocalScorecard', () => {
  it('computes the workbook’s scorecard', async () => {
    const local = await computeLocalScorecard(new GridWorkbook({ KPI, 指标: METRICS }), undefined);
    expect(local.zeroRows).toBeNull();
    expect(local.report.rows).toHaveLength(1);
  });

  it.each([
    ['no KPI sheet', { 指标: METRICS }, undefined, 'no-kpis'],
    ['no metric values', { KPI }, undefined, 'no-metrics'],
    ['no values for the period', { KPI, 指标: METRICS }, '2023-01', 'no-period'],
  ] as const)('says why there are 0 rows: %s', async (_name, sheets, period, reason) => {
    const local = await computeLocalScorecard(new GridWorkbook(sheets as never), period);
    expect(local.report.rows).toHaveLength(0);
    expect(local.zeroRows).toBe(reason);
  });
});
