import { fetchTransport } from '../../../addin/sync/progress';
import { createSyncClient, type SheetRef, type SyncClientOptions } from '../../../addin/sync/sync-client';
import type { PushProgress } from '../../../addin/sync/progress';
import { fail, ok } from '../../../shared/result';
import type { PushBody } from '../../../shared/api/sync';
import { RealSyncService } from '../../fixtures/real-sync-service';

const REF: SheetRef = { workspace: '运营部', workbook: 'plan 2024', sheet: 'KPI/一季度' };
const BODY: PushBody = {
  kind: 'kpi',
  mode: 'full',
  rows: [{ cells: { name: '转化率', target: '≥3%', weight: 0.25 } }],
  deletes: [],
};
let TOKEN = '';

/** The real service (createApp on SQLite) behind a transport that drops, delays and loses answers on demand. */
describe('sync client against the real service', () => {
  let server: RealSyncService;
  let sleeps: number[];
  let ws = 0;
  let ref: SheetRef;

  beforeAll(async () => {
    server = await RealSyncService.start();
    TOKEN = await server.token('boss@contoso.com');
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.faults.length = 0;
    server.seen.length = 0;
    sleeps = [];
    // A workspace of its own per test: revisions start at 1.
    ref = { ...REF, workspace: `${REF.workspace}-${++ws}` };
  });

  function client(overrides: Partial<SyncClientOptions> = {}) {
    let n = 0;
    return createSyncClient({
      baseUrl: server.url + '/',
      tokens: { getToken: async () => ok(TOKEN) },
      transport: server.transport(),
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 400, maxRetryAfterMs: 5_000 },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 1,
      now: () => Date.parse('2024-03-01T00:00:00Z'),
      newKey: () => `key-${ws}-${++n}`,
      ...overrides,
    });
  }

  it('creates with If-None-Match: *, then pushes with If-Match "rev", with a bearer token and a fresh key per push', async () => {
    const c = client();
    const first = await c.push(ref, BODY, { baseRevision: null });
    expect(first).toMatchObject(ok({ revision: 1, changedCells: 3, conflicts: [] }));
    const second = await c.push(ref, { ...BODY, mode: 'delta', rows: [{ cells: { name: '转化率', weight: 0.3 } }] }, { baseRevision: 1 });
    expect(second.ok && second.value.revision).toBe(2);
    const [a, b] = server.pushes();
    expect(a).toMatchObject({ ifNoneMatch: '*', ifMatch: undefined, idempotencyKey: `key-${ws}-1`, authorization: `Bearer ${TOKEN}` });
    expect(b).toMatchObject({ ifMatch: '"1"', ifNoneMatch: undefined, idempotencyKey: `key-${ws}-2` });
    // Path segments are encoded: Chinese, spaces and a slash in a sheet name stay one segment each.
    expect(a!.path).toBe(`/api/v1/workspaces/${encodeURIComponent(ref.workspace)}/workbooks/plan%202024/sheets/KPI%2F%E4%B8%80%E5%AD%A3%E5%BA%A6`);
    expect(a!.path).toContain('/workspaces/%E8%BF%90%E8%90%A5%E9%83%A8-');
  });

  it('reuses the same Idempotency-Key on every retry (dropped connection, 503, 502, lost answer)', async () => {
    server.faults.push({ kind: 'drop' }, { kind: 'status', status: 503 }, { kind: 'apply-then-drop' });
    const result = await client().push(ref, BODY, { baseRevision: null });
    expect(result.ok).toBe(true);
    // The drop and the 503 never reached the service; the lost answer and the replay did.
    const keys = server.pushes().map((p) => p.idempotencyKey);
    expect(keys).toEqual([`key-${ws}-1`, `key-${ws}-1`]);
    // The third attempt was applied and its answer lost; the fourth was a replay, not a second push.
    expect(server.applied()).toEqual([`key-${ws}-1`]);
    expect(server.pushes()[1]).toMatchObject({ status: 200, replayed: true });
    expect(result.ok && result.value.revision).toBe(1);
  });

  it('keeps a key handed in by the offline queue', async () => {
    server.faults.push({ kind: 'status', status: 504 });
    server.faults.push({ kind: 'apply-then-drop' });
    await client().push(ref, BODY, { baseRevision: null, idempotencyKey: `queued-key-${ws}` });
    expect(server.pushes().map((p) => p.idempotencyKey)).toEqual([`queued-key-${ws}`, `queued-key-${ws}`]);
  });

  it('backs off exponentially with jitter, bounded by maxDelayMs and maxAttempts', async () => {
    for (let i = 0; i < 10; i++) server.faults.push({ kind: 'status', status: 503 });
    const result = await client().push(ref, BODY, { baseRevision: null });
    expect(result).toEqual(fail({ kind: 'unreachable', attempts: 4, status: 503, retryAfterMs: null }));
    // Four gateway answers; the service itself never saw the push.
    expect(server.faults).toHaveLength(6);
    expect(server.pushes()).toHaveLength(0);
    // random() = 1: the full step each time, 100 → 200 → 400 (capped at 400).
    expect(sleeps).toEqual([100, 200, 400]);

    sleeps = [];
    server.faults.length = 0;
    for (let i = 0; i < 10; i++) server.faults.push({ kind: 'status', status: 503 });
    await client({ random: () => 0.5 }).push(ref, BODY, { baseRevision: null });
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('honours Retry-After (seconds and HTTP-date) on 429 and 503', async () => {
    server.faults.push(
      { kind: 'status', status: 429, retryAfter: '2' },
      { kind: 'status', status: 503, retryAfter: 'Fri, 01 Mar 2024 00:00:03 GMT' },
    );
    const result = await client({ random: () => 0 }).push(ref, BODY, { baseRevision: null });
    expect(result.ok).toBe(true);
    expect(sleeps).toEqual([2000, 3000]);
  });

  it('gives up at once when Retry-After is longer than it will wait, and says how long', async () => {
    server.faults.push({ kind: 'status', status: 503, retryAfter: '120' });
    const result = await client().push(ref, BODY, { baseRevision: null });
    expect(result).toEqual(fail({ kind: 'unreachable', attempts: 4, status: 503, retryAfterMs: 120_000 }));
    expect(server.faults).toHaveLength(0);
    expect(server.pushes()).toHaveLength(0);
    expect(sleeps).toEqual([]);
  });

  it('retries a 409 "idempotency-in-progress" but not other 4xx', async () => {
    server.faults.push({ kind: 'status', status: 409, code: 'idempotency-in-progress' });
    expect((await client().push(ref, BODY, { baseRevision: null })).ok).toBe(true);
    expect(server.pushes()).toHaveLength(1);
    expect(sleeps).toHaveLength(1);
  });

  it('parses problem+json into a failure with its code; does not retry it', async () => {
    await client().push(ref, BODY, { baseRevision: null });
    server.seen.length = 0;
    const again = await client().push(ref, BODY, { baseRevision: null, idempotencyKey: `another-push-${ws}` });
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.error).toMatchObject({ kind: 'problem', status: 412, problem: { code: 'precondition-failed', requestId: expect.any(String) } });
    expect(server.pushes()).toHaveLength(1);
  });

  it('treats an answer that is neither the schema nor problem+json as invalid', async () => {
    server.faults.push({ kind: 'status', status: 400, code: 'not-a-known-code' });
    const result = await client().push(ref, BODY, { baseRevision: null });
    expect(result).toEqual(fail({ kind: 'invalid-response', status: 400 }));
  });

  it('returns the conflicts of a merged push as the service answers them: 200, conflicts in the body', async () => {
    const c = client();
    await c.push(ref, BODY, { baseRevision: null });
    await c.push(ref, { ...BODY, mode: 'delta', rows: [{ cells: { name: '转化率', target: '≥4%' } }] }, { baseRevision: 1 });
    const stale = await c.push(ref, { ...BODY, mode: 'delta', rows: [{ cells: { name: '转化率', target: '≥5%' } }] }, { baseRevision: 1 });
    expect(server.pushes().at(-1)).toMatchObject({ status: 200 });
    expect(stale.ok && stale.value.conflicts).toEqual([{ key: expect.any(String), field: 'target', yours: '≥5%', theirs: '≥4%', original: '≥3%' }]);
    // Nothing else changed, so no new revision: the answer names the current one, the resolution's base.
    expect(stale.ok && stale.value).toMatchObject({ revision: 2, changedCells: 0 });
  });

  it('reads any 409 as a refusal, never as conflicts to resolve', async () => {
    server.faults.push({ kind: 'status', status: 409, code: 'conflict' });
    const refused = await client().push(ref, BODY, { baseRevision: null });
    expect(!refused.ok && refused.error).toMatchObject({ kind: 'problem', status: 409, problem: { code: 'conflict' } });
  });

  it('stops before sending when there is no token', async () => {
    const result = await client({ tokens: { getToken: async () => fail({ kind: 'interaction-required' }) } }).push(ref, BODY, { baseRevision: null });
    expect(result).toEqual(fail({ kind: 'auth', failure: { kind: 'interaction-required' } }));
    expect(server.seen).toHaveLength(0);
  });

  it('never sends a push under another account than its owner', async () => {
    const other = await server.token('someone@contoso.com');
    const owner = { tenantId: 'dev-tenant', userId: 'not-the-signed-in-user' };
    const result = await client({ tokens: { getToken: async () => ok(other) } }).push(ref, BODY, { baseRevision: null, owner });
    expect(result).toEqual(fail({ kind: 'auth', failure: { kind: 'wrong-account' } }));
    expect(server.seen).toHaveLength(0);
  });

  it('pulls changes since a revision, parsed with the shared schema', async () => {
    const c = client();
    await c.push(ref, { ...BODY, rows: [{ cells: { name: 'A', target: '1' } }, { cells: { name: 'B', target: '2' } }] }, { baseRevision: null });
    await c.push(ref, { ...BODY, mode: 'delta', rows: [{ cells: { name: 'B', target: '3' } }] }, { baseRevision: 1 });
    const pulled = await c.pull(ref, 1);
    expect(pulled).toEqual(ok({ kind: 'kpi', revision: 2, rows: [{ key: expect.any(String), cells: { name: 'B', target: '3' }, deleted: false, revision: 2 }] }));
    expect(server.seen.at(-1)).toMatchObject({ method: 'GET', path: expect.stringContaining('/sheets/') });
    const missing = await c.pull({ ...ref, sheet: 'nope' }, 0);
    expect(!missing.ok && missing.error.kind === 'problem' && missing.error.problem.code).toBe('not-found');
  });

  it('reports upload progress from preparing to done, and the attempt on retries', async () => {
    server.faults.push({ kind: 'status', status: 503 });
    const seen: PushProgress[] = [];
    await client().push(ref, BODY, { baseRevision: null, onProgress: (p) => seen.push(p) });
    expect(seen[0]).toMatchObject({ phase: 'preparing', attempt: 1 });
    expect(seen.some((p) => p.phase === 'retrying' && p.attempt === 2)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ phase: 'done', attempt: 2 });
  });

  it('reads a network failure (nothing listening) as unreachable after bounded retries', async () => {
    const dead = createSyncClient({
      baseUrl: 'http://127.0.0.1:9',
      tokens: { getToken: async () => ok(TOKEN) },
      transport: fetchTransport(),
      retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 100 },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 1,
    });
    const result = await dead.scorecard('ops');
    expect(result).toEqual(fail({ kind: 'unreachable', attempts: 3, status: null, retryAfterMs: null }));
    expect(sleeps).toEqual([10, 20]);
  });
});
