import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HistoryResponse, PullResponse, PushResponse } from '../../../shared/api/sync';
import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import { sheetPath } from '../../fixtures/service';
import { childTokens, send, startServiceChild, type Answer, type ServiceChild } from './service-children';

/**
 * Several instances, for real: two service processes on one PostgreSQL schema (no SQLite here:
 * PostgreSQL is what several instances share; when it is down this test fails, never skips),
 * a bounded load of 20 users pushing to one sheet at once from one base revision, each push sent
 * twice with its Idempotency-Key (the retry to the other instance), and both instances' schedulers
 * publishing scorecards every second meanwhile.
 *
 * What must hold, as the users would see it:
 * - no lost update: every cell a push sent is either in the final sheet with its value, or
 *   answered to that push as a conflict (and then not written), never silently overwritten;
 * - each logical push applied once: its two attempts answer the same revision, cells and
 *   conflicts, one of them as a replay; the sheet's history has one change per applied cell;
 * - the scheduled scorecard fires once per firing across the two instances.
 *
 * Each push changes its own row and one of five rows shared by four users; so every shared row
 * has one winner and three conflicts, decided by commit order alone.
 */

const WS = 'ops';
const WB = 'load.xlsx';
const PATH = sheetPath(WS, WB, 'metrics');
const USERS = 20;
const SHARED = 5;
/** Firings both instances must have contested before the schedule is judged. */
const CONTESTED_FIRINGS = 3;
const SCHEDULE_WAIT_MS = 30_000;
const TEST_TIMEOUT_MS = 150_000;

const postgres = databaseFactories.find((f) => f.name === 'postgres')!;
const user = (i: number) => `user${String(i).padStart(2, '0')}@example.com`;
const own = (i: number) => `own${String(i).padStart(2, '0')}`;
const shared = (s: number) => `shared${s}`;
const cells = (metric: string, value: number) => ({ period: '2024-03', department: '华东运营部', metric, value });

interface LogLine {
  readonly msg?: string;
  readonly fireAt?: string;
  readonly instance?: string;
}

/** The pino lines a child wrote (LOG_LEVEL info), parsed. */
function logLines(child: ServiceChild): LogLine[] {
  return child
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as LogLine];
      } catch {
        return [];
      }
    });
}

/** A push's answer; a 409 "still being applied" (the other attempt holds the key) is retried after Retry-After. */
async function pushUntilAnswered(url: string, headers: Record<string, string>, body: string): Promise<Answer> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await send(url, 'PUT', PATH, headers, body).answer;
    if (answer.status !== 409 || answer.json<{ code: string }>().code !== 'idempotency-in-progress') return answer;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('a push stayed in progress for 20 s');
}

describe('two service instances on one PostgreSQL, under a bounded load of racing users', () => {
  let database: TestDatabase;
  let dir: string;
  const children: ServiceChild[] = [];

  beforeAll(async () => {
    database = await postgres.create();
    dir = mkdtempSync(path.join(tmpdir(), 'ops-load-'));
  });
  afterAll(async () => {
    for (const c of children.splice(0)) await c.kill();
    await database?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `lose no update of ${USERS} users racing on one sheet, answer each retried push once, and fire each scheduled scorecard once`,
    async () => {
      if (database.config.kind !== 'postgres') throw new Error('this test runs on PostgreSQL');
      const tokens = await childTokens(path.join(dir, 'dev-signing-key.json'));
      const authOf = async (i: number) => ({ Authorization: `Bearer ${await tokens.sign({ email: user(i) })}`, 'Content-Type': 'application/json' });
      const env = (name: string): Record<string, string> => ({
        DATA_DIR: dir,
        BOOTSTRAP_ADMINS: Array.from({ length: USERS }, (_, i) => user(i)).join(','),
        DATABASE_URL: database.config.kind === 'postgres' ? database.config.url : '',
        DATABASE_SCHEMA: database.config.kind === 'postgres' ? (database.config.schema ?? '') : '',
        SCORECARD_CRON: '* * * * * *',
        SCORECARD_DIR: path.join(dir, `scorecards-${name}`),
        LOG_LEVEL: 'info',
      });
      // One after the other: the race under test is the pushes', not the migrations'.
      children.push(await startServiceChild(env('a')));
      children.push(await startServiceChild(env('b')));
      const urls = children.map((c) => c.url);

      // A KPI sheet, so that each scheduled run writes a scorecard, and the sheet the users race on.
      const admin = await authOf(0);
      const kpi = await send(urls[0]!, 'PUT', sheetPath(WS, WB, 'KPI'), { ...admin, 'If-None-Match': '*', 'Idempotency-Key': randomUUID() }, JSON.stringify({
        kind: 'kpi',
        mode: 'full',
        rows: [{ cells: { name: own(0), target: '≥1', weight: 1, perspective: '客户', formula: '' } }],
      })).answer;
      expect([kpi.status, kpi.text.slice(0, 200)]).toEqual([200, expect.any(String)]);
      const metrics = [...Array.from({ length: USERS }, (_, i) => own(i)), ...Array.from({ length: SHARED }, (_, s) => shared(s))];
      const created = await send(urls[1]!, 'PUT', PATH, { ...admin, 'If-None-Match': '*', 'Idempotency-Key': randomUUID() }, JSON.stringify({
        kind: 'metrics',
        mode: 'full',
        rows: metrics.map((m) => ({ cells: cells(m, 0) })),
      })).answer;
      expect(created.status).toBe(200);
      const base = created.json<PushResponse>().revision;

      // Every user at once, each push twice under one key: the first attempt to one instance,
      // the retry to the other.
      const sent = await Promise.all(
        Array.from({ length: USERS }, async (_, i) => {
          const headers = { ...(await authOf(i)), 'If-Match': `"${base}"`, 'Idempotency-Key': randomUUID() };
          const body = JSON.stringify({ kind: 'metrics', mode: 'delta', rows: [{ cells: cells(own(i), i + 1) }, { cells: cells(shared(i % SHARED), 1000 + i) }] });
          const attempts = await Promise.all([pushUntilAnswered(urls[i % 2]!, headers, body), pushUntilAnswered(urls[(i + 1) % 2]!, headers, body)]);
          return { i, attempts };
        }),
      );

      // Each push answered once: both attempts 200 with the same answer, exactly one of them a replay.
      const answers = sent.map(({ i, attempts }) => {
        for (const a of attempts) expect([a.status, a.text.slice(0, 300)]).toEqual([200, expect.any(String)]);
        const [first, second] = attempts.map((a) => a.json<PushResponse>());
        expect({ revision: second!.revision, changedCells: second!.changedCells, conflicts: second!.conflicts }).toEqual({
          revision: first!.revision,
          changedCells: first!.changedCells,
          conflicts: first!.conflicts,
        });
        expect(attempts.map((a) => a.headers['idempotent-replayed'] === 'true').sort()).toEqual([false, true]);
        return { i, answer: first! };
      });

      // One revision per push (each changed at least its own cell), none shared, none skipped.
      expect(answers.map((a) => a.answer.revision).sort((x, y) => x - y)).toEqual(Array.from({ length: USERS }, (_, k) => base + 1 + k));
      const pulled = (await send(urls[0]!, 'GET', PATH, admin).answer).json<PullResponse>();
      expect(pulled.revision).toBe(base + USERS);
      const final = new Map(pulled.rows.map((r) => [String(r.cells['metric']), r.cells['value']]));
      const keyOf = new Map(pulled.rows.map((r) => [String(r.cells['metric']), r.key]));

      // No lost update: each cell a push sent is in the sheet with its value, or was answered as a conflict.
      for (const { i, answer } of answers) {
        const sentCells = [
          { metric: own(i), value: i + 1 },
          { metric: shared(i % SHARED), value: 1000 + i },
        ];
        for (const c of sentCells) {
          const conflict = answer.conflicts.find((k) => k.key === keyOf.get(c.metric) && k.field === 'value');
          if (conflict === undefined) expect([c.metric, final.get(c.metric)]).toEqual([c.metric, c.value]);
          else {
            expect(conflict).toMatchObject({ yours: c.value, original: 0 });
            expect(final.get(c.metric)).toBe(conflict.theirs);
            expect(final.get(c.metric)).not.toBe(c.value);
          }
        }
        expect(answer.changedCells).toBe(2 - answer.conflicts.length);
      }
      // Each shared row: one winner, whose change is the one change in its history after the base.
      for (let s = 0; s < SHARED; s++) {
        const contenders = answers.filter((a) => a.i % SHARED === s);
        const winners = contenders.filter((a) => a.answer.conflicts.length === 0);
        expect(winners).toHaveLength(1);
        const winner = winners[0]!;
        const history = (
          await send(urls[s % 2]!, 'GET', `${PATH}/history?key=${encodeURIComponent(keyOf.get(shared(s))!)}&field=value`, admin).answer
        ).json<HistoryResponse>();
        expect(history.changes.map((c) => [c.revision, c.oldValue, c.newValue])).toEqual([
          [base, null, 0],
          [winner.answer.revision, 0, 1000 + winner.i],
        ]);
      }
      // Own rows: changed once each, by their user, whichever attempt applied it.
      for (const i of [0, 9, USERS - 1]) {
        const history = (
          await send(urls[i % 2]!, 'GET', `${PATH}/history?key=${encodeURIComponent(keyOf.get(own(i))!)}&field=value`, admin).answer
        ).json<HistoryResponse>();
        expect(history.changes.map((c) => [c.oldValue, c.newValue, c.email])).toEqual([
          [null, 0, user(0)],
          [0, i + 1, user(i)],
        ]);
      }

      // The schedule: every firing both instances saw ran in exactly one of them.
      const deadline = Date.now() + SCHEDULE_WAIT_MS;
      const contested = (): string[] => {
        const seen = children.map((c) => new Set(logLines(c).filter((l) => l.fireAt !== undefined).map((l) => l.fireAt!)));
        return [...seen[0]!].filter((f) => seen[1]!.has(f));
      };
      while (contested().length < CONTESTED_FIRINGS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
      const both = contested();
      expect(both.length).toBeGreaterThanOrEqual(CONTESTED_FIRINGS);
      const started = children.flatMap((c) => logLines(c).filter((l) => l.msg === 'Scheduled run started'));
      const startsPerFiring = new Map<string, number>();
      for (const l of started) startsPerFiring.set(l.fireAt!, (startsPerFiring.get(l.fireAt!) ?? 0) + 1);
      for (const fireAt of both) expect([fireAt, startsPerFiring.get(fireAt)]).toEqual([fireAt, 1]);
      expect([...startsPerFiring.values()].every((n) => n === 1)).toBe(true);
      // And the runs did their job: scorecards were written.
      expect(children.flatMap((c) => logLines(c)).some((l) => l.msg === 'Scorecard written')).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );
});
