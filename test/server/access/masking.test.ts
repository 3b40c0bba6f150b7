import type { Access } from '../../../server/access/enforce';
import { pseudonymizer } from '../../../server/access/pseudonym';
import { csvCell, toCsv } from '../../../server/access/masking/csv';
import { fieldKey } from '../../../server/access/masking/field-names';
import { valueMasker } from '../../../server/access/masking/mask-value';
import { restoreMaskedCells } from '../../../server/access/masking/round-trip';
import { departmentOfKey, rowAccessor } from '../../../server/access/masking/row-access';
import { extraRule, ruleOf, rulesFromClassification } from '../../../server/access/masking/rules';
import { sheetMasking } from '../../../server/access/masking/sheet-masking';
import { isPseudonym } from '../../../server/access/pseudonym';
import { compilePolicy, decide, type AccessRequest } from '../../../shared/engine/policy';
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

  it.each([
    ['家庭地址', 'address'],
    ['地址1', 'address'],
    ['home_address', 'address'],
    ['tel_no', 'phone'],
    ['contactPhone', 'phone'],
    ['id_no', 'id_number'],
    ['年龄 岁', 'age'],
    ['银行卡号', 'bank_card'],
    ['birthday', 'birth_date'],
    ['姓名', 'person_name'],
    ['paid_amount', 'paidamount'],
    ['width', 'width'],
  ])('%s contains the alias of %s', (name, key) => {
    expect(fieldKey(name)).toBe(key);
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

  it('an extra field fails closed: masked entirely unless classified public or internal, or known plain', () => {
    const rules = rulesFromClassification([field('城市等级', 'internal', null)]);
    expect(extraRule(rules, 'city_level')).toBe('fixed');
    expect(extraRule(rules, '城市等级')).toBeNull();
    expect(extraRule(rules, 'registered_at')).toBeNull();
    expect(extraRule(rules, '家庭地址')).toBe('province');
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
  const check = (data: Omit<AccessRequest, 'operation'>) => decide(policy, user, { ...data, operation: 'view' });
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
    may: (operation, data) => decide(policy, user, { ...data, operation }),
    reaches: () => true,
    administers: false,
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

  const masking = sheetMasking('kpi', rulesFromClassification([field('负责人', 'core', 'hash')]), valueMasker(KEY, 'en-US'), pseudonymizer(KEY));
  const stored = [{ key: 'roi', cells: { name: 'ROI', owner: '张三', target: '≥4', phone: '13800138000', level: 3 }, deleted: false, revision: 1 }];

  it('masks every field by one rule: classified columns, extra fields by name (failing closed), identifier shapes anywhere', () => {
    const seen = masking.cells({ ...stored[0]!.cells, remark: 'call 13800138000' });
    expect(isPseudonym(String(seen['owner']))).toBe(true);
    expect(isPseudonym(String(seen['phone']))).toBe(true);
    expect(seen['level']).toBe('***');
    expect(seen['remark']).toBe('***');
    expect(seen['target']).toBe('≥4');
    expect(masking.cell('name', 'ask 13800138000')).toBe(`ask ${String(seen['phone'])}`);
  });

  it('puts back the stored value of any masked cell pushed back unchanged, and keeps real edits', () => {
    const seen = masking.cells(stored[0]!.cells);
    const back = restoreMaskedCells('kpi', [{ ...seen, target: '≥5' }, { name: 'New', owner: '李四' }], [], stored, masking, () => true);
    expect(back.rows).toEqual([
      { name: 'ROI', owner: '张三', target: '≥5', phone: '13800138000', level: 3 },
      { name: 'New', owner: '李四' },
    ]);
    expect(back.unmatched).toEqual([]);
    const edited = restoreMaskedCells('kpi', [{ ...seen, owner: '王五' }], [], stored, masking, () => true);
    expect(edited.rows[0]!['owner']).toBe('王五');
  });

  it('reports rows still holding masks that stand for nothing stored', () => {
    const seen = masking.cells(stored[0]!.cells);
    const copied = restoreMaskedCells('kpi', [{ ...seen, name: 'Copy' }], [], stored, masking, () => true);
    expect(copied.unmatched).toEqual([0]);
  });
});
