import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../fixtures/cli';
import { ORDERS, PAYMENTS, RECONCILE_RULES_EN, RECONCILE_RULES_ZH } from '../../fixtures/reconcile-tables';
import { writeWorkbook } from '../../fixtures/workbooks';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-reconcile-'));
const handbook = path.join(dir, 'orders-payments.xlsx');
const agreeing = path.join(dir, 'agreeing.xlsx');

beforeAll(async () => {
  // The handbook's orders and payments as an exceljs workbook, the rule sheet in Chinese.
  await writeWorkbook(handbook, [
    { name: '核对', rows: RECONCILE_RULES_ZH },
    { name: '订单', rows: ORDERS },
    { name: '支付', rows: PAYMENTS },
  ]);
  // Within tolerance everywhere, no row missing: nothing to say.
  await writeWorkbook(agreeing, [
    { name: 'Checks', rows: RECONCILE_RULES_EN },
    { name: 'orders', rows: [['order_id', 'total_amount'], ['O1', 10], ['O2', '1,000.00']] },
    { name: 'payments', rows: [['order_id', 'paid_amount'], ['O2', 1000.004], ['O1', 10]] },
  ]);
});

describe('ops-scorecard check: reconciliation rules', () => {
  it('reports the order without a payment, the short payment, the stray payment and the repeated key, exit 1', async () => {
    const run = await runCli(['check', handbook, '--json', '--lang', 'zh-CN']);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.sheets).toEqual([{ name: '核对', kind: 'reconcile' }]);
    const found = json.issues.map((i: { code: string; sheet: string; cell: string }) => [i.code, i.sheet, i.cell]);
    expect(found).toEqual([
      ['reconcile.mismatch', '订单', 'C3'],
      ['reconcile.missing-right', '订单', 'A4'],
      ['reconcile.mismatch', '支付', 'C3'],
      ['reconcile.duplicate-key', '支付', 'B6'],
      ['reconcile.missing-left', '支付', 'B7'],
    ]);
    expect(json.issues[1]).toEqual({
      sheet: '订单',
      cell: 'A4',
      severity: 'error',
      code: 'reconcile.missing-right',
      message: '规则“订单与支付”：“O1003”在“支付”中没有对应的行。',
      suggestion: '请在“支付”中补上“O1003”，或在确认不应存在时删除这一行。',
    });
  });

  it('prints the same findings in English without --json', async () => {
    const run = await runCli(['check', handbook, '--lang', 'en-US']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('订单!A4  error  reconcile.missing-right  Rule “订单与支付”: “O1003” has no row in “支付”.');
    expect(run.stdout).toContain('5 error(s), 0 warning(s).');
  });

  it('exits 0 when the two sheets agree within the tolerance', async () => {
    const run = await runCli(['check', agreeing, '--json']);
    expect(JSON.parse(run.stdout).issues).toEqual([]);
    expect(run.code).toBe(0);
  });
});
