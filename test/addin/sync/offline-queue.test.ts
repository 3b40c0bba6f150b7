import { OfflineQueue, type PushOutcome, type QueueState } from '../../../addin/sync/offline-queue';
import { fetchTransport } from '../../../addin/sync/progress';
import { createSyncClient, type SheetRef } from '../../../addin/sync/sync-client';
import type { PushBody } from '../../../shared/api/sync';
import { ok } from '../../../shared/result';
import { ManualTimers, MemoryStorage, until } from '../helpers/manual-timers';
import { MiniSyncServer } from '../helpers/mini-sync-server';

const KPI: SheetRef = { workspace: 'ops', workbook: 'wb', sheet: 'KPI' };
const PLAN: SheetRef = { workspace: 'ops', workbook: 'wb', sheet: 'Plan' };
// Ids (and so idempotency keys) unique across the queues of a test, as random UUIDs would be.
let n = 0;
const body = (name: string, target: string): PushBody => ({ kind: 'kpi', mode: 'delta', rows: [{ cells: { name, target } }], deletes: [] });

describe('offline queue against a service that goes down and comes back', () => {
  const server = new MiniSyncServer();
  let timers: ManualTimers;
  let storage: MemoryStorage;

  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    server.reset();
    timers = new ManualTimers();
    storage = new MemoryStorage();
  });

  function makeQueue(): OfflineQueue {
    const client = createSyncClient({
      baseUrl: server.url,
      tokens: { getToken: async () => ok('t.t.t') },
      transport: fetchTransport(),
      // The client's own retries are short; the queue does the long waiting.
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 10 },
      sleep: async () => undefined,
    });
    return new OfflineQueue({
      send: (entry, base, onProgress) => client.push(entry.ref, entry.body, { baseRevision: base, idempotencyKey: entry.idempotencyKey, onProgress }),
      storage,
      storageKey: 'queue',
      timers,
      random: () => 1,
      newId: () => `id-${++n}`,
      waitMs: { first: 2_000, max: 60_000 },
    });
  }

  const waitFor = (queue: OfflineQueue, predicate: (s: QueueState) => boolean) =>
    until((l) => queue.subscribe(l), () => queue.state(), predicate);

  it('waits while down (saying until when), persists, then drains in order exactly once', async () => {
    // Create the sheets first, while the service is up.
    const setup = makeQueue();
    await setup.enqueue({ ref: KPI, body: { ...body('A', '1'), mode: 'full' }, base: null }).done;
    await setup.enqueue({ ref: PLAN, body: { ...body('P', '1'), mode: 'full' }, base: null }).done;
    server.applied.length = 0;
    server.seen.length = 0;

    const queue = makeQueue();
    // Down: every connection dropped, and the third push's first answer lost after it was applied.
    server.faults.push({ kind: 'drop' }, { kind: 'drop' });
    const outcomes: PushOutcome[] = [];
    queue.onOutcome((o) => outcomes.push(o));
    const a = queue.enqueue({ ref: KPI, body: body('A', '2'), base: 1 });
    const b = queue.enqueue({ ref: KPI, body: body('A', '3'), base: 1 });
    const c = queue.enqueue({ ref: PLAN, body: body('P', '2'), base: 1 });

    const waiting = await waitFor(queue, (s) => s.status === 'waiting');
    expect(waiting).toMatchObject({ status: 'waiting', pending: 3, persisted: true });
    // random() = 1: the full first step, 2 s.
    expect(waiting.status === 'waiting' && waiting.nextRetryAt - timers.now()).toBe(2_000);
    expect(waiting.status === 'waiting' && waiting.failure.kind).toBe('unreachable');
    // The second of the same sheet starts from what the first makes, whatever that will be.
    const stored = JSON.parse(storage.getItem('queue')!) as { entries: { base: unknown }[] };
    expect(stored.entries.map((e) => e.base)).toEqual([1, 'previous', 1]);

    // Still down at the next try: the wait doubles.
    server.faults.push({ kind: 'drop' }, { kind: 'drop' });
    timers.fireNext();
    const again = await waitFor(queue, (s) => s.status === 'waiting' && s.nextRetryAt - timers.now() === 4_000);
    expect(again.pending).toBe(3);

    // Back, but the answer to the first push gets lost after it was applied.
    server.faults.push({ kind: 'apply-then-drop' }, { kind: 'drop' });
    timers.fireNext();
    await waitFor(queue, (s) => s.status === 'waiting');
    expect(server.applied).toHaveLength(1);

    timers.fireNext();
    const results = await Promise.all([a.done, b.done, c.done]);
    expect(results.map((r) => r.result.ok && r.result.value.revision)).toEqual([2, 3, 2]);
    expect(outcomes.map((o) => o.entry.id)).toEqual([a.id, b.id, c.id]);
    // Exactly once each, in order, the lost answer replayed rather than applied twice.
    const keys = outcomes.map((o) => o.entry.idempotencyKey);
    expect(server.applied).toEqual(keys);
    expect(new Set(server.pushes().map((p) => p.idempotencyKey))).toEqual(new Set(keys));
    // B went out based on A's revision.
    expect(server.pushes().filter((p) => p.idempotencyKey === keys[1]).map((p) => p.ifMatch)).toEqual(['"2"']);
    expect(queue.state()).toMatchObject({ status: 'online', pending: 0 });
    expect(storage.getItem('queue')).toBeNull();
  });

  it('survives a reload: a new queue over the same storage sends what was left, with the same keys', async () => {
    const first = makeQueue();
    server.faults.push({ kind: 'drop' }, { kind: 'drop' });
    first.enqueue({ ref: KPI, body: { ...body('A', '1'), mode: 'full' }, base: null });
    await waitFor(first, (s) => s.status === 'waiting');
    const key = first.pending()[0]!.idempotencyKey;
    first.dispose();

    const reloaded = makeQueue();
    expect(reloaded.state()).toMatchObject({ status: 'online', pending: 1, persisted: true });
    const outcome = new Promise<PushOutcome>((resolve) => reloaded.onOutcome(resolve));
    reloaded.start();
    expect((await outcome).result.ok).toBe(true);
    expect(server.applied).toEqual([key]);
  });

  it('honours a long Retry-After from the service for its next try', async () => {
    server.faults.push({ kind: 'status', status: 503, retryAfter: '45' });
    const queue = makeQueue();
    queue.enqueue({ ref: KPI, body: { ...body('A', '1'), mode: 'full' }, base: null });
    const s = await waitFor(queue, (x) => x.status === 'waiting');
    expect(s.status === 'waiting' && s.nextRetryAt - timers.now()).toBe(45_000);
    queue.retryNow();
    await waitFor(queue, (x) => x.pending === 0);
    expect(server.applied).toHaveLength(1);
  });

  it('lets a refused push go with its failure, so it does not block the ones behind it', async () => {
    const queue = makeQueue();
    const refused = queue.enqueue({ ref: KPI, body: body('A', '1'), base: 5 });
    const next = queue.enqueue({ ref: PLAN, body: { ...body('P', '1'), mode: 'full' }, base: null });
    const r = await refused.done;
    expect(!r.result.ok && r.result.error.kind === 'problem' && r.result.error.problem.code).toBe('not-found');
    expect((await next.done).result.ok).toBe(true);
  });

  it('keeps working in memory when storage refuses, and says so', async () => {
    storage.failWrites = true;
    server.faults.push({ kind: 'drop' }, { kind: 'drop' });
    const queue = makeQueue();
    const pushed = queue.enqueue({ ref: KPI, body: { ...body('A', '1'), mode: 'full' }, base: null });
    expect(await waitFor(queue, (s) => s.status === 'waiting')).toMatchObject({ persisted: false, pending: 1 });
    timers.fireNext();
    expect((await pushed.done).result.ok).toBe(true);
  });

  it('drops unreadable storage instead of trusting it', () => {
    storage.setItem('queue', '{"v":1,"entries":[{"id":1}]}');
    expect(makeQueue().state()).toMatchObject({ pending: 0 });
  });
});
