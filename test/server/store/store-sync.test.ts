import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import type { Store } from '../../../server/store/store-types';
import { alice, bob, freshRef, outcomeOf, pushRequest, row, steppingClock } from './helpers';

describe.each(databaseFactories)('store sync on $name', (factory) => {
  let database: TestDatabase;
  let store: Store;
  const clock = steppingClock();

  beforeAll(async () => {
    database = await factory.create();
    store = await database.openStore({ now: clock.now });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('creates a sheet with a full push and pulls it back, values exact', async () => {
    const ref = freshRef();
    const rows = [
      row('KPI-1', { name: '客户满意度', target: 0.1, weight: 0.3, active: true, note: null }),
      row('KPI-2', { name: 'On-time delivery', target: 1e21, weight: -1.5e-7, active: false, note: '' }),
      row('KPI-3', { name: 'x', target: Number.MAX_SAFE_INTEGER + 2, weight: 5e-324, active: true, note: 'a\tb\nc' }),
    ];
    const outcome = outcomeOf(await store.push(pushRequest(ref, { rows })));
    // 15 cells, one of them empty ('' is a value).
    expect(outcome).toEqual({ revision: 1, changedCells: 14, conflicts: [] });

    const pulled = await store.pull(ref, 0);
    expect(pulled?.kind).toBe('kpi');
    expect(pulled?.revision).toBe(1);
    expect(pulled?.rows).toEqual(rows.map((r) => ({ key: r.key, cells: r.cells, deleted: false, revision: 1 })));
    expect(pulled?.rows[0]?.cells['target']).toBe(0.1);
    expect(await store.pull(ref, 1)).toEqual({ kind: 'kpi', revision: 1, rows: [] });
  });

  it('keeps keys and texts exact through the bulk paths: escapes, control characters, quotes, CJK and astral characters', async () => {
    // A new sheet takes the COPY path on PostgreSQL; the second push the unnest upsert.
    const awkward = ['back\\slash', 'tab\there', 'new\nline', 'cr\rlf\r\n', 'quote"s\'', '\\N', '{"a":1}', '{x,y}', 'NULL', '指标\u{1f600}', ' lead', 'trail '];
    const ref = freshRef();
    const rows = awkward.map((key, i) => row(key, { text: `${key}|\\t|\u0001|\u007f|${i}`, n: i }));
    expect(outcomeOf(await store.push(pushRequest(ref, { rows }))).changedCells).toBe(awkward.length * 2);
    const sorted = (list: { key: string }[]) => [...list].sort((a, b) => (a.key < b.key ? -1 : 1));
    const pulled = await store.pull(ref, 0);
    expect(sorted(pulled!.rows.map((r) => ({ key: r.key, cells: r.cells })))).toEqual(sorted(rows));

    const changed = awkward.map((key) => row(key, { text: `${key}\\\n\t"`, n: -1 }));
    expect(outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, rows: changed }))).changedCells).toBe(awkward.length * 2);
    const again = await store.pull(ref, 1);
    expect(sorted(again!.rows.map((r) => ({ key: r.key, cells: r.cells })))).toEqual(sorted(changed));
    const history = await store.cellHistory(ref, 'tab\there', 'text');
    expect(history?.map((h) => [h.oldValue, h.newValue])).toEqual([
      [null, 'tab\there|\\t|\u0001|\u007f|1'],
      ['tab\there|\\t|\u0001|\u007f|1', 'tab\there\\\n\t"'],
    ]);
  });

  it('pulls rows in code point order (UTF-8 bytes) on every database', async () => {
    const ref = freshRef();
    const keys = ['b', 'a', 'B', 'ä', 'Z', '指标', 'a b', 'ab', '\uff61', '\u{1f600}', 'á', '_'];
    await store.push(pushRequest(ref, { rows: keys.map((k) => row(k, { v: 1 })) }));
    const pulled = await store.pull(ref, 0);
    const byCodePoint = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(pulled!.rows.map((r) => r.key)).toEqual(byCodePoint);
  });

  it('refuses a create of an existing sheet, a push to a missing one, another kind and an unknown base', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { n: 1 })] })));
    expect(await store.push(pushRequest(ref))).toEqual({ status: 'exists' });
    expect(await store.push(pushRequest(freshRef(), { baseRevision: 1 }))).toEqual({ status: 'not-found' });
    expect(await store.push(pushRequest(ref, { baseRevision: 1, kind: 'gantt' }))).toEqual({ status: 'kind-mismatch' });
    expect(await store.push(pushRequest(ref, { baseRevision: 7 }))).toEqual({ status: 'stale-unknown', current: 1 });
    expect(await store.push(pushRequest(ref, { baseRevision: -1 }))).toEqual({ status: 'stale-unknown', current: 1 });
    expect(await store.pull(freshRef(), 0)).toBeNull();
  });

  it('merges a stale push that changed other cells than the pushes since its base', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { name: 'A', target: 1, actual: 0 })] })));
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, actor: bob, mode: 'delta', rows: [row('a', { actual: 5 })] })));
    // Alice still has revision 1 and changed the target, in a full push of her whole sheet.
    const outcome = outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, rows: [row('a', { name: 'A', target: 2, actual: 0 })] })));
    expect(outcome).toEqual({ revision: 3, changedCells: 1, conflicts: [] });
    const pulled = await store.pull(ref, 2);
    expect(pulled?.rows).toEqual([{ key: 'a', cells: { name: 'A', target: 2, actual: 5 }, deleted: false, revision: 3 }]);
  });

  it('answers cells both sides changed as conflicts (yours, theirs, original) without writing them', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { target: 1, actual: 0 }), row('b', { target: 7 })] })));
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, actor: bob, mode: 'delta', rows: [row('a', { target: 2 })] })));
    const outcome = outcomeOf(
      await store.push(pushRequest(ref, { baseRevision: 1, mode: 'delta', rows: [row('a', { target: 3, actual: 9 }), row('b', { target: 8 })] })),
    );
    expect(outcome.conflicts).toEqual([{ key: 'a', field: 'target', yours: 3, theirs: 2, original: 1 }]);
    expect(outcome.changedCells).toBe(2);
    expect(outcome.revision).toBe(3);
    const pulled = await store.pull(ref, 0);
    expect(pulled?.rows.map((r) => [r.key, r.cells])).toEqual([
      ['a', { target: 2, actual: 9 }],
      ['b', { target: 8 }],
    ]);
  });

  it('makes no revision when a push changes nothing, and still answers its conflicts', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { target: 1 })] })));
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, mode: 'delta', rows: [row('a', { target: 2 })] })));
    const conflicted = outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, mode: 'delta', rows: [row('a', { target: 3 })] })));
    expect(conflicted).toEqual({ revision: 2, changedCells: 0, conflicts: [{ key: 'a', field: 'target', yours: 3, theirs: 2, original: 1 }] });
    const same = outcomeOf(await store.push(pushRequest(ref, { baseRevision: 2, rows: [row('a', { target: 2 })] })));
    expect(same).toEqual({ revision: 2, changedCells: 0, conflicts: [] });
    expect((await store.pull(ref, 0))?.revision).toBe(2);
  });

  it('deletes rows missing from a full push and pulls them as tombstones', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { n: 1 }), row('b', { n: 2 }), row('c', { n: 3 })] })));
    const outcome = outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, rows: [row('a', { n: 1 })] })));
    expect(outcome).toEqual({ revision: 2, changedCells: 2, conflicts: [] });
    expect((await store.pull(ref, 1))?.rows).toEqual([
      { key: 'b', cells: {}, deleted: true, revision: 2 },
      { key: 'c', cells: {}, deleted: true, revision: 2 },
    ]);
    expect((await store.pull(ref, 0))?.rows.map((r) => r.key)).toEqual(['a']);
    // A deleted key can come back.
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 2, mode: 'delta', rows: [row('b', { n: 20 })] })));
    expect((await store.pull(ref, 2))?.rows).toEqual([{ key: 'b', cells: { n: 20 }, deleted: false, revision: 3 }]);
  });

  it('keeps rows changed or created by others that a stale full push lacks', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { n: 1 }), row('b', { n: 2 })] })));
    outcomeOf(
      await store.push(pushRequest(ref, { baseRevision: 1, actor: bob, mode: 'delta', rows: [row('b', { n: 3 }), row('new', { n: 4 })] })),
    );
    // Alice (base 1) deletes b by leaving it out; she never saw "new".
    const outcome = outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, rows: [row('a', { n: 1 })] })));
    expect(outcome).toEqual({ revision: 2, changedCells: 0, conflicts: [{ key: 'b', field: 'n', yours: null, theirs: 3, original: 2 }] });
    expect((await store.pull(ref, 0))?.rows.map((r) => r.key)).toEqual(['a', 'b', 'new']);
  });

  it('answers a change to a row deleted since the base as a conflict, and leaves it deleted', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { n: 1, m: 1 }), row('b', { n: 2 })] })));
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, actor: bob, mode: 'delta', deletes: ['a'] })));
    const outcome = outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, mode: 'delta', rows: [row('a', { n: 5 }), row('b', { n: 6 })] })));
    expect(outcome.conflicts).toEqual([{ key: 'a', field: 'n', yours: 5, theirs: null, original: 1 }]);
    expect(outcome.revision).toBe(3);
    const pulled = await store.pull(ref, 0);
    expect(pulled?.rows.map((r) => [r.key, r.cells])).toEqual([['b', { n: 6 }]]);
  });

  it('delta pushes create, change and delete only what they name', async () => {
    const ref = freshRef();
    const rows = Array.from({ length: 300 }, (_, i) => row(`r${String(i).padStart(3, '0')}`, { n: i, label: `row ${i}` }));
    outcomeOf(await store.push(pushRequest(ref, { rows })));
    const outcome = outcomeOf(
      await store.push(
        pushRequest(ref, { baseRevision: 1, mode: 'delta', rows: [row('r005', { n: 500 }), row('zz', { n: -1 })], deletes: ['r010', 'nope'] }),
      ),
    );
    expect(outcome).toEqual({ revision: 2, changedCells: 4, conflicts: [] });
    const pulled = await store.pull(ref, 1);
    expect(pulled?.rows).toEqual([
      { key: 'r005', cells: { n: 500, label: 'row 5' }, deleted: false, revision: 2 },
      { key: 'r010', cells: {}, deleted: true, revision: 2 },
      { key: 'zz', cells: { n: -1 }, deleted: false, revision: 2 },
    ]);
    expect((await store.pull(ref, 0))?.rows).toHaveLength(300);
  });

  it('keeps the history of every cell: who, when, old and new, oldest first', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { target: 1, name: 'A' })] })));
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, actor: bob, mode: 'delta', rows: [row('a', { target: 0.1 })] })));
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 2, mode: 'delta', rows: [row('a', { name: 'A2' })] })));
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 3, actor: bob, mode: 'delta', deletes: ['a'] })));

    const history = await store.cellHistory(ref, 'a', 'target');
    expect(history?.map(({ at: _at, ...rest }) => rest)).toEqual([
      { revision: 1, userId: alice.userId, email: alice.email, oldValue: null, newValue: 1 },
      { revision: 2, userId: bob.userId, email: bob.email, oldValue: 1, newValue: 0.1 },
      { revision: 4, userId: bob.userId, email: bob.email, oldValue: 0.1, newValue: null },
    ]);
    const instants = history?.map((h) => h.at) ?? [];
    expect(instants.every((at) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(at))).toBe(true);
    expect([...instants].sort()).toEqual(instants);
    expect(new Set(instants).size).toBe(3);
    expect(await store.cellHistory(ref, 'a', 'unknown')).toEqual([]);
    expect(await store.cellHistory(freshRef(), 'a', 'target')).toBeNull();
  });

  it('answers a delta push with the rows it wrote, as a pull since the revision before reads them', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { n: 1 }), row('b', { n: 2 }), row('c', { n: 3 })] })));
    const pushed = await store.push(pushRequest(ref, { baseRevision: 1, mode: 'delta', rows: [row('c', { n: 30 }), row('d', { n: 4 })], deletes: ['a'] }));
    if (pushed.status !== 'applied') throw new Error(`expected applied, got ${pushed.status}`);
    expect(pushed.outcome.revision).toBe(2);
    expect(pushed.written).toEqual(await store.pull(ref, 1));
    expect(pushed.written?.rows.map((r) => [r.key, r.deleted])).toEqual([
      ['a', true],
      ['c', false],
      ['d', false],
    ]);
    // A push that changes nothing writes nothing.
    const same = await store.push(pushRequest(ref, { baseRevision: 2, mode: 'delta', rows: [row('d', { n: 4 })] }));
    expect(same.status === 'applied' && same.written).toBeFalsy();
  });

  it('tells the history of rows created with the sheet, though that revision logs no create', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { target: 1 }), row('b', { target: 2 }), row('c', { target: 3 })] })));
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 1, actor: bob, mode: 'delta', deletes: ['b'] })));
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 2, mode: 'delta', rows: [row('b', { target: 20 })] })));
    const steps = async (key: string): Promise<unknown[] | undefined> =>
      (await store.cellHistory(ref, key, 'target'))?.map((h) => [h.revision, h.userId, h.oldValue, h.newValue]);
    expect(await steps('a')).toEqual([[1, alice.userId, null, 1]]);
    expect(await steps('b')).toEqual([
      [1, alice.userId, null, 2],
      [2, bob.userId, 2, null],
      [3, alice.userId, null, 20],
    ]);
    expect(await steps('never')).toEqual([]);
    // The sheet as it was at revision 1 and 2, rebuilt from the log.
    expect((await store.sheetAt(ref, 1))?.rows).toEqual([
      { key: 'a', cells: { target: 1 } },
      { key: 'b', cells: { target: 2 } },
      { key: 'c', cells: { target: 3 } },
    ]);
    expect((await store.sheetAt(ref, 2))?.rows.map((r) => r.key)).toEqual(['a', 'c']);
    // A push from before the sheet existed (base 0) meets every row as created since.
    const fromNothing = outcomeOf(await store.push(pushRequest(ref, { baseRevision: 0, actor: bob, mode: 'delta', rows: [row('c', { target: 30 })] })));
    expect(fromNothing).toEqual({ revision: 3, changedCells: 0, conflicts: [{ key: 'c', field: 'target', yours: 30, theirs: 3, original: null }] });
  });

  it('records the instant from the injected clock', async () => {
    const ref = freshRef();
    const fixed = await database.openStore({ now: () => new Date('2030-01-02T03:04:05.678Z') });
    outcomeOf(await fixed.push(pushRequest(ref, { rows: [row('a', { n: 1 })] })));
    expect((await fixed.cellHistory(ref, 'a', 'n'))?.[0]?.at).toBe('2030-01-02T03:04:05.678Z');
    expect((await fixed.listSheets(ref.tenantId, ref.workspace)).find((s) => s.workbook === ref.workbook)?.updatedAt).toBe(
      '2030-01-02T03:04:05.678Z',
    );
  });

  it('keeps tenants apart, even under the same workspace, workbook and sheet names', async () => {
    const mine = freshRef('tenant-iso-1');
    const theirs = { ...mine, tenantId: 'tenant-iso-2' };
    const other = { ...alice, tenantId: theirs.tenantId };
    outcomeOf(await store.push(pushRequest(mine, { rows: [row('secret', { n: 1 })] })));

    expect(await store.pull(theirs, 0)).toBeNull();
    expect(await store.cellHistory(theirs, 'secret', 'n')).toBeNull();
    expect(await store.listSheets(theirs.tenantId, theirs.workspace)).toEqual([]);
    expect(await store.listWorkspaces(theirs.tenantId)).toEqual([]);
    expect(await store.push(pushRequest(theirs, { actor: other, baseRevision: 1 }))).toEqual({ status: 'not-found' });

    // The other tenant's own sheet of the same names is a separate sheet.
    outcomeOf(await store.push(pushRequest(theirs, { actor: other, rows: [row('x', { n: 2 })] })));
    expect((await store.pull(theirs, 0))?.rows.map((r) => r.key)).toEqual(['x']);
    expect((await store.pull(mine, 0))?.rows.map((r) => r.key)).toEqual(['secret']);
  });

  it('refuses (as a bug) a push whose actor is of another tenant than the sheet', async () => {
    const ref = freshRef();
    await expect(store.push(pushRequest(ref, { actor: { ...alice, tenantId: 'elsewhere' } }))).rejects.toThrow(/different tenants/);
  });

  it('lists workspaces and sheets of a tenant', async () => {
    const tenantId = 'tenant-list';
    await store.ensureWorkspace(tenantId, 'b-space');
    await store.ensureWorkspace(tenantId, 'a-space');
    await store.ensureWorkspace(tenantId, 'a-space');
    expect(await store.listWorkspaces(tenantId)).toEqual(['a-space', 'b-space']);
    const ref = { tenantId, workspace: 'a-space', workbook: 'plan.xlsx', sheet: '甘特图' };
    outcomeOf(await store.push(pushRequest(ref, { kind: 'gantt', rows: [row('t1', { task: 'x' })] })));
    const sheets = await store.listSheets(tenantId, 'a-space');
    expect(sheets.map(({ updatedAt: _u, ...s }) => s)).toEqual([{ workbook: 'plan.xlsx', sheet: '甘特图', kind: 'gantt', revision: 1 }]);
  });
});
