import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HistoryResponse, PullResponse, PushResponse } from '../../../shared/api/sync';
import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import { sheetPath } from '../../fixtures/service';
import { childTokens, send, startServiceChild, type ServiceChild } from './service-children';

/**
 * Two service processes on one database — one PostgreSQL schema, or one SQLite file — and 20
 * pushes to one sheet fired at once, alternating between them, all from the same base revision,
 * each changing a different cell. A lost update would be one push's cell overwritten by
 * another's stale copy of the row, or two pushes given one revision: every change must be there,
 * each push its own revision, and the final revision base + the pushes that changed something.
 */

const TENANT = 'race-tenant';
const RACER = 'racer@example.com';
const WS = 'ops';
const WB = 'race.xlsx';
const SHEET = 'metrics';
const PATH = sheetPath(WS, WB, SHEET);
const PUSHES = 20;
const TEST_TIMEOUT_MS = 120_000;

const metric = (i: number) => `m${String(i).padStart(2, '0')}`;
const cells = (i: number, value: number) => ({ period: '2024-03', department: '华东运营部', metric: metric(i), value });

describe.each(databaseFactories)('two service processes on one $name database', (factory) => {
  let database: TestDatabase;
  let dir: string;
  const children: ServiceChild[] = [];

  beforeAll(async () => {
    database = await factory.create();
    dir = mkdtempSync(path.join(tmpdir(), 'ops-race-'));
  });
  afterAll(async () => {
    for (const c of children.splice(0)) await c.kill();
    await database?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `take ${PUSHES} racing pushes of different cells from one base revision and lose no update`,
    async () => {
      // Both read the same key files in DATA_DIR; on PostgreSQL, DATA_DIR holds nothing else.
      const tokens = await childTokens(path.join(dir, 'dev-signing-key.json'));
      const auth = { Authorization: `Bearer ${await tokens.sign({ email: RACER, tenant: TENANT })}`, 'Content-Type': 'application/json' };
      // One account fires every push at once here: the race under test is the store's, so the
      // per-user limit on concurrent heavy requests (HEAVY_REQUESTS_PER_USER) is lifted.
      const env: Record<string, string> = { DATA_DIR: dir, BOOTSTRAP_ADMINS: RACER, HEAVY_REQUESTS_PER_USER: String(PUSHES) };
      if (database.config.kind === 'postgres') {
        env['DATABASE_URL'] = database.config.url;
        if (database.config.schema !== undefined) env['DATABASE_SCHEMA'] = database.config.schema;
      }
      // On SQLite the one database is DATA_DIR/ops-scorecard.sqlite, which both children open
      // (databaseConfigFromEnv); the factory's own file stays unused.
      // One after the other: the race under test is the pushes', not the migrations'.
      children.push(await startServiceChild(env));
      children.push(await startServiceChild(env));
      const urls = children.map((c) => c.url);
      expect(new Set(urls).size).toBe(2);

      const created = await send(urls[0]!, 'PUT', PATH, { ...auth, 'If-None-Match': '*', 'Idempotency-Key': randomUUID() }, JSON.stringify({
        kind: 'metrics',
        mode: 'full',
        rows: Array.from({ length: PUSHES }, (_, i) => ({ cells: cells(i, 0) })),
      })).answer;
      expect(created.status).toBe(200);
      const base = created.json<PushResponse>().revision;
      expect(base).toBe(1);

      const answers = await Promise.all(
        Array.from({ length: PUSHES }, (_, i) =>
          send(urls[i % 2]!, 'PUT', PATH, { ...auth, 'If-Match': `"${base}"`, 'Idempotency-Key': randomUUID() }, JSON.stringify({
            kind: 'metrics',
            mode: 'delta',
            rows: [{ cells: cells(i, i + 1) }],
          })).answer,
      ),
      );
      const bodies = answers.map((a) => {
        expect([a.status, a.text.slice(0, 300)]).toEqual([200, expect.any(String)]);
        return a.json<PushResponse>();
      });
      // Each merged onto what the others wrote: no conflicts (different cells), one cell each.
      expect(bodies.map((b) => [b.changedCells, b.conflicts])).toEqual(bodies.map(() => [1, []]));
      const changing = bodies.filter((b) => b.changedCells > 0).length;
      // One revision per push that changed something, none shared.
      expect(new Set(bodies.map((b) => b.revision))).toEqual(new Set(Array.from({ length: changing }, (_, i) => base + 1 + i)));

      // Read through the other instance than the one that created the sheet.
      const pulled = (await send(urls[1]!, 'GET', PATH, auth).answer).json<PullResponse>();
      expect(pulled.revision).toBe(base + changing);
      const values = new Map(pulled.rows.map((r) => [r.cells['metric'], r.cells['value']]));
      expect(Object.fromEntries(values)).toEqual(Object.fromEntries(Array.from({ length: PUSHES }, (_, i) => [metric(i), i + 1])));

      // Who changed each cell: created with 0 at the base, then exactly the one push that set it.
      const keyOf = new Map(pulled.rows.map((r) => [r.cells['metric'], r.key]));
      for (const i of [0, 7, PUSHES - 1]) {
        const res = await send(urls[i % 2]!, 'GET', `${PATH}/history?key=${encodeURIComponent(keyOf.get(metric(i))!)}&field=value`, auth).answer;
        const history = res.json<HistoryResponse>();
        expect(history.changes.map((c) => [c.revision, c.oldValue, c.newValue])).toEqual([
          [base, null, 0],
          [bodies[i]!.revision, 0, i + 1],
        ]);
      }
    },
    TEST_TIMEOUT_MS,
  );
});
