import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { HistoryResponse, PullResponse, PushResponse } from '../../../shared/api/sync';
import type { HangPoint } from '../../fixtures/service-process';
import { sheetPath } from '../../fixtures/service';
import { childTokens, send, startServiceChild, type Answer, type Sent, type ServiceChild } from './service-children';

/**
 * The whole service (HTTP, validation, store) in a child process, SIGKILLed in the middle of a
 * 50k-row push, restarted on the same SQLite file, and the push retried with the same
 * Idempotency-Key: it is applied exactly once — revision 1, 50k rows, one revision in the log,
 * one change per cell — whatever moment the kill hit. The moments: as the request arrives, 400 ms
 * after its body was read, inside the store's transaction just before COMMIT, and after
 * COMMIT but before the answer left (the case idempotency exists for: the client saw nothing,
 * the push happened; the retry must replay, not apply again).
 */

const ROWS = 50_000;
const TENANT = 'sigkill-tenant';
const PUSHER = 'pusher@example.com';
const WS = 'ops';
const WB = 'metrics.xlsx';
const SHEET = '指标数据';
const PATH = sheetPath(WS, WB, SHEET);
/** Every wait of a test is bounded: starts, the push, the retry, the checks. */
const TEST_TIMEOUT_MS = 150_000;

/** Deterministic rows: the retry sends exactly the bytes of the first attempt. */
function metricRow(i: number): { period: string; department: string; metric: string; value: number } {
  return { period: '2024-03', department: `部门${i % 50}`, metric: `指标${String(i).padStart(5, '0')}`, value: i };
}
const BODY = JSON.stringify({ kind: 'metrics', mode: 'full', rows: Array.from({ length: ROWS }, (_, i) => ({ cells: metricRow(i) })), deletes: [] });

interface KillPoint {
  readonly name: string;
  readonly hang?: HangPoint;
  /** Resolves when the child is to be killed. */
  when(child: ServiceChild, sent: Sent): Promise<void>;
  /** What the first retry must be: applied now (nothing was committed), replayed (it was), or either. */
  readonly retry: 'applied' | 'replayed' | 'either';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const KILL_POINTS: readonly KillPoint[] = [
  { name: 'as the request arrives (body still on its way)', when: (c) => c.line('REQUEST PUT').then(() => undefined), retry: 'applied' },
  // Somewhere in validation, the write or the issues: wherever it lands, all or nothing.
  { name: '400 ms after its body was read', when: (c) => c.line('BODY-READ PUT').then(() => sleep(400)).then(() => undefined), retry: 'either' },
  { name: 'inside the transaction, just before COMMIT', hang: 'before-commit', when: (c) => c.line('BEFORE-COMMIT').then(() => undefined), retry: 'applied' },
  { name: 'after COMMIT, before a byte of the answer left', hang: 'before-answer', when: (c) => c.line('ANSWERING').then(() => undefined), retry: 'replayed' },
];

/**
 * What the SQLite file holds for this tenant's sheet, read beside the running service (WAL lets a
 * reader in): revisions, live rows, change-log entries, and Idempotency-Keys of the tenant.
 */
function logOf(dir: string): { revisions: number; rows: number; changes: number; keys: number } {
  const db = new BetterSqlite3(path.join(dir, 'ops-scorecard.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string, ...args: unknown[]): number => (db.prepare(sql).get(...args) as { n: number }).n;
    // The service seeded its demo into another tenant on start (a sheet of the same name): this tenant's only.
    const sheet = db
      .prepare('select s.id from sheets s join workbooks b on b.id = s.workbook_id join workspaces w on w.id = b.workspace_id where w.tenant_id = ? and s.name = ?')
      .get(TENANT, SHEET) as { id: number } | undefined;
    const id = sheet?.id ?? -1;
    return {
      revisions: count('select count(*) as n from sheet_revisions where sheet_id = ?', id),
      rows: count('select count(*) as n from sheet_rows where sheet_id = ? and deleted = 0', id),
      changes: count('select count(*) as n from row_changes where sheet_id = ?', id),
      keys: count('select count(*) as n from idempotency_keys where tenant_id = ?', TENANT),
    };
  } finally {
    db.close();
  }
}

describe('SIGKILL in the middle of a push, then the same push retried (SQLite file)', () => {
  const dirs: string[] = [];
  const children: ServiceChild[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) await c.kill();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it.each(KILL_POINTS)(
    'killed $name: the retry applies it exactly once',
    async (point) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'ops-sigkill-'));
      dirs.push(dir);
      // The key file first, so that the children sign with the key our tokens are made with.
      const tokens = await childTokens(path.join(dir, 'dev-signing-key.json'));
      const auth = { Authorization: `Bearer ${await tokens.sign({ email: PUSHER, tenant: TENANT })}` };
      const env = { DATA_DIR: dir, BOOTSTRAP_ADMINS: PUSHER, SERVICE_TRACE: '1' as const };
      const pushHeaders = { ...auth, 'Content-Type': 'application/json', 'If-None-Match': '*', 'Idempotency-Key': randomUUID() };

      const first = await startServiceChild({ ...env, ...(point.hang ? { SERVICE_HANG: point.hang } : {}) });
      children.push(first);
      const sent = send(first.url, 'PUT', PATH, pushHeaders, BODY);
      await point.when(first, sent);
      await first.kill();
      const outcome = await sent.answer.then(
        (a) => `answered ${a.status}`,
        () => 'died',
      );
      // Hanging and early kills must land mid-request; the timed ones may come after an answer
      // on a fast machine, which still must not make the retry apply twice.
      if (point.retry !== 'either') expect(outcome).toBe('died');

      const second = await startServiceChild(env);
      children.push(second);
      const get = (p: string): Promise<Answer> => send(second.url, 'GET', p, auth).answer;

      // Between the kill and the retry: nothing, or everything — never part of it.
      const before = logOf(dir);
      if (point.retry === 'applied') expect(before).toEqual({ revisions: 0, rows: 0, changes: 0, keys: 0 });
      else if (point.retry === 'replayed') expect(before).toEqual({ revisions: 1, rows: ROWS, changes: 0, keys: 1 });
      else expect([{ revisions: 0, rows: 0, changes: 0, keys: 0 }, { revisions: 1, rows: ROWS, changes: 0, keys: 1 }]).toContainEqual(before);

      const retry = await send(second.url, 'PUT', PATH, pushHeaders, BODY).answer;
      expect(retry.status).toBe(200);
      const replayed = retry.headers['idempotent-replayed'] === 'true';
      if (point.retry === 'applied') expect(replayed).toBe(false);
      if (point.retry === 'replayed') expect(replayed).toBe(true);
      expect(retry.json<PushResponse>()).toMatchObject({ revision: 1, changedCells: ROWS * 4, conflicts: [] });
      // And once more: a replay of the same answer, nothing applied.
      const again = await send(second.url, 'PUT', PATH, pushHeaders, BODY).answer;
      expect([again.status, again.headers['idempotent-replayed'], again.json<PushResponse>().revision]).toEqual([200, 'true', 1]);

      const pulled = (await get(PATH)).json<PullResponse>();
      expect([pulled.revision, pulled.rows.length]).toEqual([1, ROWS]);
      const byMetric = new Map(pulled.rows.map((r) => [r.cells['metric'], r]));
      for (const i of [0, 123, 24_999, ROWS - 1]) expect(byMetric.get(metricRow(i).metric)).toMatchObject({ cells: metricRow(i), deleted: false, revision: 1 });
      const key = byMetric.get(metricRow(123).metric)!.key;
      const history = (await get(`${PATH}/history?key=${encodeURIComponent(key)}&field=value`)).json<HistoryResponse>();
      expect(history.changes.map((c) => [c.revision, c.oldValue, c.newValue])).toEqual([[1, null, 123]]);
      const sheets = (await get(`/api/v1/workspaces/${WS}/sheets`)).json<{ sheets: { sheet: string; revision: number }[] }>();
      expect(sheets.sheets.map((s) => [s.sheet, s.revision])).toEqual([[SHEET, 1]]);

      // The log itself: one revision of this sheet, one key, and no change entry (a sheet's first
      // revision is implied by its rows; the history above told it all the same).
      expect(logOf(dir)).toEqual({ revisions: 1, rows: ROWS, changes: 0, keys: 1 });
    },
    TEST_TIMEOUT_MS,
  );
});
