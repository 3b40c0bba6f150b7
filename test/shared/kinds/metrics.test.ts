import { analyseWorkbook } from '../../../shared/workbook/analyse';
import { grid } from '../../fixtures/grids';

const HEADER = ['期间', '部门', '指标', '数值'];

describe('metric values', () => {
  it('reads a value per period, department and metric, cells trimmed', () => {
    const a = analyseWorkbook([grid('指标', [HEADER, [' 2024-03 ', '\u3000华东\u3000', 'ROI ', 3.5]])]);
    expect(a.issues).toEqual([]);
    expect(a.records.metrics).toEqual([
      { sheet: '指标', row: 1, period: expect.anything(), periodKey: '2024-03', department: '华东', metric: 'ROI', value: 3.5 },
    ]);
  });

  it('reports a duplicate key, its parts folded, at the metric cell of the later row', () => {
    const a = analyseWorkbook([
      grid('指标', [HEADER, ['2024-03', 'East', '轉化率', 1], ['2024年3月', 'east', '转 化率', 2], ['2024-04', 'East', '轉化率', 3]], { row: 1, col: 1 }),
    ]);
    expect(a.issues).toEqual([
      expect.objectContaining({ code: 'row.duplicate-key', sheet: '指标', cell: 'D4', params: { key: '2024-03 / east / 转 化率', first: 'D3' } }),
    ]);
    expect(a.records.metrics.map((m) => [m.periodKey, m.value])).toEqual([
      ['2024-03', 1],
      ['2024-04', 3],
    ]);
  });

  it('keeps keys whose parts differ apart, whichever part differs', () => {
    const a = analyseWorkbook([
      grid('指标', [HEADER, ['2024-03', 'A', 'x', 1], ['2024-03', 'A', 'y', 2], ['2024-03', 'B', 'x', 3], ['2024-04', 'A', 'x', 4]]),
    ]);
    expect(a.issues).toEqual([]);
    expect(a.records.metrics).toHaveLength(4);
  });

  it('analyses a sheet with more issues than a call can take arguments', () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => ['not a period', 'A', `m${i}`, 'not a number']);
    const a = analyseWorkbook([grid('指标', [HEADER, ...rows])]);
    expect(a.issues).toHaveLength(140_000);
    expect(a.issues[0]).toMatchObject({ code: 'metrics.period-invalid', cell: 'A2' });
  });
});
