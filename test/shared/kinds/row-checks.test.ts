import type { Issue } from '../../../shared/issues/issue';
import { KeyRegistry } from '../../../shared/kinds/row-checks';
import type { LocatedTable } from '../../../shared/table/locate';

const table: LocatedTable<'a' | 'b'> = {
  sheet: 'S',
  headerRow: 0,
  columns: { a: { col: 0, header: 'A' }, b: { col: 2, header: 'B' } },
  rows: [],
};

describe('KeyRegistry', () => {
  it('claims each folded key once, reporting a repeat at the key column with the first row', () => {
    const keys = new KeyRegistry(table, 'b');
    const issues: Issue[] = [];
    expect(keys.claim(['轉化率', 'Q1'], 1, issues)).toBe(true);
    expect(keys.claim(['转化率', 'q 1'], 4, issues)).toBe(false);
    expect(keys.claim(['转化率', 'Q2'], 5, issues)).toBe(true);
    expect(keys.claim(['Q1', '转化率'], 6, issues)).toBe(true);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'row.duplicate-key', sheet: 'S', cell: 'C5', params: { key: '转化率 / q 1', first: 'C2' } }),
    ]);
  });

  it('names a one-part key as written', () => {
    const keys = new KeyRegistry(table, 'a');
    const issues: Issue[] = [];
    keys.claim(['ROI'], 1, issues);
    keys.claim([' roi'], 2, issues);
    expect(issues.map((i) => [i.cell, i.params])).toEqual([['A3', { key: ' roi', first: 'A2' }]]);
  });
});
