import { startCheckLoop, type CheckLoop } from '../../../addin/check/check-loop';
import type { CheckResult } from '../../../addin/check/check-sheet';
import { MARK_COLORS } from '../../../addin/excel';
import { paneChecker } from '../../../addin/taskpane/check-workbook';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import { ORDERS, PAYMENTS, RECONCILE_RULES_ZH } from '../../fixtures/reconcile-tables';
import { excelWith } from '../excel/fixtures';
import { HandTimers } from '../../fixtures/hand-timers';

/**
 * Reconciliation in the pane, through its one checking path (check-loop.ts) on the strict
 * Excel fake: the rule sheet, the orders and the payments are three sheets; an edit of one
 * re-checks it and reconciles it against the other, which comes from the cache.
 */
async function settle(loop: CheckLoop): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await loop.idle();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const found = (result: CheckResult) => result.issues.map((i) => `${i.sheet}!${i.cell} ${i.code}`);

describe('reconciliation in the task pane', () => {
  it('marks the order without a payment and the short payment, and clears them once the payments are fixed', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('核对', RECONCILE_RULES_ZH);
    fake.addSheet('订单', ORDERS);
    fake.addSheet('支付', PAYMENTS);
    const timers = new HandTimers();
    const results: CheckResult[] = [];
    const errors: unknown[] = [];
    const loop = startCheckLoop(port, paneChecker(port, 'en-US', () => '2024-06-01'), { onResult: (r) => results.push(r), onError: (e) => errors.push(e) }, { timers });
    await settle(loop);

    expect(found(results.at(-1)!)).toEqual([
      '订单!C3 reconcile.mismatch',
      '订单!A4 reconcile.missing-right',
      '支付!C3 reconcile.mismatch',
      '支付!B6 reconcile.duplicate-key',
      '支付!B7 reconcile.missing-left',
    ]);
    expect(results.at(-1)!.issues[1]!.message).toBe('Rule “订单与支付”: “O1003” has no row in “支付”.');
    // The cells concerned are marked in Excel, on the data sheets the rule names.
    expect(fake.view.cell('订单', 'A4')).toMatchObject({ fill: MARK_COLORS.error });
    expect(fake.view.cell('订单', 'A4').note).toContain('O1003');
    expect(fake.view.cell('支付', 'C3').fill).toBe(MARK_COLORS.error);
    expect(fake.view.cell('订单', 'A2')).toMatchObject({ fill: null, note: null });

    // The user fixes the payments: O1002 paid in full, the second O1005 payment becomes O1003's,
    // the stray P9 removed.
    await fake.userEdit('支付', 'C3', '1280');
    await fake.userEdit('支付', 'B6', 'O1003');
    await fake.userEdit('支付', 'C6', '56.8');
    await fake.userEdit('支付', 'A7', '');
    await fake.userEdit('支付', 'B7', '');
    await fake.userEdit('支付', 'C7', '');
    timers.fireAll();
    await settle(loop);

    expect(found(results.at(-1)!)).toEqual([]);
    expect(fake.view.cell('订单', 'A4')).toMatchObject({ fill: null, note: null });
    expect(fake.view.cell('支付', 'C3')).toMatchObject({ fill: null, note: null });
    expect(errors).toEqual([]);
    loop.stop();
  });

  it('inserts the rule template in English and Chinese; a rule typed into it is read, its tolerance kept as typed', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Sheet1');
    const en = await port.insertTemplate('reconcile', 'en-US');
    expect(en).toBe('Reconciliation');
    expect(fake.view.texts(en, 'A1:F1')[0]).toEqual(['Rule', 'Left sheet', 'Right sheet', 'Key columns', 'Compare columns', 'Tolerance']);
    await fake.userEdit(en, 'A2', 'Orders vs payments');
    await fake.userEdit(en, 'B2', 'orders');
    await fake.userEdit(en, 'C2', 'payments');
    await fake.userEdit(en, 'D2', 'order_id');
    await fake.userEdit(en, 'E2', 'total_amount=paid_amount');
    await fake.userEdit(en, 'F2', '0.5%');
    const rules = analyseWorkbook([await port.readSheet(en)]).records.reconcileRules;
    expect(rules).toMatchObject([{ rule: 'Orders vs payments', left: 'orders', right: 'payments', tolerance: { kind: 'relative', share: 0.005 }, toleranceText: '0.5%' }]);

    const zh = await port.insertTemplate('reconcile', 'zh-CN');
    expect(zh).toBe('数据核对');
    expect(fake.view.texts(zh, 'A1:F1')[0]).toEqual(['校验规则', '左表', '右表', '关联列', '比对列', '容差']);
  });
});
