import fc from 'fast-check';
import { KEY_FIELDS, naturalKey, naturalKeyer } from '../../../shared/kinds/kind-specs';
import { SHEET_KINDS } from '../../../shared/kinds/sheet-kind';
import type { CellValue } from '../../../shared/table/grid';

/** naturalKeyer remembers each key field's folded values; its keys are naturalKey's, row for row. */

const value = fc.oneof(
  fc.constantFrom<CellValue>(null, '', ' ', '2024-03', '2024年3月', '2024 Q1', 'March 2024', '202403', 2024, 202403, 45366, 0, -0, 1.5, true, false, ' 轉化率 ', '转化率', 'ROI', 'roi', '华东', 'Mars 2024'),
  fc.string({ maxLength: 6 }),
);

describe('naturalKeyer', () => {
  it.each(SHEET_KINDS.map((k) => [k]))('gives naturalKey\'s keys for %s rows, repeated values included', (kind) => {
    const fields = [...KEY_FIELDS[kind], 'other'];
    const row = fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: fields.length });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const keyOf = naturalKeyer(kind);
        for (const cells of [...rows, ...rows]) expect(keyOf(cells)).toBe(naturalKey(kind, cells));
      }),
      { numRuns: 300 },
    );
  });
});
