import { localizeIssue } from '../../../shared/i18n/messages';
import type { CellValue } from '../../../shared/table/grid';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import { DEMO_CLASSIFICATION_TABLE } from '../../../server/demo/handbook-tables';
import { grid } from '../../fixtures/grids';

type Rows = readonly (readonly CellValue[])[];
const HEADER = ['字段', '级别', '脱敏规则'];
const analyse = (rows: Rows) => analyseWorkbook([grid('分类', rows)]);

describe('data classification (四(二)2-3)', () => {
  it('reads the demo table without an issue, rules and classes parsed', () => {
    const a = analyse(DEMO_CLASSIFICATION_TABLE);
    expect(a.sheets).toEqual([{ name: '分类', kind: 'classification' }]);
    expect(a.issues).toEqual([]);
    expect(a.records.classifiedFields.map((f) => [f.field, f.dataClass, f.rule])).toEqual([
      ['用户ID', 'core', 'hash'],
      ['手机号', 'core', 'hash'],
      ['地址', 'core', 'province'],
      ['年龄', 'core', 'age-band'],
      ['注册时间', 'internal', null],
      ['数据来源', 'public', null],
    ]);
  });

  it.each<[string, CellValue[], [string, string, string, object][]]>([
    ['a core field without a rule', ['身份证号', '核心', null], [['classification.core-unmasked', 'C2', 'error', { field: '身份证号' }]]],
    ['a core field whose rule says none', ['身份证号', '核心', '不脱敏'], [['classification.core-unmasked', 'C2', 'error', { field: '身份证号' }]]],
    ['an unknown class', ['地址', '绝密级', '只保留省份'], [['classification.class-invalid', 'B2', 'error', { input: '绝密级' }]]],
    ['"非公开" is not a class', ['地址', '非公开', '只保留省份'], [['classification.class-invalid', 'B2', 'error', { input: '非公开' }]]],
    ['an unknown rule (and no second issue for the same cell)', ['地址', '核心', '加密'], [['classification.rule-invalid', 'C2', 'error', { input: '加密' }]]],
    ['an internal field needs no rule', ['注册时间', '内部', null], []],
    ['a public field may have a rule', ['城市', '公开', '掩码'], []],
    ['English words', ['Phone', 'core', 'hash'], []],
    ['Traditional words', ['地址', '核心', '只保留省份'], []],
    ['a class with a suffix and a gloss', ['年龄', '核心数据 (core)', '年龄段'], []],
    ['a missing class', ['年龄', null, '年龄段'], [['cell.required', 'B2', 'error', { column: '级别' }]]],
  ])('%s', (_name, row, expected) => {
    const a = analyse([HEADER, row]);
    expect(a.issues.map((i) => [i.code, i.cell, i.severity, i.params])).toEqual(expected);
  });

  it('without a masking column, a core field is reported at its class cell', () => {
    const a = analyse([['字段', '级别'], ['手机号', '核心']]);
    expect(a.issues.map((i) => [i.code, i.cell])).toEqual([['classification.core-unmasked', 'B2']]);
  });

  it('reports a field twice, and reads Traditional and English headers', () => {
    expect(analyse([['欄位', '級別', '脫敏規則'], ['手机号', '核心', 'HMAC'], ['手機號', '核心', 'HMAC']]).issues).toEqual([
      expect.objectContaining({ code: 'row.duplicate-key', cell: 'A3' }),
    ]);
    expect(analyseWorkbook([grid('C', [['Field', 'Class', 'Masking'], ['phone', 'core', 'HMAC']])]).sheets).toEqual([{ name: 'C', kind: 'classification' }]);
  });

  it('says what to write, in both languages', () => {
    const a = analyse([HEADER, ['身份证号', '核心', null]]);
    expect(localizeIssue(a.issues[0]!, 'zh-CN').message).toBe('核心字段“身份证号”没有脱敏规则。');
    expect(localizeIssue(a.issues[0]!, 'en-US').suggestion).toBe('Give it a rule: province only, age band, hash (HMAC) or mask.');
  });
});
