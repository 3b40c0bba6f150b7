import type { Access } from '../../../server/access/enforce';
import { csvCell, toCsv } from '../../../server/access/masking/csv';
import { fieldKey } from '../../../server/access/masking/field-names';
import { valueMasker } from '../../../server/access/masking/mask-value';
import { restoreMaskedCells } from '../../../server/access/masking/round-trip';
import { departmentOfKey, rowAccessor } from '../../../server/access/masking/row-access';
import { ruleOf, rulesFromClassification } from '../../../server/access/masking/rules';
import { sheetMasking } from '../../../server/access/masking/sheet-masking';
import { isPseudonym } from '../../../server/access/pseudonym';
import { compilePolicy, decide } from '../../../shared/engine/policy';
import type { ClassifiedField } from '../../../shared/kinds/classification/types';

/** The pieces of server/access/masking, one by one; the routes' suites test them end to end. */

const KEY = new Uint8Array(32).fill(9);
const field = (name: string, dataClass: ClassifiedField['dataClass'], rule: ClassifiedField['rule']): ClassifiedField => ({
  sheet: 'c',
  row: 1,
  field: name,
  dataClass,
  rule,
  cells: { field: 'A2', class: 'B2', masking: 'C2' },
});

describe('field names', () => {
  it('meet across languages, scripts, cases and notes', () => {
    expect(new Set(['手机号', '手機號碼', 'Phone', 'phone', '手机号（加密）', 'mobile number'].map(fieldKey))).toEqual(new Set(['phone']));
    expect(fieldKey('用户ID')).toBe('user_id');
    expect(fieldKey('身份证号')).toBe('id_number');
    expect(fieldKey('负责人')).toBe(fieldKey('負責人'));
  });
});

describe('rules', () => {
  it('fail closed: a core field without a readable rule, or of an unreadable class, is masked entirely', () => {
    const rules = rulesFromClassification([field('备注', 'core', null), field('等级', null, null), field('地址', 'core', 'province')]);
    expect(ruleOf(rules, '备注')).toBe('fixed');
    expect(ruleOf(rules, '等级')).toBe('fixed');
    expect(ruleOf(rules, 'address')).toBe('province');
  });

  it('masks well-known identifiers by default, unless the classification declares them otherwise', () => {
    expect(ruleOf(rulesFromClassification([]), 'phone')).toBe('hash');
    expect(ruleOf(rulesFromClassification([field('手机号', 'internal', null)]), 'phone')).toBeNull();
    expect(ruleOf(rulesFromClassification([]), 'registered_at')).toBeNull();
  });

  it('the stricter rule wins when two rows name one field', () => {
    expect(ruleOf(rulesFromClassification([field('电话', 'core', 'hash'), field('手机号', 'core', 'fixed')]), 'phone')).toBe('fixed');
  });
});

describe('values', () => {
  const mask = valueMasker(KEY, 'zh-CN');
  it('address → province, age → band, identifiers → keyed pseudonyms, the rest → ***, empty stays empty', () => {
    expect(mask('province', '广东省广州市天河区')).toBe('广东省');
    expect(mask('province', 'somewhere')).toBe('***');
    expect(mask('age-band', 28)).toBe('25-29岁');
    expect(isPseudonym(String(mask('hash', 13800000001)))).toBe(true);
    expect(mask('hash', 13800000001)).toBe(mask('hash', ' 13800000001'));
    expect(mask('hash', true)).toBe('***');
    expect(mask('fixed', 'anything')).toBe('***');
    expect(mask('hash', null)).toBeNull();
  });
});

describe('CSV', () => {
  it('prefixes what a spreadsheet would run, quotes what needs it, writes numbers as numbers', () => {
    expect(['=1+1', '+1', '-x', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-x", "'@SUM(A1)", "'\tx", "\"'\rx\""]);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(toCsv(['a'], [[null], [true]])).toBe('\ufeffa\r\n\r\nTRUE\r\n');
  });
});

describe('rows', () => {
  const policy = compilePolicy([
    { role: '运营', scope: { kind: 'own-department', masked: false }, operations: ['view'], members: ['ops@x.cn'] },
    { role: '分析', scope: { kind: 'global', masked: true }, operations: ['view'], members: ['ops@x.cn'] },
  ]);
  const user = { email: 'ops@x.cn', groups: [], department: '华东' };
  const check = (data: { department?: string }) => decide(policy, user, { ...data, operation: 'view' });
  const access: Access = {
    workspace: 'w',
    operation: 'view',
    via: 'policy',
    policyRevision: 1,
    scope: { kind: 'global' },
    masked: true,
    roles: ['运营', '分析'],
    decision: check({}),
    check,
  };

  it('a user with an unmasked own-department role and a masked global one sees their department in clear', () => {
    const seen = rowAccessor(access, 'metrics');
    expect(seen('华东')).toEqual({ visible: true, masked: false });
    expect(seen('华南')).toEqual({ visible: true, masked: true });
    expect(rowAccessor(access, 'kpi')('华东')).toEqual({ visible: true, masked: true });
  });

  it('reads the department of a metric key, and gives up (null) on one it cannot split', () => {
    expect(departmentOfKey('metrics', '2024-03 / 华东 / 访客数')).toBe('华东');
    expect(departmentOfKey('metrics', '2024-03 / a / b / c')).toBeNull();
    expect(departmentOfKey('kpi', 'roi')).toBeNull();
  });

  it('puts back the stored value of a masked cell pushed back unchanged, and keeps real edits', () => {
    const masking = sheetMasking('kpi', rulesFromClassification([field('负责人', 'core', 'hash')]), valueMasker(KEY, 'en-US'));
    const stored = [{ key: 'roi', cells: { name: 'ROI', owner: '张三', target: '≥4' }, deleted: false, revision: 1 }];
    const seen = masking.cells(stored[0]!.cells);
    const back = restoreMaskedCells('kpi', [{ ...seen, target: '≥5' }, { name: 'New', owner: '李四' }], stored, masking, () => true);
    expect(back).toEqual([
      { name: 'ROI', owner: '张三', target: '≥5' },
      { name: 'New', owner: '李四' },
    ]);
    const edited = restoreMaskedCells('kpi', [{ ...seen, owner: '王五' }], stored, masking, () => true);
    expect(edited[0]!['owner']).toBe('王五');
  });
});
