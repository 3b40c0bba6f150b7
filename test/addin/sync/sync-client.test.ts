import { fetchTransport } from '../../../addin/sync/progress';
import { createSyncClient, type SheetRef, type SyncClientOptions } from '../../../addin/sync/sync-client';
import type { PushProgress } from '../../../addin/sync/progress';
import { fail, ok } from '../../../shared/result';
import type { PushBody } from '../../../shared/api/sync';
import { MiniSyncServer, problemBody } from '../helpers/mini-sync-server';

const REF: SheetRef = { workspace: '运营部', workbook: 'plan 2024', sheet: 'KPI/一季度' };
const BODY: PushBody = {
  kind: 'kpi',
  mode: 'full',
  rows: [{ cells: { name: '转化率', target: '≥3%', weight: 0.25 } }],
  deletes: [],
};
const TOKEN = 'header.payload.signature';

describe('sync client against a real HTTP server', () => {
  const server = new MiniSyncServer();
  let sleeps: number[];

  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    server.reset();
    sleeps = [];
  });

  function client(overrides: Partial<SyncClientOptions> = {}) {
    let n = 0;
    return createSyncClient({
      baseUrl: server.url + '/',
      tokens: { getToken: async () => ok(TOKEN) },
      transport: fetchTransport(),
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 400, maxRetryAfterMs: 5_000 },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 1,
      now: () => Date.parse('2024-03-01T00:00:00Z'),
      newKey: () => `key-${++n}`,
      ...overrides,
    });
  }

  it('creates with If-None-Match: *, then pushes with If-Match "rev", with a bearer token and a fresh key per push', async () => {
    const c = client();
    const first = await c.push(REF, BODY, { baseRevision: null });
    expect(first).toEqual(ok({ revision: 1, changedCells: 3, conflicts: [], issues: [] }));
    const second = await c.push(REF, { ...BODY, mode: 'delta', rows: [{ cells: { name: '转化率', weight: 0.3 } }] }, { baseRevision: 1 });
    expect(second.ok && second.value.revision).toBe(2);
    const [a, b] = server.pushes();
    expect(a).toMatchObject({ ifNoneMatch: '*', ifMatch: undefined, idempotencyKey: 'key-1', authorization: `Bearer ${TOKEN}` });
    expect(b).toMatchObject({ ifMatch: '"1"', ifNoneMatch: undefined, idempotencyKey: 'key-2' });
    // Path segments are encoded: Chinese, spaces and a slash in a sheet name stay one segment each.
    expect(a!.path).toBe('/api/v1/workspaces/%E8%BF%90%E8%90%A5%E9%83%A8/workbooks/plan%202024/sheets/KPI%2F%E4%B8%80%E5%AD%A3%E5%BA%A6');
  });

  it('reuses the same Idempotency-Key on every retry (dropped connection, 503, 502, lost answer)', async () => {
    server.faults.push({ kind: 'drop' }, { kind: 'status', status: 503 }, { kind: 'apply-then-drop' });
    const result = await client().push(REF, BODY, { baseRevision: null });
    expect(result.ok).toBe(true);
    const keys = server.pushes().map((p) => p.idempotencyKey);
    expect(keys).toEqual(['key-1', 'key-1', 'key-1', 'key-1']);
    // The third attempt was applied and its answer lost; the fourth was a replay, not a second push.
    expect(server.applied).toEqual(['key-1']);
    expect(result.ok && result.value.revision).toBe(1);
  });

  it('keeps a key handed in by the offline queue', async () => {
    server.faults.push({ kind: 'status', status: 504 });
    await client().push(REF, BODY, { baseRevision: null, idempotencyKey: 'queued-key' });
    expect(server.pushes().map((p) => p.idempotencyKey)).toEqual(['queued-key', 'queued-key']);
  });

  it('backs off exponentially with jitter, bounded by maxDelayMs and maxAttempts', async () => {
    for (let i = 0; i < 10; i++) server.faults.push({ kind: 'status', status: 503 });
    const result = await client().push(REF, BODY, { baseRevision: null });
    expect(result).toEqual(fail({ kind: 'unreachable', attempts: 4, status: 503, retryAfterMs: null }));
    expect(server.pushes()).toHaveLength(4);
    // random() = 1: the full step each time, 100 → 200 → 400 (capped at 400).
    expect(sleeps).toEqual([100, 200, 400]);

    sleeps = [];
    server.faults.length = 0;
    for (let i = 0; i < 10; i++) server.faults.push({ kind: 'status', status: 503 });
    await client({ random: () => 0.5 }).push(REF, BODY, { baseRevision: null });
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('honours Retry-After (seconds and HTTP-date) on 429 and 503', async () => {
    server.faults.push(
      { kind: 'status', status: 429, retryAfter: '2' },
      { kind: 'status', status: 503, retryAfter: 'Fri, 01 Mar 2024 00:00:03 GMT' },
    );
    const result = await client({ random: () => 0 }).push(REF, BODY, { baseRevision: null });
    expect(result.ok).toBe(true);
    expect(sleeps).toEqual([2000, 3000]);
  });

  it('gives up at once when Retry-After is longer than it will wait, and says how long', async () => {
    server.faults.push({ kind: 'status', status: 503, retryAfter: '120' });
    const result = await client().push(REF, BODY, { baseRevision: null });
    expect(result).toEqual(fail({ kind: 'unreachable', attempts: 4, status: 503, retryAfterMs: 120_000 }));
    expect(server.pushes()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a 409 "idempotency-in-progress" but not other 4xx', async () => {
    server.faults.push({ kind: 'status', status: 409, code: 'idempotency-in-progress' });
    expect((await client().push(REF, BODY, { baseRevision: null })).ok).toBe(true);
    expect(server.pushes()).toHaveLength(2);
  });

  it('parses problem+json into a failure with its code; does not retry it', async () => {
    await client().push(REF, BODY, { baseRevision: null });
    server.seen.length = 0;
    const again = await client().push(REF, BODY, { baseRevision: null, idempotencyKey: 'another-push' });
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.error).toMatchObject({ kind: 'problem', status: 412, problem: { code: 'precondition-failed', requestId: 'req-1' } });
    expect(server.pushes()).toHaveLength(1);
  });

  it('treats an answer that is neither the schema nor problem+json as invalid', async () => {
    server.faults.push({ kind: 'status', status: 400, code: 'not-a-known-code' });
    const result = await client().push(REF, BODY, { baseRevision: null });
    expect(result).toEqual(fail({ kind: 'invalid-response', status: 400 }));
  });

  it('returns the conflicts of a merged push, and of a 409 conflict problem', async () => {
    const c = client();
    await c.push(REF, BODY, { baseRevision: null });
    await c.push(REF, { ...BODY, mode: 'delta', rows: [{ cells: { name: '转化率', target: '≥4%' } }] }, { baseRevision: 1 });
    const stale = await c.push(REF, { ...BODY, mode: 'delta', rows: [{ cells: { name: '转化率', target: '≥5%' } }] }, { baseRevision: 1 });
    expect(stale.ok && stale.value.conflicts).toEqual([{ key: '转化率', field: 'target', yours: '≥5%', theirs: '≥4%', original: '≥3%' }]);

    const conflict = { key: 'a', field: 'weight', yours: 0.2, theirs: 0.3, original: 0.1 };
    server.faults.push({ kind: 'reply', status: 409, body: { ...problemBody(409, 'conflict', 'Both changed.'), revision: 7, conflicts: [conflict] } });
    const refused = await c.push(REF, BODY, { baseRevision: 3 });
    expect(refused).toEqual(ok({ revision: 7, changedCells: 0, conflicts: [conflict], issues: [] }));
    // A 409 conflict without conflicts to show is an ordinary problem.
    server.faults.push({ kind: 'reply', status: 409, body: problemBody(409, 'conflict', 'No.') });
    const plain = await c.push(REF, BODY, { baseRevision: 3 });
    expect(!plain.ok && plain.error.kind).toBe('problem');
  });

  it('stops before sending when there is no token', async () => {
    const result = await client({ tokens: { getToken: async () => fail({ kind: 'interaction-required' }) } }).push(REF, BODY, { baseRevision: null });
    expect(result).toEqual(fail({ kind: 'auth', failure: { kind: 'interaction-required' } }));
    expect(server.seen).toHaveLength(0);
  });

  it('pulls changes since a revision, parsed with the shared schema', async () => {
    const c = client();
    await c.push(REF, { ...BODY, rows: [{ cells: { name: 'A', target: '1' } }, { cells: { name: 'B', target: '2' } }] }, { baseRevision: null });
    await c.push(REF, { ...BODY, mode: 'delta', rows: [{ cells: { name: 'B', target: '3' } }] }, { baseRevision: 1 });
    const pulled = await c.pull(REF, 1);
    expect(pulled).toEqual(ok({ kind: 'kpi', revision: 2, rows: [{ key: 'b', cells: { name: 'B', target: '3' }, deleted: false, revision: 2 }] }));
    expect(server.seen.at(-1)).toMatchObject({ method: 'GET', path: expect.stringContaining('/sheets/') });
    const missing = await c.pull({ ...REF, sheet: 'nope' }, 0);
    expect(!missing.ok && missing.error.kind === 'problem' && missing.error.problem.code).toBe('not-found');
  });

  it('reports upload progress from preparing to done, and the attempt on retries', async () => {
    server.faults.push({ kind: 'status', status: 503 });
    const seen: PushProgress[] = [];
    await client().push(REF, BODY, { baseRevision: null, onProgress: (p) => seen.push(p) });
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
