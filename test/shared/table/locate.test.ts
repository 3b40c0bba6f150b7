import { KPI_SPEC } from '../../../shared/kinds/kpi/spec';
import { cellText, findHeader, readTable, trimmed } from '../../../shared/table/locate';
import { recogniseSheet } from '../../../shared/workbook/analyse';
import { grid } from '../../fixtures/grids';

describe('finding a table', () => {
  it('finds the header row wherever the table starts, below a title', () => {
    const g = grid('Sheet1', [['关键指标分解示例'], [], ['KPI', '公式', '目标值', '权重'], ['ROI', '利润/营销投入', '≥4', '25%']], { row: 2, col: 1 });
    const header = findHeader(g, KPI_SPEC)!;
    expect(header.row).toBe(4);
    expect(header.columns.name).toEqual({ col: 1, header: 'KPI' });
    const table = readTable(g, header);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]!.row).toBe(5);
    expect(table.rows[0]!.cells).toEqual({ name: 'ROI', formula: '利润/营销投入', target: '≥4', weight: '25%' });
  });

  it.each([
    ['Simplified', ['KPI', '公式', '目标值', '权重', '维度']],
    ['Traditional', ['KPI', '公式', '目標值', '權重', '維度']],
    ['English', ['KPI', 'Formula', 'Target', 'Weight', 'Perspective']],
    ['English, other case and notes', ['kpi', 'FORMULA', 'Target (value)', 'Weight (%)', 'perspective']],
    ['full-width notes', ['KPI', '公式', '目标值（％）', '权重（%）', '维度']],
  ])('recognises a KPI header in %s', (_label, header) => {
    const g = grid('S', [header, ['A', 'x', '≥1', '100%', '财务']]);
    const found = recogniseSheet(g);
    expect(found?.room.kind).toBe('kpi');
    expect(found?.header.matched).toBe(5);
  });

  it.each([
    ['metrics', ['期间', '部门', '指标', '数值']],
    ['metrics', ['期間', '部門', '指標', '數值']],
    ['metrics', ['Period', 'Department', 'Metric', 'Value']],
    ['dashboard', ['指标名称', '数据来源', '目标范围']],
    ['dashboard', ['指標名稱', '數據來源', '目標範圍']],
    ['dashboard', ['Metric', 'Source', 'Target range']],
  ])('recognises %s from %j', (kind, header) => {
    expect(recogniseSheet(grid('S', [header]))?.room.kind).toBe(kind);
  });

  it('recognises nothing in a sheet without a known header', () => {
    expect(recogniseSheet(grid('S', [['Name', 'Age'], ['Ann', 3]]))).toBeNull();
  });

  it('stops looking after the first 50 rows', () => {
    const g = grid('S', [['KPI', '公式', '目标值', '权重']], { row: 60 });
    expect(recogniseSheet(g)).toBeNull();
  });

  it('skips blank rows inside the table', () => {
    const g = grid('S', [['KPI', '目标值', '权重'], ['A', '≥1', '50%'], [null, '  ', null], ['B', '≥2', '50%']]);
    const table = readTable(g, findHeader(g, KPI_SPEC)!);
    expect(table.rows.map((r) => r.row)).toEqual([1, 3]);
  });

  it('trims cells, and reads cells that trim to nothing as blank', () => {
    const g = grid('S', [['KPI', '目标值', '权重'], [' A\u3000', '\u00a0', 0], ['\u3000', ' \n', null], [false, '≥1 ', '50%']]);
    const table = readTable(g, findHeader(g, KPI_SPEC)!);
    expect(table.rows).toEqual([
      { row: 1, cells: { name: 'A', weight: 0 } },
      { row: 3, cells: { name: false, target: '≥1', weight: '50%' } },
    ]);
  });
});

describe('trimmed', () => {
  it('is String.prototype.trim for every character at either end', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `${ch}x`, `x${ch}`, `${ch}中${ch}`]) {
        if (trimmed(text) !== text.trim()) throw new Error(`U+${c.toString(16)} in ${JSON.stringify(text)}`);
      }
    }
    expect(trimmed('')).toBe('');
    expect(cellText(' 华东 ')).toBe('华东');
  });
});
