import { localizeIssue } from '../../../shared/i18n/messages';
import type { Issue } from '../../../shared/issues/issue';
import type { CellValue, SheetGrid } from '../../../shared/table/grid';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import {
  DEMO_CLASSIFICATION_TABLE,
  DEMO_GANTT_TABLE,
  DEMO_KPI_TABLE,
  DEMO_METRIC_TABLE,
  DEMO_PERMISSION_TABLE,
  DEMO_USER_TABLE,
  HANDBOOK_DASHBOARD_TABLE,
  HANDBOOK_GANTT_TABLE,
  HANDBOOK_PERMISSION_TABLE,
} from '../../../server/demo/handbook-tables';
import { grid } from '../../fixtures/grids';

type Rows = readonly (readonly CellValue[])[];
const only = (issues: readonly Issue[], prefix: string) => issues.filter((i) => i.code.startsWith(prefix));

const GANTT_HEADER = ['任务名称', '负责人', '开始时间', '结束时间', '依赖任务'];
const MATRIX_HEADER = ['用户角色', '数据范围', '操作权限', '成员'];
const KPI_HEADER = ['KPI', '目标值', '权重', '维度', '负责人'];

describe('Gantt and KPI owners who hold no role', () => {
  const matrix = grid('权限', [MATRIX_HEADER, ['运营专员', '本部门', '查看', '张三 <zs@x.cn>、李四'], ['分析师', '本部门', '分析', 'wang@x.cn']]);

  it('are warnings at the first cell naming them on each sheet, once per owner', () => {
    const a = analyseWorkbook([
      grid('计划', [
        GANTT_HEADER,
        ['A', '张三', '2024-03-01', '2024-03-02', '-'],
        ['B', '孙八', '2024-03-03', '2024-03-04', '-'],
        ['C', '李四、孙八', '2024-03-05', '2024-03-06', '-'], // 孙八 again: not reported twice
        ['D', 'zs@x.cn', '2024-03-07', '2024-03-08', '-'], // 张三's address
        ['E', 'WANG@x.cn', '2024-03-09', '2024-03-10', '-'],
      ]),
      grid('KPI', [KPI_HEADER, ['转化率', '≥3%', '50%', '客户', '周九'], ['ROI', '≥4', '50%', '财务', '孫八']]),
      matrix,
    ]);
    expect(only(a.issues, 'access.owner').map((i) => [i.sheet, i.cell, i.severity, i.params])).toEqual([
      ['计划', 'B3', 'warning', { owner: '孙八', matrix: '权限' }],
      ['KPI', 'E2', 'warning', { owner: '周九', matrix: '权限' }],
      ['KPI', 'E3', 'warning', { owner: '孫八', matrix: '权限' }],
    ]);
    expect(localizeIssue(only(a.issues, 'access.owner')[0]!, 'en-US')).toMatchObject({
      message: '孙八 owns work here but holds no role in the permission matrix (权限).',
      suggestion: 'Add 孙八 (or their e-mail address) to the members of a role.',
    });
  });

  it('are not looked for without a matrix, nor when the matrix lists no members at all', () => {
    const plan = grid('计划', HANDBOOK_GANTT_TABLE);
    expect(only(analyseWorkbook([plan]).issues, 'access.owner')).toEqual([]);
    expect(only(analyseWorkbook([plan, grid('权限', HANDBOOK_PERMISSION_TABLE)]).issues, 'access.owner')).toEqual([]);
  });
});

describe('masked fields absent from the data', () => {
  const classification = grid('分类', [['字段', '级别', '脱敏规则'], ['手机号', '核心', 'HMAC'], ['地址', '核心', '只保留省份'], ['注册时间', '内部', null]]);

  it.each<[string, SheetGrid[], [string, object][]]>([
    ['a data sheet holds both masked fields', [grid('用户', [['用户ID', '手机号', '地址']])], []],
    ['a header with a note in brackets holds the field', [grid('用户', [['用户ID', '手机号（加密）', '地址']])], []],
    [
      'a field written differently in the data: warned, with the column probably meant',
      [grid('用户', [['用户ID', '手机号码', '地址']])],
      [['A2', { field: '手机号', closest: '手机号码' }]],
    ],
    [
      'a data sheet under a title',
      [grid('用户', [['用户导出 2024-03'], [], ['用户ID', '注册时间', '地址']])],
      [['A2', { field: '手机号', closest: null }]],
    ],
    [
      'metric values are data too, by name',
      [grid('指标', [['期间', '部门', '指标', '数值'], ['2024-03', '华东', '地址', 1], ['2024-03', '华东', '访客数', 2]])],
      [['A2', { field: '手机号', closest: null }]],
    ],
    ['a workbook of definitions only (no data sheet, no metric): not checked', [grid('KPI', [KPI_HEADER, ['转化率', '≥3%', '100%', '客户', '张三']])], []],
  ])('%s', (_name, sheets, expected) => {
    const a = analyseWorkbook([classification, ...sheets]);
    const found = only(a.issues, 'classification.masked');
    expect(found.map((i) => [i.cell, i.params])).toEqual(expected);
    expect(found.every((i) => i.severity === 'warning' && i.sheet === '分类')).toBe(true);
  });
});

describe('the demo workbook', () => {
  const sheets: [string, Rows][] = [
    ['KPI', DEMO_KPI_TABLE],
    ['指标数据', DEMO_METRIC_TABLE],
    ['数据看板', HANDBOOK_DASHBOARD_TABLE],
    ['甘特图', DEMO_GANTT_TABLE],
    ['权限矩阵', DEMO_PERMISSION_TABLE],
    ['数据分类', DEMO_CLASSIFICATION_TABLE],
    ['用户数据', DEMO_USER_TABLE],
  ];

  it('has no error: every owner holds a role, every masked field is in the data; one least-privilege warning', () => {
    const a = analyseWorkbook(
      sheets.map(([name, rows]) => grid(name, rows)),
      { today: '2030-01-01' },
    );
    expect(a.sheets.map((s) => s.kind)).toEqual(['kpi', 'metrics', 'dashboard', 'gantt', 'permissions', 'classification']);
    expect(a.issues.map((i) => [i.sheet, i.cell, i.severity, i.code])).toEqual([['权限矩阵', 'C2', 'warning', 'access.export-core-data']]);
    expect(a.issues[0]!.params).toEqual({ role: '运营专员', fields: ['用户ID', '手机号', '地址', '年龄'] });
  });

  it('without the matrix members, every owner would be… nobody: role-without-members instead of owner warnings', () => {
    const bare = sheets.map(([name, rows]) => grid(name, name === '权限矩阵' ? HANDBOOK_PERMISSION_TABLE : rows));
    const codes = new Set(analyseWorkbook(bare).issues.map((i) => i.code));
    expect(codes.has('access.role-without-members')).toBe(true);
    expect(codes.has('access.owner-without-role')).toBe(false);
  });
});
