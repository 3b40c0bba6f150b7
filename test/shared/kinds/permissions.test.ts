import { localizeIssue } from '../../../shared/i18n/messages';
import type { Issue } from '../../../shared/issues/issue';
import type { CellValue } from '../../../shared/table/grid';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import { DEFAULT_CORE_FIELDS } from '../../../shared/workbook/least-privilege';
import { DEMO_PERMISSION_TABLE, HANDBOOK_PERMISSION_TABLE } from '../../../server/demo/handbook-tables';
import { grid } from '../../fixtures/grids';

type Rows = readonly (readonly CellValue[])[];
const HEADER = ['用户角色', '数据范围', '操作权限', '成员'];
const brief = (issues: readonly Issue[]) => issues.map((i) => [i.code, i.cell, i.severity]);

function analyse(rows: Rows, more: { name: string; rows: Rows }[] = []) {
  return analyseWorkbook([grid('权限', rows), ...more.map((m) => grid(m.name, m.rows))]);
}

describe("the handbook's permission matrix (四(二)1)", () => {
  it('as printed: the findings a least-privilege reviewer writes, as warnings', () => {
    const a = analyse(HANDBOOK_PERMISSION_TABLE);
    expect(a.sheets).toEqual([{ name: '权限', kind: 'permissions' }]);
    // No members column: nobody holds any role (at the role cells). No classification sheet:
    // the handbook's own core fields (address, age, ID) are assumed, so 运营专员's unmasked
    // export is a finding. 数据分析师 exports nothing and sees masked data; 系统管理员 is an
    // administrator, so its global modify and delete are its job. No delete without modify.
    expect(a.issues.map((i) => [i.code, i.cell, i.severity, i.params])).toEqual([
      ['access.role-without-members', 'A2', 'warning', { role: '运营专员' }],
      ['access.export-core-data', 'C2', 'warning', { role: '运营专员', fields: ['地址', '年龄', 'ID'] }],
      ['access.role-without-members', 'A3', 'warning', { role: '数据分析师' }],
      ['access.role-without-members', 'A4', 'warning', { role: '系统管理员' }],
    ]);
    expect(DEFAULT_CORE_FIELDS).toEqual(['地址', '年龄', 'ID']);
    expect(localizeIssue(a.issues[1]!, 'zh-CN').message).toBe('“运营专员”可以导出未脱敏的数据，而 地址、年龄、ID 是核心字段。');
  });

  it('with members, only the export finding remains; the core fields come from the classification', () => {
    const classification = { name: '分类', rows: [['字段', '级别', '脱敏规则'], ['手机号', '核心', 'HMAC'], ['注册时间', '内部', '-']] };
    const a = analyse(DEMO_PERMISSION_TABLE, [classification]);
    expect(a.issues.map((i) => [i.code, i.cell, i.params])).toEqual([['access.export-core-data', 'C2', { role: '运营专员', fields: ['手机号'] }]]);
  });

  it('a classification without core fields: no export finding', () => {
    const a = analyse(DEMO_PERMISSION_TABLE, [{ name: '分类', rows: [['字段', '级别'], ['注册时间', '内部']] }]);
    expect(a.issues).toEqual([]);
  });

  it('parses the cells for the policy', () => {
    const matrix = analyse(DEMO_PERMISSION_TABLE).records.matrices[0]!;
    expect(matrix.hasMembersColumn).toBe(true);
    expect(matrix.rows.map((r) => [r.role, r.scope, r.operations, r.members])).toEqual([
      ['运营专员', { kind: 'own-department', masked: false, subject: '活动数据' }, ['view', 'export'], ['zhangsan@example.cn', 'lisi@example.cn', 'zhaoliu@example.cn']],
      ['数据分析师', { kind: 'global', masked: true }, ['view', 'analyze'], ['wangwu@example.cn']],
      ['系统管理员', { kind: 'global', masked: false }, ['view', 'modify', 'delete'], ['qianqi@example.cn']],
    ]);
    // Owners are matched by the name as well as the address.
    expect(matrix.rows[0]!.memberKeys).toEqual(expect.arrayContaining(['张三', 'zhangsan@examplecn']));
  });
});

describe('the closed vocabulary', () => {
  it.each<[string, CellValue[], [string, string, string][], object[]]>([
    ['an unknown operation, named', ['运营', '本部门', '查看、审批', 'a@x.cn'], [['access.operation-unknown', 'C2', 'error']], [{ word: '审批' }]],
    ['two unknown words', ['运营', '本部门', '查看、审批、打印', 'a@x.cn'], [['access.operation-unknown', 'C2', 'error'], ['access.operation-unknown', 'C2', 'error']], [{ word: '审批' }, { word: '打印' }]],
    ['a note on a word is not widened', ['运营', '本部门', '查看(仅本人)', 'a@x.cn'], [['access.operation-unknown', 'C2', 'error']], [{ word: '查看(仅本人)' }]],
    ['an unknown scope', ['运营', '部门数据', '查看', 'a@x.cn'], [['access.scope-invalid', 'B2', 'error']], [{ input: '部门数据' }]],
    ['Traditional and English words are known', ['运营', '本部門', '查看，編輯; Analyse', 'a@x.cn'], [], []],
    ['a missing scope', ['运营', null, '查看', 'a@x.cn'], [['cell.required', 'B2', 'error']], [{ column: '数据范围' }]],
  ])('%s', (_name, row, expected, params) => {
    const a = analyse([HEADER, row]);
    expect(brief(a.issues)).toEqual(expected);
    expect(a.issues.map((i) => i.params)).toEqual(params);
  });

  it('names the vocabulary in both languages', () => {
    const a = analyse([HEADER, ['运营', '本部门', '审批', 'a@x.cn']]);
    expect(localizeIssue(a.issues[0]!, 'zh-CN').message).toBe('“审批”不是操作权限，可用的操作为：查看、导出、分析、修改、删除。');
    expect(localizeIssue(a.issues[0]!, 'en-US').message).toBe('“审批” is not an operation: use view, export, analyze, modify, delete (查看、导出、分析、修改、删除).');
  });
});

describe('least privilege', () => {
  it.each<[string, CellValue[][], [string, string, object][]]>([
    ['delete without modify, at the operations cell', [['清理员', '本部门', '查看、删除', 'a@x.cn']], [['access.delete-without-modify', 'C2', { role: '清理员' }]]],
    ['global writes outside an admin role', [['运营经理', '全局', '查看、修改、删除', 'a@x.cn']], [['access.global-write-outside-admin', 'C2', { role: '运营经理', operations: ['modify', 'delete'] }]]],
    ['global writes by an administrator are its job', [['Administrator', 'global', 'view, modify, delete', 'a@x.cn']], []],
    ['a role without members, at the members cell', [['运营专员', '本部门', '查看', '-']], [['access.role-without-members', 'D2', { role: '运营专员' }]]],
    [
      'a member in roles of different scopes, at the first role, naming the other',
      [['运营专员', '本部门', '查看', 'Ann@x.cn'], ['数据分析师', '全局数据(脱敏)', '查看', 'ann@x.cn']],
      [['access.member-conflicting-scopes', 'D2', { role: '运营专员', member: 'Ann@x.cn', otherRole: '数据分析师', otherCell: 'A3' }]],
    ],
    ['a row whose scope did not parse takes no part', [['清理员', '部门数据', '删除', 'a@x.cn']], [['access.scope-invalid', 'B2', { input: '部门数据' }]]],
  ])('%s', (_name, rows, expected) => {
    const a = analyse([HEADER, ...rows], [{ name: '分类', rows: [['字段', '级别'], ['注册时间', '内部']] }]);
    expect(a.issues.map((i) => [i.code, i.cell, i.params])).toEqual(expected);
    expect(a.issues.filter((i) => i.code !== 'access.scope-invalid').every((i) => i.severity === 'warning')).toBe(true);
  });
});

describe('recognition and keys', () => {
  it.each<[string, string[]]>([
    ['Traditional', ['用戶角色', '數據範圍', '操作權限', '成員']],
    ['English', ['Role', 'Data scope', 'Operations', 'Members']],
  ])('reads %s headers', (_name, header) => {
    const a = analyse([header, ['运营专员', '本部门', '查看', 'a@x.cn']]);
    expect(a.sheets).toEqual([{ name: '权限', kind: 'permissions' }]);
    expect(a.issues).toEqual([]);
  });

  it('reports a role written twice', () => {
    const a = analyse([HEADER, ['运营专员', '本部门', '查看', 'a@x.cn'], ['運營專員', '本部门', '导出', 'b@x.cn']]);
    expect(a.issues).toContainEqual(expect.objectContaining({ code: 'row.duplicate-key', cell: 'A3', severity: 'error' }));
  });
});
