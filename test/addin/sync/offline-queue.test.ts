import { ownerOfToken } from '../../../addin/auth/token-owner';
import { OfflineQueue, type PushOutcome, type QueueOwner, type QueueState } from '../../../addin/sync/offline-queue';
import { createSyncClient, type SheetRef } from '../../../addin/sync/sync-client';
import type { PushBody } from '../../../shared/api/sync';
import { fail, ok } from '../../../shared/result';
import { ManualTimers, MemoryStorage, until } from '../../fixtures/manual-timers';
import { RealSyncService } from '../../fixtures/real-sync-service';

// Ids (and so idempotency keys) unique across the queues of a test, as random UUIDs would be.
let n = 0;
const body = (name: string, target: string): PushBody => ({ kind: 'kpi', mode: 'delta', rows: [{ cells: { name, target } }], deletes: [] });
const full = (name: string, target: string): PushBody => ({ ...body(name, target), mode: 'full' });

const ADMIN = 'boss@contoso.com';
const OTHER = 'other@contoso.com';

/**
 * The offline queue against the real service (createApp on SQLite) through a transport that
 * drops requests, answers 503 with Retry-After, or loses an answer after the service applied it.
 */
describe('offline queue against a service that goes down and comes back', () => {
  let server: RealSyncService;
  let timers: ManualTimers;
  let storage: MemoryStorage;
  let ws = 0;
  let KPI: SheetRef;
  let PLAN: SheetRef;
  /** Who is signed in, as the pane's token provider would say. */
  let signedIn: { token: string; owner: QueueOwner } | null;
  let tokenFails = false;
  const accounts: Record<string, { token: string; owner: QueueOwner }> = {};

  beforeAll(async () => {
    // Both may push anywhere: a push sent under the wrong one would be stored, not refused.
    server = await RealSyncService.start({ BOOTSTRAP_ADMINS: `${ADMIN},${OTHER}` });
    for (const email of [ADMIN, OTHER]) {
      const token = await server.token(email);
      accounts[email] = { token, owner: { ...ownerOfToken(token)!, name: email } };
    }
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.faults.length = 0;
    server.seen.length = 0;
    timers = new ManualTimers();
    storage = new MemoryStorage();
    ws++;
    KPI = { workspace: `ops-${ws}`, workbook: 'wb', sheet: 'KPI' };
    PLAN = { workspace: `ops-${ws}`, workbook: 'wb', sheet: 'Plan' };
    signedIn = accounts[ADMIN]!;
    tokenFails = false;
  });

  function makeQueue(): OfflineQueue {
    const client = createSyncClient({
      baseUrl: server.url,
      tokens: {
        getToken: async () => (tokenFails ? fail({ kind: 'interaction-required' }) : signedIn ? ok(signedIn.token) : fail({ kind: 'not-configured' })),
      },
      transport: server.transport(),
      // The client's own retries are short; the queue does the long waiting.
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 10 },
      sleep: async () => undefined,
    });
    return new OfflineQueue({
      send: (entry, base, onProgress) =>
        client.push(entry.ref, entry.body, { baseRevision: base, idempotencyKey: entry.idempotencyKey, onProgress, owner: entry.owner }),
      currentOwner: () => signedIn?.owner ?? null,
      storage,
      storageKey: 'queue',
      timers,
      random: () => 1,
      newId: () => `id-${ws}-${++n}`,
      waitMs: { first: 2_000, max: 60_000 },
    });
  }

  const waitFor = (queue: OfflineQueue, predicate: (s: QueueState) => boolean) =>
    until((l) => queue.subscribe(l), () => queue.state(), predicate);

  it('waits while down (saying until when), persists, then drains in order exactly once', async () => {
    // Create the sheets first, while the service is up.
    const setup = makeQueue();
    await setup.enqueue({ ref: KPI, body: full('A', '1'), base: null }).done;
    await setup.enqueue({ ref: PLAN, body: full('P', '1'), base: null }).done;
    server.seen.length = 0;

    const queue = makeQueue();
    // Down: every connection dropped.
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
    // The second of the same sheet starts from what the first makes, whatever that will be; each carries its owner.
    const stored = JSON.parse(storage.getItem('queue')!) as { v: number; entries: { base: unknown; owner: { name: string } }[] };
    expect(stored.v).toBe(2);
    expect(stored.entries.map((e) => e.base)).toEqual([1, 'previous', 1]);
    expect(stored.entries.map((e) => e.owner.name)).toEqual([ADMIN, ADMIN, ADMIN]);

    // Still down at the next try (a gateway's 503 this time): the wait doubles.
    server.faults.push({ kind: 'status', status: 503 }, { kind: 'drop' });
    timers.fireNext();
    const again = await waitFor(queue, (s) => s.status === 'waiting' && s.nextRetryAt - timers.now() === 4_000);
    expect(again.pending).toBe(3);

    // Back, but the answer to the first push gets lost after it was applied.
    server.faults.push({ kind: 'apply-then-drop' }, { kind: 'drop' });
    timers.fireNext();
    await waitFor(queue, (s) => s.status === 'waiting');
    expect(server.applied()).toHaveLength(1);

    timers.fireNext();
    const results = await Promise.all([a.done, b.done, c.done]);
    expect(results.map((r) => r.result.ok && r.result.value.revision)).toEqual([2, 3, 2]);
    expect(outcomes.map((o) => o.entry.id)).toEqual([a.id, b.id, c.id]);
    // Exactly once each, in order, the lost answer replayed rather than applied twice.
    const keys = outcomes.map((o) => o.entry.idempotencyKey);
    expect(server.applied()).toEqual(keys);
    expect(new Set(server.pushes().map((p) => p.idempotencyKey))).toEqual(new Set(keys));
    // B went out based on A's revision.
    expect(server.pushes().filter((p) => p.idempotencyKey === keys[1]).map((p) => p.ifMatch)).toEqual(['"2"']);
    expect(queue.state()).toMatchObject({ status: 'online', pending: 0 });
    expect(storage.getItem('queue')).toBeNull();
  });

  it('survives a reload: a new queue over the same storage sends what was left, with the same keys', async () => {
    const first = makeQueue();
    server.faults.push({ kind: 'drop' }, { kind: 'drop' });
    first.enqueue({ ref: KPI, body: full('A', '1'), base: null });
    await waitFor(first, (s) => s.status === 'waiting');
    const key = first.pending()[0]!.idempotencyKey;
    first.dispose();

    const reloaded = makeQueue();
    expect(reloaded.state()).toMatchObject({ status: 'online', pending: 1, persisted: true });
    const outcome = new Promise<PushOutcome>((resolve) => reloaded.onOutcome(resolve));
    reloaded.start();
    expect((await outcome).result.ok).toBe(true);
    expect(server.applied()).toEqual([key]);
  });

  it('honours a long Retry-After from the service for its next try', async () => {
    server.faults.push({ kind: 'status', status: 503, retryAfter: '45' });
    const queue = makeQueue();
    queue.enqueue({ ref: KPI, body: full('A', '1'), base: null });
    const s = await waitFor(queue, (x) => x.status === 'waiting');
    expect(s.status === 'waiting' && s.nextRetryAt - timers.now()).toBe(45_000);
    queue.retryNow();
    await waitFor(queue, (x) => x.pending === 0);
    expect(server.applied()).toHaveLength(1);
  });

  it('lets a refused push go with its failure, so it does not block the ones behind it', async () => {
    const queue = makeQueue();
    const refused = queue.enqueue({ ref: KPI, body: body('A', '1'), base: 5 });
    const next = queue.enqueue({ ref: PLAN, body: full('P', '1'), base: null });
    const r = await refused.done;
    expect(r.result.ok).toBe(false);
    expect(!r.result.ok && r.result.error.kind).toBe('problem');
    expect(r.kept).toBe(false);
    expect((await next.done).result.ok).toBe(true);
  });

  it('keeps working in memory when storage refuses, and says so', async () => {
    storage.failWrites = true;
    server.faults.push({ kind: 'drop' }, { kind: 'drop' });
    const queue = makeQueue();
    const pushed = queue.enqueue({ ref: KPI, body: full('A', '1'), base: null });
    expect(await waitFor(queue, (s) => s.status === 'waiting')).toMatchObject({ persisted: false, pending: 1 });
    timers.fireNext();
    expect((await pushed.done).result.ok).toBe(true);
  });

  it('drops unreadable storage instead of trusting it', () => {
    storage.setItem('queue', '{"v":2,"entries":[{"id":1}]}');
    expect(makeQueue().pending()).toHaveLength(0);
  });

  describe('owners (issue 19, item 10)', () => {
    it('never sends a push under another account: it waits, kept, for its owner, and goes out under the owner', async () => {
      // The administrator queues a push while the service is down, then signs out; another user signs in.
      const first = makeQueue();
      server.faults.push({ kind: 'drop' }, { kind: 'drop' });
      first.enqueue({ ref: KPI, body: full('A', 'admin'), base: null });
      await waitFor(first, (s) => s.status === 'waiting');
      signedIn = accounts[OTHER]!;
      first.accountChanged();
      expect(first.state()).toMatchObject({ status: 'online', pending: 0, heldForOthers: [{ name: ADMIN, count: 1 }] });
      first.dispose();

      // A reload while the other user is signed in: still kept, still not sent.
      const reloaded = makeQueue();
      reloaded.start();
      expect(reloaded.pending()).toHaveLength(1);
      expect(reloaded.state()).toMatchObject({ pending: 0, heldForOthers: [{ name: ADMIN, count: 1 }] });
      // The other user's own push goes out meanwhile, and only it.
      const theirs = await reloaded.enqueue({ ref: PLAN, body: full('P', 'other'), base: null }).done;
      expect(theirs.result.ok).toBe(true);
      expect(server.pushes().every((p) => p.authorization === `Bearer ${accounts[OTHER]!.token}`)).toBe(true);
      expect(server.pushes()).toHaveLength(1);

      // The administrator signs in again: the push goes out, as the administrator.
      signedIn = accounts[ADMIN]!;
      const outcome = new Promise<PushOutcome>((resolve) => reloaded.onOutcome(resolve));
      reloaded.accountChanged();
      const sent = await outcome;
      expect(sent.result.ok).toBe(true);
      expect(server.pushes().at(-1)).toMatchObject({ status: 200, authorization: `Bearer ${accounts[ADMIN]!.token}` });
      const history = await server.service.history(await server.service.asUser(ADMIN), KPI.workspace, 'wb', 'KPI', 'a', 'target');
      expect(JSON.stringify(history.body)).toContain(ADMIN);
      expect(reloaded.pending()).toHaveLength(0);
    });

    it('keeps a queued push when nobody is signed in after a reload, and says whose it is', async () => {
      const first = makeQueue();
      server.faults.push({ kind: 'drop' }, { kind: 'drop' });
      first.enqueue({ ref: KPI, body: full('A', '1'), base: null });
      await waitFor(first, (s) => s.status === 'waiting');
      first.dispose();

      signedIn = null;
      const reloaded = makeQueue();
      const outcomes: PushOutcome[] = [];
      reloaded.onOutcome((o) => outcomes.push(o));
      reloaded.start();
      expect(reloaded.pending()).toHaveLength(1);
      expect(reloaded.state()).toMatchObject({ pending: 0, heldForOthers: [{ name: ADMIN, count: 1 }] });
      expect(outcomes).toEqual([]);
      expect(server.pushes()).toHaveLength(0);
      expect(storage.getItem('queue')).not.toBeNull();
    });

    it('treats a sign-in failure as "sign in", not "retry later": the push is kept and the failure reported', async () => {
      const queue = makeQueue();
      tokenFails = true;
      const pushed = queue.enqueue({ ref: KPI, body: full('A', '1'), base: null });
      const outcome = await pushed.done;
      expect(outcome).toMatchObject({ kept: true, result: { ok: false, error: { kind: 'auth', failure: { kind: 'interaction-required' } } } });
      expect(queue.state()).toMatchObject({ status: 'sign-in', pending: 1 });
      // No timer: nothing is retried until someone signs in.
      expect(timers.pending.size).toBe(0);

      // A second push meanwhile is not left waiting: it hears the same, and is kept too.
      const second = await queue.enqueue({ ref: PLAN, body: full('P', '1'), base: null }).done;
      expect(second).toMatchObject({ kept: true, result: { ok: false, error: { kind: 'auth' } } });
      expect(queue.pending()).toHaveLength(2);

      tokenFails = false;
      const sent = new Promise<PushOutcome>((resolve) => queue.onOutcome((o) => o.entry.id === pushed.id && resolve(o)));
      queue.accountChanged();
      expect((await sent).result.ok).toBe(true);
      await waitFor(queue, (s) => s.pending === 0);
      expect(queue.pending()).toHaveLength(0);
    });

    it('lets the owner discard their waiting pushes, and nobody else’s', async () => {
      const queue = makeQueue();
      server.faults.push({ kind: 'drop' }, { kind: 'drop' });
      queue.enqueue({ ref: KPI, body: full('A', '1'), base: null });
      await waitFor(queue, (s) => s.status === 'waiting');
      signedIn = accounts[OTHER]!;
      queue.accountChanged();
      expect(queue.discard('mine')).toBe(0);
      expect(queue.pending()).toHaveLength(1);
      signedIn = accounts[ADMIN]!;
      // Down again, so the admin's push waits instead of going out.
      server.faults.push({ kind: 'drop' }, { kind: 'drop' });
      queue.accountChanged();
      await waitFor(queue, (s) => s.status === 'waiting');
      expect(queue.discard('mine')).toBe(1);
      expect(queue.pending()).toHaveLength(0);
      expect(storage.getItem('queue')).toBeNull();
    });

    it('queues nothing when nobody is signed in: the push fails with "sign in first"', async () => {
      signedIn = null;
      const queue = makeQueue();
      const outcome = await queue.enqueue({ ref: KPI, body: full('A', '1'), base: null }).done;
      expect(outcome).toMatchObject({ kept: false, result: { ok: false, error: { kind: 'auth', failure: { kind: 'not-configured' } } } });
      expect(queue.pending()).toHaveLength(0);
    });
  });
});
