import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import { openStore } from '../../../server/store/open-store';
import type { PushRequest, PushResult, SheetRef, Store } from '../../../server/store/store-types';
import { bob, freshRef, outcomeOf, pushRequest, row } from './helpers';

/**
 * Pushes queued behind one sheet's push. On PostgreSQL they wait in the store's queue for that
 * sheet and are then applied together in one transaction (group commit, pg-push-batch.ts); on
 * SQLite they wait for the file's write lock and are applied one by one. Either way each must be
 * answered as if applied alone, in order: its own merge against what the pushes before it left,
 * its own revision, its own Idempotency-Key answer, and a refusal or a failure taking back only
 * itself.
 *
 * The first push is held just before its COMMIT (the store's test seam) while the others queue.
 */

interface Held {
  /** A store whose first push waits before COMMIT until release(). */
  readonly store: Store;
  readonly inside: Promise<void>;
  release(): void;
  /** 'hook' each time a push reached the seam, 'answer' each time a push sent through `send` was answered. */
  readonly events: string[];
  send(request: PushRequest): Promise<PushResult>;
}

async function heldStore(database: TestDatabase): Promise<Held> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let entered: () => void = () => undefined;
  const inside = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const events: string[] = [];
  let calls = 0;
  const store = await database.openStore({
    beforeCommit: async () => {
      calls += 1;
      events.push('hook');
      if (calls === 1) {
        entered();
        await held;
      }
    },
  });
  const send = (request: PushRequest): Promise<PushResult> =>
    store.push(request).then(
      (result) => {
        events.push('answer');
        return result;
      },
      (error: unknown) => {
        events.push('answer');
        throw error;
      },
    );
  return { store, inside, release, events, send };
}

const delta = (ref: SheetRef, baseRevision: number, over: Partial<PushRequest> = {}): PushRequest =>
  pushRequest(ref, { baseRevision, mode: 'delta', ...over });

describe.each(databaseFactories)('pushes queued behind one sheet on $name', (factory) => {
  let database: TestDatabase;
  let plain: Store;

  beforeAll(async () => {
    database = await factory.create();
    plain = await database.openStore();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('applies each in turn with its own merge and revision; a refused push takes back only itself and leaves its key free', async () => {
    const ref = freshRef();
    outcomeOf(await plain.push(pushRequest(ref, { rows: ['a', 'b', 'c', 'd', 'e'].map((k) => row(k, { n: 0 })) })));
    const held = await heldStore(database);

    const first = held.send(delta(ref, 1, { rows: [row('a', { n: 1 })] }));
    await held.inside;
    const stale = delta(ref, 99, { rows: [row('c', { n: 3 })] });
    const deleting = delta(ref, 1, { rows: [row('c', { n: 4 })], deletes: ['d'], mayDelete: () => false });
    const queued = [
      held.send(delta(ref, 1, { actor: { ...bob, tenantId: ref.tenantId }, rows: [row('b', { n: 2 })] })),
      held.send(stale),
      held.send(deleting),
      // From base 1: 'a' was changed by the first push since, so this change is a conflict.
      held.send(delta(ref, 1, { rows: [row('a', { n: 5 })] })),
      // From base 2, the first push's answer: it saw 'a' = 1, so its change lands.
      held.send(delta(ref, 2, { rows: [row('e', { n: 6 }), row('a', { n: 7 })] })),
      // From base 1 again: 'b' was changed since by a push queued ahead of this one.
      held.send(delta(ref, 1, { rows: [row('b', { n: 8 })] })),
    ];
    held.release();

    expect(outcomeOf(await first).revision).toBe(2);
    const [b, refusedStale, refusedDelete, conflicting, later, behindB] = await Promise.all(queued);
    expect(outcomeOf(b!)).toEqual({ revision: 3, changedCells: 1, conflicts: [] });
    expect(refusedStale).toEqual({ status: 'stale-unknown', current: 3 });
    expect(refusedDelete).toEqual({ status: 'delete-refused', keys: ['d'] });
    expect(outcomeOf(conflicting!)).toEqual({ revision: 3, changedCells: 0, conflicts: [{ key: 'a', field: 'n', yours: 5, theirs: 1, original: 0 }] });
    expect(outcomeOf(later!)).toEqual({ revision: 4, changedCells: 2, conflicts: [] });
    expect(outcomeOf(behindB!)).toEqual({ revision: 4, changedCells: 0, conflicts: [{ key: 'b', field: 'n', yours: 8, theirs: 2, original: 0 }] });

    const pulled = await plain.pull(ref, 0);
    expect(pulled?.revision).toBe(4);
    expect(Object.fromEntries((pulled?.rows ?? []).map((r) => [r.key, r.cells]))).toEqual({
      a: { n: 7 },
      b: { n: 2 },
      c: { n: 0 },
      d: { n: 0 },
      e: { n: 6 },
    });
    // Each revision is its own push's: who made it, and the history of every cell.
    expect((await plain.cellHistory(ref, 'b', 'n'))?.map((h) => [h.revision, h.email, h.oldValue, h.newValue])).toEqual([
      [1, 'alice@example.com', null, 0],
      [3, 'bob@example.com', 0, 2],
    ]);
    expect((await plain.cellHistory(ref, 'a', 'n'))?.map((h) => [h.revision, h.oldValue, h.newValue])).toEqual([
      [1, null, 0],
      [2, 0, 1],
      [4, 1, 7],
    ]);

    // The refused pushes recorded nothing under their keys: corrected, the same keys apply.
    expect(outcomeOf(await plain.push({ ...stale, baseRevision: 4 })).revision).toBe(5);
    expect(outcomeOf(await plain.push({ ...deleting, baseRevision: 5, deletes: [] })).revision).toBe(6);

    if (database.name === 'postgres') {
      // Grouped: the four queued pushes that applied (two with conflicts only) reached the seam before any was answered
      // (one transaction), where one transaction each would have answered between them.
      expect(held.events).toEqual(['hook', 'answer', 'hook', 'hook', 'hook', 'hook', ...Array<string>(6).fill('answer')]);
    }
  });

  it('answers idempotent retries inside a group: a done push replays, a retry beside its first attempt replays that answer, another body is refused', async () => {
    const ref = freshRef();
    outcomeOf(await plain.push(pushRequest(ref, { rows: ['a', 'b', 'c'].map((k) => row(k, { n: 0 })) })));
    const done = delta(ref, 1, { rows: [row('a', { n: 1 })] });
    const doneOutcome = outcomeOf(await plain.push(done));
    const held = await heldStore(database);

    const first = held.send(delta(ref, 2, { rows: [row('b', { n: 1 })] }));
    await held.inside;
    const fresh = delta(ref, 2, { rows: [row('c', { n: 2 })] });
    const queued = [
      held.send(done),
      held.send(fresh),
      held.send(fresh),
      held.send({ ...done, requestHash: 'another body', rows: [row('a', { n: 9 })] }),
    ];
    held.release();

    expect(outcomeOf(await first).revision).toBe(3);
    const [replayDone, freshAnswer, freshRetry, reused] = await Promise.all(queued);
    expect(replayDone).toEqual({ status: 'replay', httpStatus: 200, body: doneOutcome });
    const freshOutcome = outcomeOf(freshAnswer!);
    expect(freshOutcome).toEqual({ revision: 4, changedCells: 1, conflicts: [] });
    expect(freshRetry).toEqual({ status: 'replay', httpStatus: 200, body: freshOutcome });
    expect(reused).toEqual({ status: 'key-reused' });

    const pulled = await plain.pull(ref, 0);
    expect(pulled?.revision).toBe(4);
    expect((await plain.cellHistory(ref, 'c', 'n'))?.map((h) => h.revision)).toEqual([1, 4]);
    expect((await plain.cellHistory(ref, 'a', 'n'))?.map((h) => h.newValue)).toEqual([0, 1]);
  });

  it('fails only the push the database refuses, and applies the others queued with it', async () => {
    const ref = freshRef();
    outcomeOf(await plain.push(pushRequest(ref, { rows: ['a', 'b'].map((k) => row(k, { n: 0 })) })));
    const held = await heldStore(database);

    const first = held.send(delta(ref, 1, { rows: [row('a', { n: 1 })] }));
    await held.inside;
    // PostgreSQL text cannot hold U+0000: this push's statements fail there (SQLite stores it).
    const queued = [
      held.send(delta(ref, 1, { rows: [row('b', { n: 2 })] })),
      held.send(delta(ref, 1, { rows: [row('bad\u0000key', { n: 3 })] })).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      ),
      held.send(delta(ref, 1, { rows: [row('c', { n: 4 })] })),
    ] as const;
    held.release();

    expect(outcomeOf(await first).revision).toBe(2);
    const [b, bad, c] = await Promise.all(queued);
    expect(outcomeOf(b).revision).toBe(3);
    if (database.name === 'postgres') {
      expect('error' in bad).toBe(true);
      expect(outcomeOf(c).revision).toBe(4);
      const pulled = await plain.pull(ref, 0);
      expect(pulled?.revision).toBe(4);
      expect((pulled?.rows ?? []).map((r) => [r.key, r.cells])).toEqual([
        ['a', { n: 1 }],
        ['b', { n: 2 }],
        ['c', { n: 4 }],
      ]);
    } else {
      expect('result' in bad && bad.result.status).toBe('applied');
      expect(outcomeOf(c).revision).toBe(5);
    }
  });

  it('goes on with a pool of one connection: the connection a busy sheet keeps is given back before a full push or a create needs one', async () => {
    const single = await openStore(database.config.kind === 'postgres' ? { ...database.config, poolSize: 1 } : database.config);
    try {
      const ref = freshRef();
      const created = single.push(pushRequest(ref, { rows: [row('a', { n: 0 })] }));
      const queued = [
        single.push(delta(ref, 1, { rows: [row('b', { n: 1 })] })),
        single.push(delta(ref, 1, { rows: [row('c', { n: 1 })] })),
        single.push(pushRequest(ref, { baseRevision: 1, rows: [row('a', { n: 2 }), row('b', { n: 1 }), row('c', { n: 1 })] })),
        single.push(delta(ref, 1, { rows: [row('d', { n: 1 })] })),
        single.push(pushRequest(freshRef(), { rows: [row('x', { n: 1 })] })),
      ];
      expect(outcomeOf(await created).revision).toBe(1);
      expect((await Promise.all(queued)).map((r) => outcomeOf(r).revision)).toEqual([2, 3, 4, 5, 1]);
      expect((await single.pull(ref, 0))?.rows.map((r) => [r.key, r.cells])).toEqual([
        ['a', { n: 2 }],
        ['b', { n: 1 }],
        ['c', { n: 1 }],
        ['d', { n: 1 }],
      ]);
    } finally {
      await single.close();
    }
  });
});
