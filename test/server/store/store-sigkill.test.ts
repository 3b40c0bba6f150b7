import path from 'node:path';
import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import { spawnLineChild, type LineChild } from '../../fixtures/line-child';
import { bigPushRequest, type ChildTask } from '../../fixtures/store-child';
import type { PushOutcome, Store } from '../../../server/store/store-types';
import { freshKey, freshRef, outcomeOf, pushRequest, row } from './helpers';

/**
 * Real processes: a store in a child process killed with SIGKILL in the middle of a 50k-row
 * push, then the push retried with the same Idempotency-Key; and two processes racing pushes.
 * The child is the compiled fixture (jest compiles only in-process), so `npx tsc -b` first.
 */
const CHILD = path.resolve(__dirname, '..', '..', '..', 'dist', 'test', 'fixtures', 'store-child.js');
const ROWS = 50_000;

type Child = LineChild;

function startChild(task: ChildTask): Child {
  return spawnLineChild(CHILD, [JSON.stringify(task)]);
}

async function kill(child: Child): Promise<void> {
  child.process.kill('SIGKILL');
  await child.exited;
}

describe.each(databaseFactories)('store under SIGKILL on $name', (factory) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await factory.create();
    store = await database.openStore();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function expectAppliedOnce(ref: ReturnType<typeof freshRef>, key: string): Promise<PushOutcome> {
    const request = bigPushRequest(ref, key, ROWS);
    const retry = await store.push(request);
    let outcome: PushOutcome;
    if (retry.status === 'replay') outcome = retry.body as PushOutcome;
    else outcome = outcomeOf(retry);
    expect(outcome).toEqual({ revision: 1, changedCells: ROWS * 4, conflicts: [] });
    const pulled = await store.pull(ref, 0);
    expect(pulled?.revision).toBe(1);
    expect(pulled?.rows).toHaveLength(ROWS);
    expect(pulled?.rows[ROWS - 1]).toEqual({ key: 'KPI-049999', cells: request.rows[ROWS - 1]?.cells, deleted: false, revision: 1 });
    expect((await store.cellHistory(ref, 'KPI-000123', 'target'))?.map((h) => [h.revision, h.newValue])).toEqual([[1, 12.3]]);
    // And once more: a replay, nothing applied.
    expect((await store.push(request)).status).toBe('replay');
    expect((await store.pull(ref, 0))?.revision).toBe(1);
    return outcome;
  }

  it('a push killed inside its transaction leaves nothing, and its retry applies it exactly once', async () => {
    const ref = freshRef();
    const key = freshKey();
    const child = startChild({ mode: 'push', config: database.config, ref, key, rows: ROWS, hang: true });
    await child.line('BEFORE-COMMIT');
    await kill(child);

    expect(await store.pull(ref, 0)).toBeNull();
    const raw = database.openDatabase().db;
    expect(await raw.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute()).toEqual([]);
    await expectAppliedOnce(ref, key);
  });

  it('a push killed at an arbitrary moment is applied exactly once after the retry', async () => {
    const ref = freshRef();
    const key = freshKey();
    const child = startChild({ mode: 'push', config: database.config, ref, key, rows: ROWS, hang: false });
    await child.line('PUSHING');
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 400)));
    await kill(child);

    const seen = await store.pull(ref, 0);
    // Either nothing or everything, never part of it.
    if (seen !== null) expect([seen.revision, seen.rows.length]).toEqual([1, ROWS]);
    await expectAppliedOnce(ref, key);
  });

  it('two processes racing 20 pushes of different cells to one sheet lose no update', async () => {
    const ref = freshRef();
    const fields = Array.from({ length: 20 }, (_, i) => `f${String(i).padStart(2, '0')}`);
    outcomeOf(await store.push(pushRequest(ref, { rows: [row('r', Object.fromEntries(fields.map((f) => [f, 0])))] })));
    const halves = [fields.slice(0, 10), fields.slice(10)];
    const children = halves.map((part) => startChild({ mode: 'race', config: database.config, ref, base: 1, fields: part }));
    const done = await Promise.all(children.map((c) => c.line('DONE')));
    await Promise.all(children.map((c) => c.exited));
    for (const line of done) {
      const results = JSON.parse(line.slice('DONE '.length)) as Array<{ status: string; outcome?: PushOutcome }>;
      expect(results.map((r) => [r.status, r.outcome?.conflicts])).toEqual(results.map(() => ['applied', []]));
    }
    const pulled = await store.pull(ref, 0);
    expect(pulled?.revision).toBe(21);
    // Each child numbered its cells 1..10 in its own order.
    expect(pulled?.rows[0]?.cells).toEqual(Object.fromEntries(halves.flatMap((part) => part.map((f, i) => [f, i + 1]))));
  });
});
