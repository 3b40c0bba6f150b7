import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import type { PushResult, Store } from '../../../server/store/store-types';
import { alice, freshKey, freshRef, outcomeOf, pushRequest, row } from './helpers';

describe.each(databaseFactories)('store idempotency on $name', (factory) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await factory.create();
    store = await database.openStore();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('replays the first answer to a retry with the same key and body, applying nothing again', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { n: 1 })] })));
    const retry = pushRequest(ref, { baseRevision: 1, mode: 'delta', rows: [row('a', { n: 2 })] });
    const first = outcomeOf(await store.push(retry));
    expect(first).toEqual({ revision: 2, changedCells: 1, conflicts: [] });
    // Someone else pushes in between; the replay still answers what the first attempt did.
    outcomeOf(await store.push(pushRequest(ref, { baseRevision: 2, mode: 'delta', rows: [row('a', { n: 3 })] })));
    expect(await store.push(retry)).toEqual({ status: 'replay', httpStatus: 200, body: first });
    expect((await store.pull(ref, 0))?.revision).toBe(3);
    expect((await store.cellHistory(ref, 'a', 'n'))?.map((h) => h.newValue)).toEqual([1, 2, 3]);
  });

  it('refuses a key reused with another body', async () => {
    const ref = freshRef();
    const key = freshKey();
    outcomeOf(await store.push(pushRequest(ref, { idempotencyKey: key, requestHash: 'one', rows: [row('a', { n: 1 })] })));
    expect(await store.push(pushRequest(ref, { idempotencyKey: key, requestHash: 'two', baseRevision: 1 }))).toEqual({ status: 'key-reused' });
  });

  it('scopes keys per tenant', async () => {
    const key = freshKey();
    const mine = freshRef('tenant-key-1');
    const theirs = { ...freshRef('tenant-key-2') };
    outcomeOf(await store.push(pushRequest(mine, { idempotencyKey: key, requestHash: 'h', rows: [row('a', { n: 1 })] })));
    const other = { ...alice, tenantId: theirs.tenantId };
    outcomeOf(await store.push(pushRequest(theirs, { actor: other, idempotencyKey: key, requestHash: 'h', rows: [row('b', { n: 2 })] })));
    expect((await store.pull(theirs, 0))?.rows.map((r) => r.key)).toEqual(['b']);
  });

  it('does not record a key for a refused push, so the corrected request can use it', async () => {
    const ref = freshRef();
    const key = freshKey();
    expect(await store.push(pushRequest(ref, { idempotencyKey: key, baseRevision: 3 }))).toEqual({ status: 'not-found' });
    outcomeOf(await store.push(pushRequest(ref, { idempotencyKey: key, requestHash: 'fixed', rows: [row('a', { n: 1 })] })));
  });

  it('applies a concurrent duplicate once: the other answer replays it (or says in-progress)', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { n: 0 })] })));
    const second = await database.openStore();
    const duplicate = pushRequest(ref, { baseRevision: 1, mode: 'delta', rows: [row('a', { n: 1 }), row('b', { n: 1 })] });
    const results: PushResult[] = await Promise.all([store.push(duplicate), second.push(duplicate), store.push(duplicate), second.push(duplicate)]);

    const applied = results.filter((r) => r.status === 'applied');
    expect(applied).toHaveLength(1);
    const answer = outcomeOf(applied[0] ?? { status: 'not-found' });
    for (const r of results.filter((x) => x.status !== 'applied')) {
      if (r.status === 'replay') expect(r.body).toEqual(answer);
      else expect(r.status).toBe('in-progress');
    }
    const pulled = await store.pull(ref, 0);
    expect(pulled?.revision).toBe(2);
    expect((await store.cellHistory(ref, 'b', 'n'))?.length).toBe(1);
  });

  it('answers a duplicate of a slow push in-progress (PostgreSQL, after keyWaitMs) or replays it once done (SQLite queues writers)', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { n: 0 })] })));
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const slow = await database.openStore({
      beforeCommit: async () => {
        entered();
        await held;
      },
    });
    const impatient = await database.openStore({ keyWaitMs: 200 });
    const request = pushRequest(ref, { baseRevision: 1, mode: 'delta', rows: [row('a', { n: 1 })] });

    const first = slow.push(request);
    await inside;
    const second = impatient.push(request);
    if (database.name === 'postgres') {
      expect(await second).toEqual({ status: 'in-progress' });
      release();
      expect(outcomeOf(await first).revision).toBe(2);
    } else {
      setTimeout(release, 300);
      const answer = outcomeOf(await first);
      expect(await second).toEqual({ status: 'replay', httpStatus: 200, body: answer });
    }
    expect(await store.push(request)).toEqual({ status: 'replay', httpStatus: 200, body: { revision: 2, changedCells: 1, conflicts: [] } });
  });

  it('rolls a push back entirely when it fails just before commit, and the retry applies it once', async () => {
    const ref = freshRef();
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('a', { n: 1 }), row('b', { n: 2 })] })));
    const before = await store.pull(ref, 0);

    let crash = true;
    const crashing = await database.openStore({
      beforeCommit: () => {
        if (crash) throw new Error('simulated crash before commit');
      },
    });
    const request = pushRequest(ref, { baseRevision: 1, rows: [row('a', { n: 10 }), row('c', { n: 3 })] });
    await expect(crashing.push(request)).rejects.toThrow('simulated crash before commit');

    expect(await store.pull(ref, 0)).toEqual(before);
    expect(await store.cellHistory(ref, 'c', 'n')).toEqual([]);
    const raw = database.openDatabase().db;
    const revisions = await raw.selectFrom('sheet_revisions').select('revision').where('idempotency_key', '=', request.idempotencyKey).execute();
    expect(revisions).toEqual([]);
    const keyRows = await raw.selectFrom('idempotency_keys').selectAll().where('key', '=', request.idempotencyKey).execute();
    expect(keyRows).toEqual([]);

    crash = false;
    const outcome = outcomeOf(await crashing.push(request));
    expect(outcome).toEqual({ revision: 2, changedCells: 3, conflicts: [] });
    expect(await store.push(request)).toEqual({ status: 'replay', httpStatus: 200, body: outcome });
    const after = await store.pull(ref, 0);
    expect(after?.rows.map((r) => [r.key, r.cells])).toEqual([
      ['a', { n: 10 }],
      ['c', { n: 3 }],
    ]);
    expect(after?.revision).toBe(2);
  });
});
