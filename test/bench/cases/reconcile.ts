import type { CellValue, SheetGrid } from '../../../shared/table/grid';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import type { BenchCase } from './types';

const ROWS = 100_000;

interface Sheets {
  readonly rules: SheetGrid;
  readonly orders: SheetGrid;
  readonly payments: SheetGrid;
}

/**
 * The handbook's orders against payments at 100k rows each: every 100th payment 1 short, every
 * 250th order unpaid, every 500th payment for an unknown order; payments in another order than
 * the orders, and a tenth of the amounts written as text ("1,234.50"), as exports have them.
 */
function sheets(): Sheets {
  const orders: CellValue[][] = [['order_id', 'total_amount']];
  const payments: CellValue[][] = [['order_id', 'paid_amount']];
  for (let i = 0; i < ROWS; i++) {
    const amount = (i % 997) * 1.5 + 10;
    orders.push([`O${i}`, amount]);
    const j = ROWS - 1 - i;
    if (j % 250 === 0) continue;
    const paid = (j % 997) * 1.5 + 10 - (j % 100 === 0 ? 1 : 0);
    payments.push([j % 500 === 1 ? `X${j}` : `O${j}`, j % 10 === 0 ? paid.toLocaleString('en-US', { minimumFractionDigits: 2 }) : paid]);
  }
  const rules: CellValue[][] = [
    ['校验规则', '左表', '右表', '关联列', '比对列', '容差'],
    ['订单与支付', '订单', '支付', 'order_id', 'total_amount=paid_amount', 0.01],
  ];
  return { rules: { name: '核对', rows: rules }, orders: { name: '订单', rows: orders }, payments: { name: '支付', rows: payments } };
}

function sheetsOf(input: unknown): Sheets {
  const s = input as Sheets | undefined;
  if (!s || s.orders.rows.length !== ROWS + 1) throw new Error('reconcile: setup did not run');
  return s;
}

/** What the hand-written join needs of an amount: a number, or text with thousands separators. */
function amountOf(value: CellValue): number {
  return typeof value === 'number' ? value : Number(String(value).replace(/,/g, ''));
}

export const reconcileCase: BenchCase = {
  name: 'reconcile-100k',
  description: 'reconciling 100k orders against 100k payments (mismatches, missing on both sides, issues with messages\' params) vs a hand-written hash join',
  // Ours finds the header rows, parses every amount with the project's parser, checks for duplicate
  // keys and builds located issues; the baseline only joins and compares.
  target: 3,
  maxPeakMB: 400,
  prepare: async () => {},
  setup: () => sheets(),
  async ours(_dir, input) {
    const s = sheetsOf(input);
    const issues = analyseWorkbook([s.rules, s.orders, s.payments]).issues;
    return { issues: issues.length };
  },
  async baseline(_dir, input) {
    const s = sheetsOf(input);
    const paid = new Map<string, number>();
    for (let r = 1; r < s.payments.rows.length; r++) {
      const row = s.payments.rows[r]!;
      paid.set(String(row[0]), amountOf(row[1]!));
    }
    const found: string[] = [];
    const seen = new Set<string>();
    for (let r = 1; r < s.orders.rows.length; r++) {
      const row = s.orders.rows[r]!;
      const key = String(row[0]);
      seen.add(key);
      const p = paid.get(key);
      if (p === undefined) found.push(`missing ${key}`);
      else if (Math.abs(p - amountOf(row[1]!)) > 0.01) found.push(`mismatch ${key}`, `mismatch ${key}`);
    }
    for (const key of paid.keys()) if (!seen.has(key)) found.push(`missing ${key}`);
    return { issues: found.length };
  },
};
