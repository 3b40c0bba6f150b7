import { CompiledQuery, type Kysely } from 'kysely';
import { payloadOf, rowBefore, type LogEntry } from './change-log';
import type { Cells } from './json-cells';
import type { Database, RowChangeOp } from './schema';
import type { SheetState } from './sheet-state';
import { StoredRows } from './stored-rows';
import type { PushResult, SheetRef } from './store-types';
import type { EncodedEffects } from './write-plan';

/**
 * The statements of a push to an existing PostgreSQL sheet, each one round trip, each prepared
 * once per connection (pg-connection.ts names statements by their text): a push to a hot sheet
 * holds its row lock across as few round trips as possible, because every one of them waits
 * behind whatever else the service's thread is doing.
 *
 *   claimKeys   the Idempotency-Keys of every push taken together, before the sheet lock
 *   lockSheet   finds the sheet by name and locks its row, in one statement
 *   loadDelta   a delta push's rows and, when its base is behind, their log entries since
 *   writePush   the revision, the rows, their log entries, the sheet's revision and the key's
 *               answer, in one statement (data-modifying CTEs)
 *   finishKeys  answers of pushes that wrote nothing, and claims of refused pushes dropped
 *
 * A new sheet's first push is not here: it goes through push.ts (COPY, pg-write.ts).
 */

export type KeyClaim = { readonly status: 'claimed' } | { readonly status: 'answered'; readonly result: PushResult };

export interface KeyToClaim {
  /** scopedKey(user, key). */
  readonly key: string;
  readonly requestHash: string;
}

interface KeyRow {
  readonly key: string;
  readonly request_hash: string;
  readonly status: string;
  readonly http_status: number | null;
  readonly response: string | null;
}

/**
 * Claims every key (distinct keys: the queue never takes one key twice into a batch) as
 * 'in-progress' in one INSERT; a key already there answers as idempotency.ts's claimKey does
 * (replay, key-reused, or in-progress). Waiting on a key a concurrent transaction holds is bounded
 * by the transaction's lock_timeout: lock_not_available (55P03) reaches the caller.
 */
export async function claimKeys(db: Kysely<Database>, tenantId: string, keys: readonly KeyToClaim[], at: string): Promise<KeyClaim[]> {
  const texts = keys.map((k) => k.key);
  // In key order, so that two transactions claiming some of the same keys take them in the
  // same order and never wait on each other in a cycle.
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const inserted = await db.executeQuery<{ key: string }>(
    CompiledQuery.raw(
      `insert into "idempotency_keys" ("tenant_id", "key", "request_hash", "status", "http_status", "response", "created_at")
       select $1, "k", "h", 'in-progress', null, null, $2 from unnest($3::text[], $4::text[]) as u("k", "h")
       on conflict ("tenant_id", "key") do nothing returning "key"`,
      [tenantId, at, sorted.map((k) => k.key), sorted.map((k) => k.requestHash)],
    ),
  );
  const claimed = new Set(inserted.rows.map((r) => r.key));
  const others = texts.filter((k) => !claimed.has(k));
  const seen = new Map<string, KeyRow>();
  if (others.length > 0) {
    const { rows } = await db.executeQuery<KeyRow>(
      CompiledQuery.raw(
        `select "key", "request_hash", "status", "http_status", "response" from "idempotency_keys" where "tenant_id" = $1 and "key" = any($2::text[])`,
        [tenantId, others],
      ),
    );
    for (const row of rows) seen.set(row.key, row);
  }
  return keys.map((k): KeyClaim => {
    if (claimed.has(k.key)) return { status: 'claimed' };
    const row = seen.get(k.key);
    // Not inserted, yet gone by the time it was read (removed in between): answered as a
    // request still in flight; the client's retry claims it.
    if (row === undefined) return { status: 'answered', result: { status: 'in-progress' } };
    if (row.request_hash !== k.requestHash) return { status: 'answered', result: { status: 'key-reused' } };
    if (row.status !== 'completed' || row.http_status === null || row.response === null) {
      return { status: 'answered', result: { status: 'in-progress' } };
    }
    const body: unknown = JSON.parse(row.response);
    return { status: 'answered', result: { status: 'replay', httpStatus: row.http_status, body } };
  });
}

export interface LockedSheet {
  readonly id: number;
  readonly kind: string;
  readonly revision: number;
}

/**
 * The sheet, found by its names and locked FOR UPDATE in the same statement. Read committed:
 * a push that waited here reads the revision its predecessor committed (the row is re-read
 * once the lock is granted), and its next statement sees that predecessor's rows.
 */
export async function lockSheet(db: Kysely<Database>, ref: SheetRef): Promise<LockedSheet | null> {
  const { rows } = await db.executeQuery<LockedSheet>(
    CompiledQuery.raw(
      `select s."id", s."kind", s."revision" from "sheets" s
       join "workbooks" wb on wb."id" = s."workbook_id"
       join "workspaces" ws on ws."id" = wb."workspace_id"
       where ws."tenant_id" = $1 and ws."name" = $2 and wb."name" = $3 and s."name" = $4
       for update of s`,
      [ref.tenantId, ref.workspace, ref.workbook, ref.sheet],
    ),
  );
  return rows[0] ?? null;
}

interface StateOrLogRow {
  readonly row_key: string;
  /** null on a log entry. */
  readonly cells: string | null;
  readonly deleted: number | null;
  readonly revision: number;
  /** null on a row. */
  readonly op: RowChangeOp | null;
  readonly payload: string | null;
}

/**
 * What a delta push's merge needs (sheet-state.ts's SheetState, for the keys it names), in one
 * round trip: their rows, and their log entries after `base`. Entries after the base exist only
 * for rows changed since it, so when the base is the current revision the second half finds
 * nothing, through the log's primary key.
 */
export async function loadDelta(db: Kysely<Database>, sheetId: number, keys: readonly string[], base: number): Promise<SheetState> {
  const { rows } = await db.executeQuery<StateOrLogRow>(
    CompiledQuery.raw(
      `select "row_key", "cells", "deleted", "revision", null::text as "op", null::text as "payload"
         from "sheet_rows" where "sheet_id" = $1 and "row_key" = any($2::text[])
       union all
       select "row_key", null, null, "revision", "op", "payload"
         from "row_changes" where "sheet_id" = $1 and "row_key" = any($2::text[]) and "revision" > $3`,
      [sheetId, keys, base],
    ),
  );
  const current = new StoredRows();
  const changedKeys: string[] = [];
  const entries = new Map<string, LogEntry[]>();
  for (const row of rows) {
    if (row.op === null) {
      if (row.deleted === 0) current.add(row.row_key, row.cells!, row.revision);
      if (row.revision > base) changedKeys.push(row.row_key);
    } else {
      const entry: LogEntry = { revision: row.revision, op: row.op, payload: row.payload! };
      const list = entries.get(row.row_key);
      if (list) list.push(entry);
      else entries.set(row.row_key, [entry]);
    }
  }
  const atBase = new Map<string, Cells | null>();
  for (const key of changedKeys) {
    const newestFirst = (entries.get(key) ?? []).sort((a, b) => b.revision - a.revision);
    atBase.set(key, rowBefore(current.get(key) ?? null, newestFirst));
  }
  return { current, atBase };
}

export interface PushWrite {
  readonly sheetId: number;
  readonly revision: number;
  readonly userId: string;
  readonly email: string;
  readonly at: string;
  /** The key as the client sent it (sheet_revisions), and as stored for the answer (scopedKey). */
  readonly idempotencyKey: string;
  readonly tenantId: string;
  readonly scopedKey: string;
  readonly answer: unknown;
}

/**
 * Everything one applied push writes to an existing sheet, in one statement: its revision, its
 * rows (upserted from arrays, as pg-write.ts does), their log entries, the sheet's new revision,
 * and the key's answer. The CTEs run together in one snapshot; none reads what another writes.
 */
export async function writePush(db: Kysely<Database>, write: PushWrite, effects: EncodedEffects): Promise<void> {
  const { ordered, cellsJson } = effects;
  const keys = new Array<string>(ordered.length);
  const deleted = new Array<number>(ordered.length);
  const ops = new Array<RowChangeOp>(ordered.length);
  const payloads = new Array<string>(ordered.length);
  for (let i = 0; i < ordered.length; i++) {
    const effect = ordered[i]!;
    keys[i] = effect.key;
    deleted[i] = effect.op === 'delete' ? 1 : 0;
    ops[i] = effect.op;
    payloads[i] = payloadOf(effect, cellsJson[i]!);
  }
  await db.executeQuery(
    CompiledQuery.raw(
      `with "revision_row" as (
         insert into "sheet_revisions" ("sheet_id", "revision", "user_id", "email", "at", "idempotency_key") values ($1, $2, $3, $4, $5, $6)
       ), "rows" as (
         insert into "sheet_rows" ("sheet_id", "row_key", "cells", "revision", "deleted")
         select $1, "k", "c", $2, "d" from unnest($7::text[], $8::text[], $9::int[]) as u("k", "c", "d")
         on conflict ("sheet_id", "row_key") do update set "cells" = excluded."cells", "revision" = excluded."revision", "deleted" = excluded."deleted"
       ), "log" as (
         insert into "row_changes" ("sheet_id", "row_key", "revision", "op", "payload")
         select $1, "k", $2, "o", "p" from unnest($7::text[], $10::text[], $11::text[]) as u("k", "o", "p")
       ), "sheet" as (
         update "sheets" set "revision" = $2, "updated_at" = $5 where "id" = $1
       )
       update "idempotency_keys" set "status" = 'completed', "http_status" = 200, "response" = $12 where "tenant_id" = $13 and "key" = $14`,
      [
        write.sheetId,
        write.revision,
        write.userId,
        write.email,
        write.at,
        write.idempotencyKey,
        keys,
        cellsJson,
        deleted,
        ops,
        payloads,
        JSON.stringify(write.answer),
        write.tenantId,
        write.scopedKey,
      ],
    ),
  );
}

/**
 * The keys' ends, in one statement: answers recorded for pushes that applied without writing
 * (only conflicts, or nothing new), and the claims of refused pushes dropped (a refused push
 * records nothing, so the corrected request may reuse its key).
 */
export async function finishKeys(
  db: Kysely<Database>,
  tenantId: string,
  answered: readonly { readonly scopedKey: string; readonly answer: unknown }[],
  dropped: readonly string[],
): Promise<void> {
  if (answered.length === 0 && dropped.length === 0) return;
  await db.executeQuery(
    CompiledQuery.raw(
      `with "dropped" as (
         delete from "idempotency_keys" where "tenant_id" = $1 and "key" = any($4::text[])
       )
       update "idempotency_keys" as t set "status" = 'completed', "http_status" = 200, "response" = u."r"
       from unnest($2::text[], $3::text[]) as u("k", "r") where t."tenant_id" = $1 and t."key" = u."k"`,
      [tenantId, answered.map((a) => a.scopedKey), answered.map((a) => JSON.stringify(a.answer)), dropped],
    ),
  );
}
