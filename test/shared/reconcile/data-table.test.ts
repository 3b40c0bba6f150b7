import type { Issue } from '../../../shared/issues/issue';
import { localizeIssue } from '../../../shared/i18n/messages';
import { gridFromRows } from '../../../shared/kinds/kind-specs';
import { columnField, columnHeader } from '../../../shared/kinds/table/field-names';
import { readTable } from '../../../shared/table/locate';
import type { CellValue } from '../../../shared/table/grid';
import { analyseWorkbook, recogniseSheet } from '../../../shared/workbook/analyse';
import { grid } from '../../fixtures/grids';
import { ORDERS, PAYMENTS } from '../../fixtures/reconcile-tables';

type Rows = readonly (readonly CellValue[])[];
/** The handbook's tables with their key marked, as a user makes them data tables that sync. */
const KEYED_ORDERS: Rows = [['order_id（键）', ...ORDERS[0]!.slice(1)], ...ORDERS.slice(1)];
const KEYED_PAYMENTS: Rows = [['payment_id (key)', ...PAYMENTS[0]!.slice(1)], ...PAYMENTS.slice(1)];

/** What a sync carries for a sheet: its recognised table's rows, cells by field. */
function synced(g: ReturnType<typeof grid>) {
  const found = recogniseSheet(g)!;
  return { kind: found.room.kind, rows: readTable(g, found.header).rows.map((r) => r.cells as Record<string, CellValue>) };
}

describe('data tables (the sheets a reconciliation compares, synced)', () => {
  it('spells any header as a field name and back, identifiers as themselves', () => {
    for (const header of ['order_id', 'total_amount', '订单号', 'paid amount', '支付金额（元）', 'x_1', 'key']) {
      const field = columnField(header)!;
      expect(field).toMatch(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/);
      expect(columnHeader(field)).toBe(header);
    }
    expect(columnField('order_id')).toBe('order_id');
    expect(columnField('一二三四五六七八九十一二三四五六')).toBeNull();
  });

  it('recognises a sheet by its key column, headed 键 / Key or marked on its own header, and syncs every column', () => {
    expect(synced(grid('订单', KEYED_ORDERS))).toEqual({
      kind: 'table',
      rows: ORDERS.slice(1).map(([id, customer, amount]) => ({ key: id, order_id: id, customer, total_amount: amount })),
    });
    const plain = synced(grid('t', [['Key', '金额'], ['A', 1]]));
    expect(plain).toEqual({ kind: 'table', rows: [{ key: 'A', [columnField('金额')!]: 1 }] });
    // Without a key column, the sheet is no data table: the handbook's tables as printed stay data sheets.
    expect(recogniseSheet(grid('订单', ORDERS))).toBeNull();
  });

  it('yields to any other kind, and reports a repeated or missing key', () => {
    expect(recogniseSheet(grid('k', [['KPI', '目标值', '权重', '键'], ['a', '≥1', '100%', 'x']]))!.room.kind).toBe('kpi');
    const a = analyseWorkbook([grid('d', [['键', 'v'], ['A', 1], ['a', 2], [null, 3]])]);
    expect(a.sheets).toEqual([{ name: 'd', kind: 'table' }]);
    expect(a.issues.map((i) => [i.code, i.cell])).toEqual([
      ['row.duplicate-key', 'A3'],
      ['cell.required', 'A4'],
    ]);
  });

  it('comes back from stored rows under its own headers, and reconciles there as in the workbook', () => {
    const orders = synced(grid('订单', KEYED_ORDERS));
    const payments = synced(grid('支付', KEYED_PAYMENTS));
    const stored = [gridFromRows('订单', 'table', orders.rows), gridFromRows('支付', 'table', payments.rows)];
    expect(stored[0]!.rows[0]).toEqual(['键', 'order_id', 'customer', 'total_amount']);
    const rules = grid('核对', [['校验规则', '左表', '右表', '关联列', '比对列', '容差'], ['订单与支付', '订单', '支付', 'order_id', 'total_amount=paid_amount', 0.01]]);
    // The same findings about the same rows; only the cells differ (the stored sheet's columns are laid out anew).
    const what = (i: Issue) => [i.code, i.sheet, 'key' in i.params ? i.params.key : null];
    const fromStore = analyseWorkbook([rules, ...stored]).issues.map(what);
    const fromWorkbook = analyseWorkbook([rules, grid('订单', KEYED_ORDERS), grid('支付', KEYED_PAYMENTS)]).issues.map(what);
    expect(fromStore).toEqual(fromWorkbook);
    expect(fromStore.map(([code]) => code)).toEqual([
      'reconcile.mismatch',
      'reconcile.missing-right',
      'reconcile.mismatch',
      'reconcile.duplicate-key',
      'reconcile.missing-left',
    ]);
  });
});

describe('data table columns that cannot sync', () => {
  it('warns at a header too long to name a field, and at a repeated header', () => {
    const long = '这是一个非常非常非常非常长的中文列标题';
    const a = analyseWorkbook([grid('d', [['键', long, 'amount', 'amount'], ['A', 1, 2, 3]])]);
    expect(a.issues.map((i) => [i.code, i.cell, i.params])).toEqual([
      ['table.column-not-synced', 'B1', { column: long, reason: 'long' }],
      ['table.column-not-synced', 'D1', { column: 'amount', reason: 'repeated' }],
    ]);
    expect(localizeIssue(a.issues[1]!, 'zh-CN').message).toBe('列“amount”不会同步：左侧已有同名的列。');
  });
});
