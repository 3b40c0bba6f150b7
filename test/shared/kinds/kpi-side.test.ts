import { localizeIssue } from '../../../shared/i18n/messages';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import { HANDBOOK_DASHBOARD_TABLE, HANDBOOK_KPI_TABLE } from '../../../server/demo/handbook-tables';
import { grid } from '../../fixtures/grids';

const codes = (a: ReturnType<typeof analyseWorkbook>) => a.issues.map((i) => [i.code, i.cell, i.severity]);

describe('KPI definitions', () => {
  it("flags the handbook's table as printed: weights add up to 75%, at the weight cells", () => {
    const a = analyseWorkbook([grid('KPI', HANDBOOK_KPI_TABLE)]);
    expect(a.sheets).toEqual([{ name: 'KPI', kind: 'kpi' }]);
    const weights = a.issues.find((i) => i.code === 'kpi.weights-total')!;
    expect(weights).toMatchObject({ sheet: 'KPI', cell: 'D2:D4', severity: 'error', params: { total: 0.75 } });
    expect(localizeIssue(weights, 'zh-CN').message).toBe('权重合计为 75%，应为 100%。');
    expect(localizeIssue(weights, 'en-US').suggestion).toBe('Add 25% to the weights, or add the missing KPIs.');
    // Without metric values nothing can be said about the formulas' names; without a
    // perspective column the KPIs count only in the overall score, which deserves a warning.
    expect(codes(a)).toEqual([
      ['kpi.perspective-missing', 'A1', 'warning'],
      ['kpi.weights-total', 'D2:D4', 'error'],
    ]);
  });

  it('finds the table wherever it starts', () => {
    const a = analyseWorkbook([grid('考核', HANDBOOK_KPI_TABLE, { row: 3, col: 2 })]);
    expect(a.issues.find((i) => i.code === 'kpi.weights-total')?.cell).toBe('F5:F7');
  });

  it('accepts weights that add up to 100% however they are written', () => {
    const a = analyseWorkbook([
      grid('K', [['KPI', '目标值', '权重', '维度'], ['A', '≥1', 0.333, '财务'], ['B', '≥1', '33.3%', '客户'], ['C', '≥1', '33.4', '流程']]),
    ]);
    expect(a.issues).toEqual([]);
    expect(a.records.kpis.map((k) => k.weight)).toEqual([0.333, 0.333, 0.334]);
  });

  it.each([
    [['X', 'abc', '50%', '财务'], 'kpi.target-invalid', 'B2'],
    [['X', '≥1', '150', '财务'], 'kpi.weight-invalid', 'C2'],
    [['X', '≥1', '50%', '市场'], 'kpi.perspective-invalid', 'D2'],
    [['X', null, '50%', '财务'], 'cell.required', 'B2'],
  ])('reports %j as %s at %s', (row, code, cell) => {
    const a = analyseWorkbook([grid('K', [['KPI', '目标值', '权重', '维度'], row, ['Y', '≥1', '50%', '客户']])]);
    expect(a.issues.map((i) => [i.code, i.cell])).toContainEqual([code, cell]);
    expect(a.issues.find((i) => i.code === code)?.severity).toBe('error');
  });

  it('reads a weight typed "150%" as 150%, and says the weights add up to 200% (not 1.5%)', () => {
    const a = analyseWorkbook([grid('K', [['KPI', '目标值', '权重', '维度'], ['X', '≥1', '150%', '财务'], ['Y', '≥1', '50%', '客户']])]);
    expect(a.records.kpis.map((k) => k.weight)).toEqual([1.5, 0.5]);
    const total = a.issues.find((i) => i.code === 'kpi.weights-total')!;
    expect(total).toMatchObject({ cell: 'C2:C3', severity: 'error', params: { total: 2 } });
    expect(localizeIssue(total, 'en-US').message).toBe('The weights add up to 200%, not 100%.');
    expect(localizeIssue(total, 'en-US').suggestion).toBe('Take 100% off the weights.');
    expect(a.issues.some((i) => i.code === 'kpi.weight-invalid')).toBe(false);
  });

  it('reports a duplicate KPI, also when written in another script', () => {
    const a = analyseWorkbook([grid('K', [['KPI', '目标值', '权重'], ['轉化率', '≥1', '50%'], ['转化率', '≥1', '50%']])]);
    expect(a.issues).toContainEqual(
      expect.objectContaining({ code: 'row.duplicate-key', cell: 'A3', params: { key: '转化率', first: 'A2' } }),
    );
  });

  it('reports a formula that cannot be read, where it is', () => {
    const a = analyseWorkbook([grid('K', [['KPI', '公式', '目标值', '权重'], ['A', '付费订单//访客数', '≥1', '100%']])]);
    expect(a.issues).toContainEqual(expect.objectContaining({ code: 'kpi.formula-syntax', cell: 'B2', severity: 'error' }));
  });
});

describe('formulas across sheets', () => {
  const metrics = grid('指标', [
    ['期间', '部门', '指标', '数值'],
    ['2024-03', '华东', '付费订单', 30],
    ['2024-03', '华东', '访客数', 1000],
  ]);

  it('names an unknown metric and the one probably meant', () => {
    const kpis = grid('K', [['KPI', '公式', '目标值', '权重'], ['转化率', '付费订单/访客人数', '≥3%', '100%']]);
    const a = analyseWorkbook([kpis, metrics]);
    const unknown = a.issues.find((i) => i.code === 'kpi.formula-unknown-name')!;
    expect(unknown).toMatchObject({ cell: 'B2', params: { name: '访客人数', closest: '访客数' } });
    expect(localizeIssue(unknown, 'en-US').suggestion).toBe('Did you mean “访客数”?');
  });

  it('reports KPIs that depend on each other, once, with the path', () => {
    const kpis = grid('K', [
      ['KPI', '公式', '目标值', '权重'],
      ['A', 'B * 2', '≥1', '50%'],
      ['B', 'C + 付费订单', '≥1', '25%'],
      ['C', 'A / 访客数', '≥1', '25%'],
    ]);
    const cycles = analyseWorkbook([kpis, metrics]).issues.filter((i) => i.code === 'kpi.formula-cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatchObject({ cell: 'B2', params: { path: ['A', 'B', 'C', 'A'] } });
  });

  it('lets a KPI report the metric of its own name without calling it a cycle', () => {
    const kpis = grid('K', [['KPI', '公式', '目标值', '权重'], ['访客数', '访客数', '≥500', '50%'], ['付费订单', '', '≥10', '50%']]);
    expect(analyseWorkbook([kpis, metrics]).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('metric values and dashboard metrics', () => {
  it('reports periods and values that cannot be read, and duplicate keys', () => {
    const a = analyseWorkbook([
      grid('M', [
        ['期间', '部门', '指标', '数值'],
        ['2024-13', '华东', '访客数', 1],
        ['2024-03', '华东', '访客数', 'many'],
        ['2024年3月', '华东', '付费订单', '1,200'],
        ['2024-03', '华东', '付费订单', 3],
      ]),
    ]);
    expect(codes(a)).toEqual([
      ['metrics.period-invalid', 'A2', 'error'],
      ['metrics.value-invalid', 'D3', 'error'],
      ['row.duplicate-key', 'C5', 'error'],
    ]);
    expect(a.records.metrics).toEqual([expect.objectContaining({ periodKey: '2024-03', metric: '付费订单', value: 1200 })]);
  });

  it("reads the handbook's dashboard table, trend target included", () => {
    const a = analyseWorkbook([grid('看板', HANDBOOK_DASHBOARD_TABLE)]);
    expect(a.issues).toEqual([]);
    expect(a.records.dashboard.map((d) => [d.metric, d.target?.kind])).toEqual([
      ['日活跃用户', 'trend'],
      ['转化率', 'higher'],
      ['用户留存次日', 'higher'],
    ]);
  });

  it('reports a dashboard target range that cannot be read', () => {
    const a = analyseWorkbook([grid('看板', [['指标名称', '数据来源', '目标范围'], ['留存', '统计', '尽量高']])]);
    expect(codes(a)).toEqual([['dashboard.target-invalid', 'C2', 'error']]);
  });
});
