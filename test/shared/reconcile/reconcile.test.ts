import { localizeIssue } from '../../../shared/i18n/messages';
import type { Issue } from '../../../shared/issues/issue';
import type { CellValue } from '../../../shared/table/grid';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import { sheetIssues } from '../../../shared/workbook/sheet-issues';
import { grid } from '../../fixtures/grids';
import { ORDERS, PAYMENTS, RECONCILE_RULES_EN, RECONCILE_RULES_ZH } from '../../fixtures/reconcile-tables';

type Rows = readonly (readonly CellValue[])[];
const brief = (issues: readonly Issue[]) => issues.map((i) => [i.code, i.sheet, i.cell, i.severity]);
const reconcileOnly = (issues: readonly Issue[]) => issues.filter((i) => i.code.startsWith('reconcile.'));

function rule(overrides: Partial<Record<'left' | 'right' | 'keys' | 'compare' | 'tolerance', CellValue>> = {}): Rows {
  const r = { left: 'A', right: 'B', keys: 'id', compare: 'amount', tolerance: null, ...overrides };
  return [['校验规则', '左表', '右表', '关联列', '比对列', '容差'], ['r', r.left, r.right, r.keys, r.compare, r.tolerance]];
}

describe('reconciliation (handbook 三(二)3: orders against payments)', () => {
  const handbook = analyseWorkbook([grid('核对', RECONCILE_RULES_ZH), grid('订单', ORDERS), grid('支付', PAYMENTS)]);

  it('recognises the rule sheet and reads its rule', () => {
    expect(handbook.sheets).toEqual([{ name: '核对', kind: 'reconcile' }]);
    expect(handbook.records.reconcileRules).toMatchObject([
      { rule: '订单与支付', left: '订单', right: '支付', keys: [{ left: 'order_id', right: 'order_id' }], compare: [{ left: 'total_amount', right: 'paid_amount' }], tolerance: { kind: 'absolute', amount: 0.01 } },
    ]);
  });

  it('reports the order without a payment (the SQL drops it), the payment without an order, the short payment and the repeated key; not the one within tolerance', () => {
    expect(brief(handbook.issues)).toEqual([
      ['reconcile.mismatch', '订单', 'C3', 'error'],
      ['reconcile.missing-right', '订单', 'A4', 'error'],
      ['reconcile.mismatch', '支付', 'C3', 'error'],
      ['reconcile.duplicate-key', '支付', 'B6', 'error'],
      ['reconcile.missing-left', '支付', 'B7', 'error'],
    ]);
    // O1004: 99.99 against 99.994 is within 0.01; O1001 and O1005 agree (the first payment of O1005 stands).
    expect(handbook.issues.some((i) => i.cell === 'C5' || i.cell === 'C4' && i.sheet === '支付')).toBe(false);
  });

  it('says so in Chinese and in English, naming the key, both values and the other cell', () => {
    const byCode = (code: string, sheet: string) => handbook.issues.find((i) => i.code === code && i.sheet === sheet)!;
    expect(localizeIssue(byCode('reconcile.missing-right', '订单'), 'zh-CN').message).toBe('规则“订单与支付”：“O1003”在“支付”中没有对应的行。');
    expect(localizeIssue(byCode('reconcile.missing-right', '订单'), 'en-US').message).toBe('Rule “订单与支付”: “O1003” has no row in “支付”.');
    expect(localizeIssue(byCode('reconcile.missing-left', '支付'), 'en-US').message).toBe('Rule “订单与支付”: “O1009” has no row in “订单”.');
    expect(localizeIssue(byCode('reconcile.mismatch', '订单'), 'zh-CN').message).toBe(
      '规则“订单与支付”：“O1002”的“total_amount”此处为“1,280.00”，而 支付!C3 为“1279.5”（容差 0.01）。',
    );
    expect(localizeIssue(byCode('reconcile.mismatch', '支付'), 'en-US').message).toBe(
      'Rule “订单与支付”: “paid_amount” of “O1002” is “1279.5” here but “1,280.00” at 订单!C3 (tolerance 0.01).',
    );
    expect(localizeIssue(byCode('reconcile.duplicate-key', '支付'), 'en-US').message).toContain('“O1005” appears twice on this side; the first one is at B5');
  });

  it('reads English headers and sheet names written in another case', () => {
    const en = analyseWorkbook([grid('Checks', RECONCILE_RULES_EN), grid('Orders', ORDERS, { row: 2, col: 1 }), grid('Payments', PAYMENTS)]);
    expect(en.sheets).toEqual([{ name: 'Checks', kind: 'reconcile' }]);
    // The orders table starts at B3 under a title: the cells move with it.
    expect(brief(reconcileOnly(en.issues)).slice(0, 2)).toEqual([
      ['reconcile.mismatch', 'Orders', 'D5', 'error'],
      ['reconcile.missing-right', 'Orders', 'B6', 'error'],
    ]);
  });

  it('compares numbers as the project reads them, and text exactly after trimming', () => {
    const a = grid('A', [['id', 'amount'], ['1', '1,200'], ['2', '3.6%'], ['3', '1.2万'], ['4', ' abc '], ['5', 'abc'], ['6', null], ['7', 5]]);
    const b = grid('B', [['id', 'amount'], ['1', 1200], ['2', 0.036], ['3', 12000], ['4', 'abc'], ['5', 'ABC'], ['6', null], ['7', null]]);
    const issues = reconcileOnly(analyseWorkbook([grid('R', rule()), a, b]).issues);
    expect(brief(issues.filter((i) => i.sheet === 'A'))).toEqual([
      ['reconcile.mismatch', 'A', 'B6', 'error'],
      ['reconcile.mismatch', 'A', 'B8', 'error'],
    ]);
  });

  it('takes a percent tolerance as a share of the larger value', () => {
    const a = grid('A', [['id', 'amount'], ['1', 1000], ['2', 1000]]);
    const b = grid('B', [['id', 'amount'], ['1', 1004], ['2', 1006]]);
    const issues = reconcileOnly(analyseWorkbook([grid('R', rule({ tolerance: '0.5%' })), a, b]).issues);
    expect(brief(issues)).toEqual([
      ['reconcile.mismatch', 'A', 'B3', 'error'],
      ['reconcile.mismatch', 'B', 'B3', 'error'],
    ]);
  });

  it('joins on several key columns, named differently on the two sides', () => {
    const a = grid('A', [['期间', '部门', '金额'], ['2024-03', '华东', 10], ['2024-03', '华北', 20]]);
    const b = grid('B', [['period', 'dept', 'amount'], ['2024-03', '华北', 20], ['2024-03', '华东', 11], ['2024-04', '华东', 1]]);
    const issues = reconcileOnly(analyseWorkbook([grid('R', rule({ keys: '期间=period、部门=dept', compare: '金额=amount' })), a, b]).issues);
    expect(issues.map((i) => [i.code, i.sheet, i.cell, 'key' in i.params ? i.params.key : ''])).toEqual([
      ['reconcile.mismatch', 'A', 'C2', '2024-03 / 华东'],
      ['reconcile.mismatch', 'B', 'C3', '2024-03 / 华东'],
      ['reconcile.missing-left', 'B', 'A4', '2024-04 / 华东'],
    ]);
  });

  it('reports duplicate keys on either side, and rows without a key as warnings', () => {
    const a = grid('A', [['id', 'amount'], ['1', 1], ['1', 2], [null, 3]]);
    const b = grid('B', [['id', 'amount'], ['1', 1], ['2', 2], ['2', 2]]);
    const issues = reconcileOnly(analyseWorkbook([grid('R', rule()), a, b]).issues);
    expect(brief(issues)).toEqual([
      ['reconcile.duplicate-key', 'A', 'A3', 'error'],
      ['reconcile.key-empty', 'A', 'A4', 'warning'],
      ['reconcile.missing-left', 'B', 'A3', 'error'],
      ['reconcile.duplicate-key', 'B', 'A4', 'error'],
    ]);
  });

  it('reports every row of one side as missing when the other side is empty', () => {
    const a = grid('A', [['id', 'amount'], ['1', 1], ['2', 2]]);
    const b = grid('B', [['id', 'amount']]);
    expect(brief(reconcileOnly(analyseWorkbook([grid('R', rule()), a, b]).issues))).toEqual([
      ['reconcile.missing-right', 'A', 'A2', 'error'],
      ['reconcile.missing-right', 'A', 'A3', 'error'],
    ]);
    expect(brief(reconcileOnly(analyseWorkbook([grid('R', rule({ left: 'B', right: 'A' })), a, b]).issues))).toEqual([
      ['reconcile.missing-left', 'A', 'A2', 'error'],
      ['reconcile.missing-left', 'A', 'A3', 'error'],
    ]);
  });

  it('says which sheet or column of a rule is missing, at the rule cell', () => {
    const a = grid('A', [['id', 'amount'], ['1', 1]]);
    const issues = analyseWorkbook([grid('R', rule({ right: 'Nope' })), a]).issues;
    expect(issues.map((i) => [i.code, i.sheet, i.cell, i.params])).toEqual([['reconcile.sheet-missing', 'R', 'C2', { rule: 'r', sheet: 'Nope' }]]);
    const b = grid('B', [['id', 'sum'], ['1', 1]]);
    const columns = analyseWorkbook([grid('R', rule()), a, b]).issues;
    expect(columns.map((i) => [i.code, i.cell, i.params])).toEqual([['reconcile.column-missing', 'E2', { rule: 'r', sheet: 'B', column: 'amount' }]]);
  });

  it.each<[string, Partial<Record<'keys' | 'compare' | 'tolerance', CellValue>>, string, string]>([
    ['an empty column name', { keys: 'id,,x' }, 'reconcile.columns-invalid', 'D2'],
    ['a pair with two =', { compare: 'a=b=c' }, 'reconcile.columns-invalid', 'E2'],
    ['a negative tolerance', { tolerance: -1 }, 'reconcile.tolerance-invalid', 'F2'],
    ['a tolerance that is no number', { tolerance: 'small' }, 'reconcile.tolerance-invalid', 'F2'],
  ])('refuses a rule with %s, at its cell, and does not run it', (_what, overrides, code, cell) => {
    const a = grid('A', [['id', 'amount'], ['1', 1]]);
    const issues = analyseWorkbook([grid('R', rule(overrides)), a]).issues;
    expect(brief(issues)).toEqual([[code, 'R', cell, 'error']]);
  });

  it('finds a kind sheet’s column by any of its headers', () => {
    const metricsA = grid('运营', [['期间', '部门', '指标', '数值'], ['2024-03', '华东', '访客数', 1000]]);
    const metricsB = grid('财务', [['Period', 'Department', 'Metric', 'Value'], ['2024-03', '华东', '访客数', 1001]]);
    const rules = rule({ left: '运营', right: '财务', keys: 'Period, Department, Metric', compare: 'Value' });
    const issues = reconcileOnly(analyseWorkbook([grid('R', rules), metricsA, metricsB]).issues);
    expect(brief(issues)).toEqual([
      ['reconcile.mismatch', '运营', 'D2', 'error'],
      ['reconcile.mismatch', '财务', 'D2', 'error'],
    ]);
  });

  it('checks a synced rule sheet alone without reporting the sheets it names as missing', () => {
    const issues = sheetIssues({
      sheet: '核对',
      kind: 'reconcile',
      rows: [{ rule: '订单与支付', left: '订单', right: '支付', keys: 'order_id', compare: 'total_amount=paid_amount', tolerance: 0.01 }],
      today: '2024-03-01',
      locale: 'en-US',
    });
    expect(issues).toEqual([]);
  });
});
