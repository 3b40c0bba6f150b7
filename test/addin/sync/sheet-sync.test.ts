import { pick } from '../../../addin/sync/conflicts';
import { OfflineQueue } from '../../../addin/sync/offline-queue';
import { fetchTransport } from '../../../addin/sync/progress';
import { SheetSync } from '../../../addin/sync/sheet-sync';
import { createSnapshotStore } from '../../../addin/sync/snapshot-store';
import { createSyncClient, type SheetRef } from '../../../addin/sync/sync-client';
import { ok } from '../../../shared/result';
import type { CellValue } from '../../../shared/table/grid';
import { GridWorkbook } from '../../fixtures/grid-workbook';
import { ownerOfToken } from '../../../addin/auth/token-owner';
import { MemoryStorage } from '../../fixtures/manual-timers';
import { RealSyncService } from '../../fixtures/real-sync-service';

let REF: SheetRef = { workspace: 'ops', workbook: 'scorecard', sheet: 'KPI' };

/** A title above the table, as the handbook's sheets have: the table is found wherever it starts. */
const SHEET: CellValue[][] = [
  ['2024 KPI'],
  [],
  ['KPI', '公式', '目标值', '权重', '维度', '负责人'],
  ['转化率', '付费订单/访客数', '≥3%', 0.25, '客户', '张三'],
  ['ROI', '利润/营销投入', '≥2', 0.5, '财务', '李四'],
];

let n = 0;

let token = '';

/** A pane signed in as the workspace's bootstrap administrator, on its own workbook. */
function pane(server: RealSyncService, sheets: Record<string, CellValue[][]> = { KPI: SHEET }) {
  const workbook = new GridWorkbook(sheets);
  const owner = { ...ownerOfToken(token)!, name: 'boss@contoso.com' };
  const client = createSyncClient({
    baseUrl: server.url,
    tokens: { getToken: async () => ok(token) },
    transport: server.transport(fetchTransport()),
    sleep: async () => undefined,
    newKey: () => `k${++n}`,
  });
  const queue = new OfflineQueue({
    send: (e, base, onProgress) => client.push(e.ref, e.body, { baseRevision: base, idempotencyKey: e.idempotencyKey, onProgress, owner: e.owner }),
    currentOwner: () => owner,
    storage: null,
    storageKey: 'q',
    newId: () => `q${++n}-${REF.workspace}`,
  });
  const sync = new SheetSync({ workbook, client, queue, snapshots: createSnapshotStore(new MemoryStorage(), 'p', () => owner) });
  return { workbook, sync, client };
}

/** Against the real service: createApp on a temporary SQLite store (test/fixtures/real-sync-service.ts). */
describe('SheetSync: two panes on one sheet', () => {
  let server: RealSyncService;
  let ws = 0;
  beforeAll(async () => {
    server = await RealSyncService.start();
    token = await server.token('boss@contoso.com');
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.seen.length = 0;
    REF = { ...REF, workspace: `ops-${++ws}` };
  });

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
    // Named as the sheet names the row, with the cell to look at.
    expect(merged.value.conflicts?.cells).toEqual([
      { key: expect.any(String), field: 'target', yours: '≥5%', theirs: '≥4%', original: '≥3%', choice: null, label: '转化率', address: 'C4' },
    ]);
    // The sheet shows what the service holds until B picks.
    expect(b.workbook.get('KPI', 'C4')).toBe('≥4%');

    const conflict = merged.value.conflicts!.cells[0]!;
    const resolved = await b.sync.resolve(REF, pick(merged.value.conflicts!, conflict.key, 'target', 'yours'));
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

    // Who changed the target: one request, the service's own history.
    const history = await a.client.history(REF, conflict.key, 'target');
    expect(history.ok && history.value.changes.map((c) => c.newValue)).toEqual(expect.arrayContaining(['≥4%', '≥5%']));
  });

  it('sends a push whose answer was lost exactly once (the queue keeps its key; the service replays)', async () => {
    const a = pane(server);
    server.faults.push({ kind: 'apply-then-drop', method: 'PUT' });
    const created = await a.sync.push(REF);
    expect(created.ok && created.value.revision).toBe(1);
    expect(server.applied()).toHaveLength(1);
    expect(server.pushes().map((p) => p.replayed)).toEqual([false, true]);
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
