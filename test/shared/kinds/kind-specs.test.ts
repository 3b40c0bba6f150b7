import { KIND_SPECS, gridFromRows, naturalKey } from '../../../shared/kinds/kind-specs';
import { SHEET_KINDS } from '../../../shared/kinds/sheet-kind';
import { recogniseSheet } from '../../../shared/workbook/analyse';

describe('synced rows and natural keys', () => {
  it.each(SHEET_KINDS.map((k) => [k]))('a grid rebuilt from %s rows is recognised as that kind', (kind) => {
    const grid = gridFromRows('S', kind, []);
    expect(recogniseSheet(grid)?.room.kind).toBe(kind);
    expect(grid.rows[0]).toHaveLength(KIND_SPECS[kind].length);
  });

  it.each([
    ['kpi', { name: ' 轉化率 ' }, '转化率'],
    ['metrics', { period: '2024年3月', department: '华东', metric: 'ROI' }, '2024-03 / 华东 / roi'],
    ['metrics', { period: '2024-03', department: '华东', metric: 'roi' }, '2024-03 / 华东 / roi'],
    ['gantt', { task: '市场推广' }, '市场推广'],
    ['kpi', { name: '' }, null],
    ['metrics', { period: '2024-03', department: '华东' }, null],
  ] as const)('%s %j has key %j', (kind, cells, key) => {
    expect(naturalKey(kind, cells)).toBe(key);
  });
});
