import type { SheetRef } from '../../../addin/sync/sync-client';
import { type RunningService } from '../../../server/main';
import type { CellValue } from '../../../shared/table/grid';
import { realServicePane } from '../../fixtures/real-service-pane';
import { runningServiceWithToken } from '../../fixtures/running-service';

/**
 * A data table (the orders a reconciliation rule compares) synced by the add-in to the real
 * service and pulled by another pane: every column travels, Chinese headers included, and
 * comes back into its own column.
 */

const ADMIN = 'lead@contoso.com';
const REF: SheetRef = { workspace: 'shop', workbook: 'orders.xlsx', sheet: '订单' };
const SHEET: CellValue[][] = [
  ['order_id（键）', '客户', 'total_amount'],
  ['O1001', '张三', 199],
  ['O1002', '李四', 1280],
];

let service: RunningService;
let token = '';

beforeAll(async () => {
  ({ service, token } = await runningServiceWithToken('addin-table-sync-', ADMIN));
});

afterAll(() => service?.close());

const pane = () => realServicePane(service, token, ADMIN, { 订单: SHEET });

describe('a data table synced by the pane', () => {
  it('pushes every column, and another pane pulls a changed amount and customer into their own cells', async () => {
    const a = pane();
    const b = pane();
    expect(await a.sync.push(REF)).toMatchObject({ ok: true, value: { conflicts: null } });
    const stored = await a.client.pull(REF, 0);
    expect(stored.ok && stored.value.kind).toBe('table');
    expect(stored.ok && stored.value.rows.map((r) => r.cells).sort((x, y) => String(x['key']).localeCompare(String(y['key'])))).toEqual([
      { key: 'O1001', order_id: 'O1001', x_5ba26237: '张三', total_amount: 199 },
      { key: 'O1002', order_id: 'O1002', x_5ba26237: '李四', total_amount: 1280 },
    ]);
    expect(await b.sync.push(REF)).toMatchObject({ ok: true, value: { upToDate: true } });

    a.workbook.set('订单', 'C3', 1279.5);
    a.workbook.set('订单', 'B3', '李四（改）');
    expect(await a.sync.push(REF)).toMatchObject({ ok: true, value: { changedCells: 2 } });
    expect(await b.sync.pull(REF)).toMatchObject({ ok: true, value: { conflicts: null } });
    expect([b.workbook.get('订单', 'B3'), b.workbook.get('订单', 'C3'), b.workbook.get('订单', 'A3')]).toEqual(['李四（改）', 1279.5, 'O1002']);
  });
});
