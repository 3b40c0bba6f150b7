import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import type { PullResult, Store } from '../../../server/store/store-types';
import { sheetChecksum } from '../../../server/backup/sheet-checksum';
import { freshRef, outcomeOf, pushRequest, row } from '../store/helpers';

/**
 * Store.sheetAt: a sheet's rows as they were at an earlier revision, the change log undone.
 * A backup is verified against it, so each earlier state must equal what a pull answered then.
 */
describe.each(databaseFactories)('Store.sheetAt on $name', (factory) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await factory.create();
    store = await database.openStore();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const asRows = (pulled: PullResult | null) => (pulled?.rows ?? []).map((r) => ({ key: r.key, cells: r.cells }));

  it('storedRowsDigest: the same for the same stored rows (another sheet, another connection), another after a change, none once moved on', async () => {
    const ref = freshRef();
    const rows = [row('A', { kpi: 'A', target: '≥90%' }), row('B\tb', { kpi: 'B', note: 'x\ny' })];
    outcomeOf(await store.push(pushRequest(ref, { rows })));
    const other = await database.openStore();
    try {
      const first = await store.storedRowsDigest(ref, 1);
      expect(first).toEqual({ digest: expect.stringMatching(/^[0-9a-f]{64}$/) as string, rows: 2 });
      // The same rows pushed to another sheet hash alike: the digest is of the rows, not the sheet.
      const twin = { ...ref, sheet: `${ref.sheet}-twin` };
      outcomeOf(await other.push(pushRequest(twin, { rows })));
      expect(await other.storedRowsDigest(twin, 1)).toEqual(first);
      // A revision the sheet has moved past, or never had: no digest.
      outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, mode: 'delta', rows: [row('A', { target: '≥91%' })] })));
      expect(await store.storedRowsDigest(ref, 1)).toBeNull();
      expect(await store.storedRowsDigest(ref, 3)).toBeNull();
      expect((await store.storedRowsDigest(ref, 2))?.digest).not.toBe(first?.digest);
      expect(await store.storedRowsDigest(freshRef(), 1)).toBeNull();
    } finally {
      await other.close();
    }
  });

  it('answers each earlier revision exactly as a pull answered it then: creates, updates, deletes, added fields', async () => {
    const ref = freshRef();
    const seen: PullResult[] = [];
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('A', { kpi: 'A', target: '≥90%' }), row('B', { kpi: 'B', target: '≤2h' })] })));
    seen.push((await store.pull(ref, 0))!);
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, mode: 'delta', rows: [row('A', { weight: 30 })] })));
    seen.push((await store.pull(ref, 0))!);
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 2, mode: 'delta', rows: [row('C', { kpi: 'C' })], deletes: ['B'] })));
    seen.push((await store.pull(ref, 0))!);
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 3, mode: 'delta', rows: [row('B', { kpi: 'B again' }), row('A', { target: '≥95%' })] })));
    seen.push((await store.pull(ref, 0))!);

    for (const [i, then] of seen.entries()) {
      const at = await store.sheetAt(ref, i + 1);
      expect(at?.revision).toBe(i + 1);
      expect(at?.kind).toBe('kpi');
      expect(sheetChecksum(at!.rows)).toBe(sheetChecksum(asRows(then)));
      expect([...at!.rows].sort((a, b) => a.key.localeCompare(b.key)).map((r) => r.key)).toEqual(then.rows.map((r) => r.key));
    }
    // Revision 2 differs from 1 and 3: the checksum is not blind to the changes.
    const sums = await Promise.all([1, 2, 3, 4].map(async (r) => sheetChecksum((await store.sheetAt(ref, r))!.rows)));
    expect(new Set(sums).size).toBe(4);
  });

  it('answers null for a revision the sheet has not reached, or a sheet that does not exist', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('A', { kpi: 'A' })] })));
    expect(await store.sheetAt(ref, 2)).toBeNull();
    expect(await store.sheetAt({ ...ref, sheet: 'nope' }, 1)).toBeNull();
  });

  it('lists every sheet of every tenant with its revision', async () => {
    const ref = freshRef('tenant-listed');
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('A', { kpi: 'A' })] })));
    const listed = await store.listEverySheet();
    expect(listed).toContainEqual({ ...ref, revision: 1 });
  });
});
