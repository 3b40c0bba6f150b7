import { WorkspaceSheetsLoader } from '../../../server/scorecard/workspace-sheets';
import type { SheetName, Store } from '../../../server/store/store-types';
import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import { alice, outcomeOf, pushRequest, row } from '../store/helpers';

/**
 * The scorecard's workspace load after a push reads only the sheets the push changed, and
 * answers exactly what a whole read would (server/scorecard/workspace-sheets.ts), on both stores.
 */
describe.each(databaseFactories)('workspace sheets loaded again where they changed, on $name', (factory) => {
  let db: TestDatabase;
  let store: Store;
  const tenantId = alice.tenantId;
  let n = 0;
  const kinds = ['kpi', 'metrics'] as const;

  beforeAll(async () => {
    db = await factory.create();
    store = await db.openStore();
  });
  afterAll(() => db.dispose());

  /** A fresh workspace with a KPI sheet and a metric sheet, and a store that records what each pullWorkspace asked for. */
  async function workspace(): Promise<{ ws: string; asked: Array<readonly SheetName[] | 'all'>; counting: Pick<Store, 'pullWorkspace'> }> {
    const ws = `sheets-${process.pid}-${++n}`;
    outcomeOf(await store.push(pushRequest({ tenantId, workspace: ws, workbook: 'k.xlsx', sheet: 'KPI' }, { kind: 'kpi', rows: [row('ROI', { name: 'ROI' })] })));
    const metrics = Array.from({ length: 50 }, (_, i) => row(`m${i}`, { value: i }));
    outcomeOf(await store.push(pushRequest({ tenantId, workspace: ws, workbook: 'm.xlsx', sheet: 'metrics' }, { kind: 'metrics', rows: metrics })));
    const asked: Array<readonly SheetName[] | 'all'> = [];
    const counting: Pick<Store, 'pullWorkspace'> = {
      pullWorkspace: (t, w, k, only) => {
        asked.push(only ?? 'all');
        return store.pullWorkspace(t, w, k, only);
      },
    };
    return { ws, asked, counting };
  }

  const listed = async (ws: string) => (await store.workspaceRevisions(tenantId, ws)).sheets;

  it('reads only the pushed sheet, keeps the others, and answers what a whole read answers', async () => {
    const { ws, asked, counting } = await workspace();
    const loader = new WorkspaceSheetsLoader(counting, 10_000);
    expect(await loader.load(tenantId, ws, kinds, await listed(ws))).toEqual(await store.pullWorkspace(tenantId, ws, [...kinds]));
    outcomeOf(await store.push(pushRequest({ tenantId, workspace: ws, workbook: 'm.xlsx', sheet: 'metrics' }, { kind: 'metrics', baseRevision: 1, mode: 'delta', rows: [row('m7', { value: 70 })], deletes: ['m8'] })));
    const after = await loader.load(tenantId, ws, kinds, await listed(ws));
    expect(after).toEqual(await store.pullWorkspace(tenantId, ws, [...kinds]));
    expect(after.find((s) => s.sheet === 'metrics')?.rows.find((r) => r.key === 'm7')?.cells).toEqual({ value: 70 });
    // Nothing changed in the sheets (a policy or a designation did): nothing read at all.
    expect(await loader.load(tenantId, ws, kinds, await listed(ws))).toEqual(after);
    expect(asked).toEqual(['all', [{ workbook: 'm.xlsx', sheet: 'metrics' }]]);
  });

  it('reads the whole workspace again when a sheet is added, and when nothing could be kept', async () => {
    const { ws, asked, counting } = await workspace();
    const loader = new WorkspaceSheetsLoader(counting, 10_000);
    await loader.load(tenantId, ws, kinds, await listed(ws));
    outcomeOf(await store.push(pushRequest({ tenantId, workspace: ws, workbook: 'm.xlsx', sheet: 'more' }, { kind: 'metrics', rows: [row('x', { value: 1 })] })));
    expect(await loader.load(tenantId, ws, kinds, await listed(ws))).toEqual(await store.pullWorkspace(tenantId, ws, [...kinds]));
    expect(asked).toEqual(['all', 'all']);

    // 51 rows do not fit in a budget of 10: never kept, so every load reads everything.
    const small = await workspace();
    const tight = new WorkspaceSheetsLoader(small.counting, 10);
    await tight.load(tenantId, small.ws, kinds, await listed(small.ws));
    await tight.load(tenantId, small.ws, kinds, await listed(small.ws));
    expect(small.asked).toEqual(['all', 'all']);
  });
});
