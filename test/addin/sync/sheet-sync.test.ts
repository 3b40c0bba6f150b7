import { pick } from '../../../addin/sync/conflicts';
import { OfflineQueue } from '../../../addin/sync/offline-queue';
import { fetchTransport } from '../../../addin/sync/progress';
import { SheetSync } from '../../../addin/sync/sheet-sync';
import { createSnapshotStore } from '../../../addin/sync/snapshot-store';
import { createSyncClient, type SheetRef } from '../../../addin/sync/sync-client';
import { ok } from '../../../shared/result';
import type { CellValue } from '../../../shared/table/grid';
import { GridWorkbook } from '../helpers/grid-workbook';
import { MemoryStorage } from '../helpers/manual-timers';
import { MiniSyncServer } from '../helpers/mini-sync-server';

const REF: SheetRef = { workspace: 'ops', workbook: 'scorecard', sheet: 'KPI' };

/** A title above the table, as the handbook's sheets have: the table is found wherever it starts. */
const SHEET: CellValue[][] = [
  ['2024 KPI'],
  [],
  ['KPI', '公式', '目标值', '权重', '维度', '负责人'],
  ['转化率', '付费订单/访客数', '≥3%', 0.25, '客户', '张三'],
  ['ROI', '利润/营销投入', '≥2', 0.5, '财务', '李四'],
];

let n = 0;

function pane(server: MiniSyncServer, sheets: Record<string, CellValue[][]> = { KPI: SHEET }) {
  const workbook = new GridWorkbook(sheets);
  const client = createSyncClient({
    baseUrl: server.url,
    tokens: { getToken: async () => ok('t.t.t') },
    transport: fetchTransport(),
    sleep: async () => undefined,
    newKey: () => `k${++n}`,
  });
  const queue = new OfflineQueue({
    send: (e, base, onProgress) => client.push(e.ref, e.body, { baseRevision: base, idempotencyKey: e.idempotencyKey, onProgress }),
    storage: null,
    storageKey: 'q',
    newId: () => `q${++n}`,
  });
  const sync = new SheetSync({ workbook, client, queue, snapshots: createSnapshotStore(new MemoryStorage()) });
  return { workbook, sync };
}

describe('SheetSync: two panes on one sheet', () => {
  const server = new MiniSyncServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => server.reset());

  it('creates, sends deltas, merges, shows conflicts, resolves, and pulls the result into the other pane', async () => {
    const a = pane(server);
    const b = pane(server);

    const created = await a.sync.push(REF);
    expect(created.ok && created.value).toMatchObject({ upToDate: false, revision: 1, conflicts: null });
    expect(server.pushes()[0]).toMatchObject({ ifNoneMatch: '*' });

    // B has the same sheet but never synced: it compares against the service's copy, finds nothing to send.
    const same = await b.sync.push(REF);
    expect(same.ok && same.value.upToDate).toBe(true);

    // A changes one target: a one-cell delta.
    a.workbook.set('KPI', 'C4', '≥4%');
    const delta = await a.sync.push(REF);
    expect(delta.ok && delta.value).toMatchObject({ revision: 2, changedCells: 1 });

    // B, still at revision 1, changes the same target differently and another weight.
    b.workbook.set('KPI', 'C4', '≥5%');
    b.workbook.set('KPI', 'D5', 0.4);
    const merged = await b.sync.push(REF);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.value.revision).toBe(3);
    expect(merged.value.conflicts?.cells).toEqual([
      { key: '转化率', field: 'target', yours: '≥5%', theirs: '≥4%', original: '≥3%', choice: null },
    ]);
    // The sheet shows what the service holds until B picks.
    expect(b.workbook.get('KPI', 'C4')).toBe('≥4%');

    const resolved = await b.sync.resolve(REF, pick(merged.value.conflicts!, '转化率', 'target', 'yours'));
    expect(resolved.ok && resolved.value).toMatchObject({ revision: 4, conflicts: null });
    expect(b.workbook.get('KPI', 'C4')).toBe('≥5%');

    // A pulls: B's weight and B's target arrive, as two single-cell writes.
    const writesBefore = a.workbook.writes.length;
    const pulled = await a.sync.pull(REF);
    expect(pulled.ok && pulled.value).toMatchObject({ revision: 4, applied: 2, conflicts: null });
    expect(a.workbook.get('KPI', 'C4')).toBe('≥5%');
    expect(a.workbook.get('KPI', 'D5')).toBe(0.4);
    expect(a.workbook.writes.length - writesBefore).toBe(2);

    // Nothing left to send on either side.
    expect((await a.sync.push(REF)).ok && (await b.sync.push(REF))).toMatchObject({ ok: true, value: { upToDate: true } });
  });

  it('pull appends rows others added and clears rows others deleted', async () => {
    const a = pane(server);
    const b = pane(server);
    await a.sync.push(REF);
    await b.sync.pull(REF);
    await a.workbook.writeValues('KPI', 'A6', [['NPS', '', '≥40', 0.25, '客户', '王五']]);
    await a.workbook.writeValues('KPI', 'A5', [[null, null, null, null, null, null]]);
    expect((await a.sync.push(REF)).ok).toBe(true);
    const pulled = await b.sync.pull(REF);
    expect(pulled.ok && pulled.value.applied).toBe(2);
    expect(b.workbook.sheets.get('KPI')!.slice(4)).toEqual([
      [null, null, null, null, null, null],
      ['NPS', null, '≥40', 0.25, '客户', '王五'],
    ]);
  });

  it('refuses a sheet with duplicate keys, and one it does not recognise, as data', async () => {
    const dup = pane(server, { KPI: [...SHEET, ['roi', '', '≥1', 0.1, '财务', '']] });
    expect(await dup.sync.push(REF)).toEqual({ ok: false, error: { kind: 'duplicate-keys', keys: ['roi'] } });
    const other = pane(server, { KPI: [['hello', 'world']] });
    expect(await other.sync.push(REF)).toEqual({ ok: false, error: { kind: 'not-recognised', sheet: 'KPI' } });
  });
});
