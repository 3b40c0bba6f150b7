import { GroupSheet, type KeyLogEntry, type KeyRow } from './pg-batch-sheet';
import type { Statement } from './pg-pipeline';
import type { RowChangeOp } from './schema';
import type { PushResult, SheetRef } from './store-types';

/**
 * The statements of delta pushes to an existing PostgreSQL sheet, taken together from its queue
 * (pg-push-batch.ts), each prepared once per connection (pg-connection.ts names statements by
 * their text), and what their answers mean. None needs another's answer in JavaScript except
 * the write, so the first five go out pipelined (pg-pipeline.ts), the write and COMMIT after:
 *
 *   claimKeys   the Idempotency-Keys of every push taken together, before the sheet lock
 *   seenKeys    those keys as stored once claimed (a key not claimed answers from its row)
 *   lockSheet   finds the sheet by name and locks its row
 *   readGroup   the rows the pushes name and their log entries after the oldest base, read after
 *               the lock is granted (its own statement, so its snapshot sees what the lock's
 *               previous holder committed)
 *   writeGroup  the revisions, the rows, their log entries, the sheet's revision and every
 *               key's end (answers recorded, refused pushes' claims dropped), in one statement
 *
 * A new sheet's first push and a full push are not here: they go through push.ts.
 */

export type KeyClaim = { readonly status: 'claimed' } | { readonly status: 'answered'; readonly result: PushResult };

export interface KeyToClaim {
  /** scopedKey(user, key). */
  readonly key: string;
  readonly requestHash: string;
}

/**
 * Claims every key (distinct keys: the queue never takes one key twice into a group) as
 * 'in-progress' in one INSERT, in key order, so that two transactions claiming some of the same
 * keys take them in the same order and never wait on each other in a cycle. Waiting on a key a
 * concurrent transaction holds is bounded by the transaction's lock_timeout (55P03).
 */
export function claimKeys(tenantId: string, keys: readonly KeyToClaim[], at: string): Statement {
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    text: `insert into "idempotency_keys" ("tenant_id", "key", "request_hash", "status", "http_status", "response", "created_at")
       select $1, "k", "h", 'in-progress', null, null, $2 from unnest($3::text[], $4::text[]) as u("k", "h")
       on conflict ("tenant_id", "key") do nothing returning "key"`,
    values: [tenantId, at, sorted.map((k) => k.key), sorted.map((k) => k.requestHash)],
  };
}

export function seenKeys(tenantId: string, keys: readonly KeyToClaim[]): Statement {
  return {
    text: `select "key", "request_hash", "status", "http_status", "response" from "idempotency_keys" where "tenant_id" = $1 and "key" = any($2::text[])`,
    values: [tenantId, keys.map((k) => k.key)],
  };
}

export interface StoredKeyRow {
  readonly key: string;
  readonly request_hash: string;
  readonly status: string;
  readonly http_status: number | null;
  readonly response: string | null;
}

/**
 * Each key's claim, from what claimKeys inserted and seenKeys read after it: a key already
 * there answers as idempotency.ts's claimKey does (replay, key-reused, or in-progress).
 */
export function claimsOf(keys: readonly KeyToClaim[], inserted: readonly { readonly key: string }[], seen: readonly StoredKeyRow[]): KeyClaim[] {
  const claimed = new Set(inserted.map((r) => r.key));
  const rows = new Map(seen.map((r) => [r.key, r]));
  return keys.map((k): KeyClaim => {
    if (claimed.has(k.key)) return { status: 'claimed' };
    const row = rows.get(k.key);
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

const SHEET_BY_NAME = `select s."id" from "sheets" s
       join "workbooks" wb on wb."id" = s."workbook_id"
       join "workspaces" ws on ws."id" = wb."workspace_id"
       where ws."tenant_id" = $1 and ws."name" = $2 and wb."name" = $3 and s."name" = $4`;

/**
 * The sheet, found by its names and locked FOR UPDATE. Read committed: a statement that waited
 * here reads the revision the lock's previous holder committed (the row is re-read once the
 * lock is granted).
 */
export function lockSheet(ref: SheetRef): Statement {
  return {
    text: `select s."id", s."kind", s."revision" from "sheets" s
       join "workbooks" wb on wb."id" = s."workbook_id"
       join "workspaces" ws on ws."id" = wb."workspace_id"
       where ws."tenant_id" = $1 and ws."name" = $2 and wb."name" = $3 and s."name" = $4
       for update of s`,
    values: [ref.tenantId, ref.workspace, ref.workbook, ref.sheet],
  };
}

/**
 * The rows named (tombstones too) and their log entries after `since`, of the sheet found by its
 * names. Entries after a revision exist only for rows changed since it, so when `since` is the
 * current revision the second half finds nothing, through the log's primary key.
 */
export function readGroup(ref: SheetRef, keys: readonly string[], since: number): Statement {
  return {
    text: `with "sheet" as (${SHEET_BY_NAME})
       select "row_key", "cells", "deleted", "revision", null::text as "op", null::text as "payload"
         from "sheet_rows" where "sheet_id" = (select "id" from "sheet") and "row_key" = any($5::text[])
       union all
       select "row_key", null, null, "revision", "op", "payload"
         from "row_changes" where "sheet_id" = (select "id" from "sheet") and "row_key" = any($5::text[]) and "revision" > $6`,
    values: [ref.tenantId, ref.workspace, ref.workbook, ref.sheet, keys, since],
  };
}

export interface RowOrLogRow {
  readonly row_key: string;
  /** null on a log entry. */
  readonly cells: string | null;
  readonly deleted: number | null;
  readonly revision: number;
  /** null on a row. */
  readonly op: RowChangeOp | null;
  readonly payload: string | null;
}

/** readGroup's answer, ready to carry the group's pushes forward. */
export function groupOf(rows: readonly RowOrLogRow[], since: number): GroupSheet {
  const found = new Map<string, KeyRow>();
  const log: KeyLogEntry[] = [];
  for (const row of rows) {
    if (row.op === null) found.set(row.row_key, { text: row.cells!, revision: row.revision, deleted: row.deleted !== 0 });
    else log.push({ key: row.row_key, revision: row.revision, op: row.op, payload: row.payload! });
  }
  return new GroupSheet(found, log, since);
}

/** A revision one push of the group made. */
export interface RevisionMade {
  readonly revision: number;
  readonly userId: string;
  readonly email: string;
  readonly at: string;
  /** As the client sent it. */
  readonly idempotencyKey: string;
}

export interface GroupWrite {
  readonly sheetId: number;
  readonly tenantId: string;
  readonly revisions: readonly RevisionMade[];
  /** The rows and log entries the group's pushes made. */
  readonly sheet: GroupSheet;
  /** Answers of applied pushes, by scopedKey(user, key). */
  readonly answered: readonly { readonly scopedKey: string; readonly answer: unknown }[];
  /** Claims of refused pushes (a refused push records nothing, so the corrected request may reuse its key). */
  readonly dropped: readonly string[];
}

/**
 * Everything the group writes, in one statement of data-modifying CTEs (they run together in
 * one snapshot; none reads what another writes): the revisions made, each row once as the group
 * left it (upserted from arrays, as pg-write.ts does), every log entry, the sheet's revision and
 * instant (when a revision was made), and every key's end.
 */
export function writeGroup(write: GroupWrite): Statement {
  const { revisions, sheet } = write;
  const rows = sheet.writtenRows();
  const last = revisions[revisions.length - 1];
  return {
    text: `with "revisions" as (
         insert into "sheet_revisions" ("sheet_id", "revision", "user_id", "email", "at", "idempotency_key")
         select $1, "r", "u", "e", "a", "k" from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) as x("r", "u", "e", "a", "k")
       ), "rows" as (
         insert into "sheet_rows" ("sheet_id", "row_key", "cells", "revision", "deleted")
         select $1, "k", "c", "r", "d" from unnest($7::text[], $8::text[], $9::int[], $10::int[]) as x("k", "c", "r", "d")
         on conflict ("sheet_id", "row_key") do update set "cells" = excluded."cells", "revision" = excluded."revision", "deleted" = excluded."deleted"
       ), "log" as (
         insert into "row_changes" ("sheet_id", "row_key", "revision", "op", "payload")
         select $1, "k", "r", "o", "p" from unnest($11::text[], $12::int[], $13::text[], $14::text[]) as x("k", "r", "o", "p")
       ), "sheet" as (
         update "sheets" set "revision" = $15, "updated_at" = $16 where "id" = $1 and $15::int is not null
       ), "dropped" as (
         delete from "idempotency_keys" where "tenant_id" = $17 and "key" = any($18::text[])
       )
       update "idempotency_keys" as t set "status" = 'completed', "http_status" = 200, "response" = x."r"
       from unnest($19::text[], $20::text[]) as x("k", "r") where t."tenant_id" = $17 and t."key" = x."k"`,
    values: [
        write.sheetId,
        revisions.map((r) => r.revision),
        revisions.map((r) => r.userId),
        revisions.map((r) => r.email),
        revisions.map((r) => r.at),
        revisions.map((r) => r.idempotencyKey),
        rows.keys,
        rows.texts,
        rows.revisions,
        rows.deleted,
        sheet.changes.map((c) => c.key),
        sheet.changes.map((c) => c.revision),
        sheet.changes.map((c) => c.op),
        sheet.changes.map((c) => c.payload),
        last?.revision ?? null,
        last?.at ?? null,
        write.tenantId,
        write.dropped,
        write.answered.map((a) => a.scopedKey),
      write.answered.map((a) => JSON.stringify(a.answer)),
    ],
  };
}
