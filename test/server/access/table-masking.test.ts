import { pseudonymizer, isPseudonym } from '../../../server/access/pseudonym';
import { valueMasker } from '../../../server/access/masking/mask-value';
import { rulesFromClassification } from '../../../server/access/masking/rules';
import { sheetMasking } from '../../../server/access/masking/sheet-masking';
import type { ClassifiedField } from '../../../shared/kinds/classification/types';
import { columnField } from '../../../shared/kinds/table/field-names';

/** A data table's rows as a masked caller receives them: its columns judged by their headers, its key failing closed. */
const KEY = new Uint8Array(32).fill(5);
const field = (name: string, dataClass: ClassifiedField['dataClass'], rule: ClassifiedField['rule'] = null): ClassifiedField => ({
  sheet: 'c',
  row: 1,
  field: name,
  dataClass,
  rule,
  cells: { field: 'A2', class: 'B2', masking: 'C2' },
});
const masked = (classification: ClassifiedField[]) => sheetMasking('table', rulesFromClassification(classification), valueMasker(KEY, 'en-US'), pseudonymizer(KEY));
const CUSTOMER = columnField('客户')!;
const row = { key: 'U1001', user_ref: 'U1001', [CUSTOMER]: '张三', total_amount: 199 };

describe('masking a data table', () => {
  it('without a classification: the key as a pseudonym (still one per value), every other column masked whole', () => {
    const m = masked([]);
    const seen = m.cells(row);
    expect(isPseudonym(String(seen['key']))).toBe(true);
    expect(m.cells({ ...row })['key']).toBe(seen['key']);
    expect(m.key('U1001')).not.toContain('U1001');
    expect(seen['total_amount']).toBe('***');
    expect(seen[CUSTOMER]).toBe('***');
  });

  it('classified by header: a Chinese header through its field name, internal amounts in clear, an open key in clear', () => {
    const m = masked([field('客户', 'core', 'hash'), field('total_amount', 'internal'), field('键', 'internal')]);
    const seen = m.cells(row);
    expect(isPseudonym(String(seen[CUSTOMER]))).toBe(true);
    expect(seen['total_amount']).toBe(199);
    expect(seen['key']).toBe('U1001');
  });
});
