import { sql, type Kysely } from 'kysely';
import type { DialectKind } from './dialect-kind';
import { errorCode } from './error-code';
import type { Database } from './schema';
import type { PushResult } from './store-types';

/**
 * Idempotency keys, scoped per tenant and user: the stored key is the user's id and the key the
 * client sent (`scopedKey`), so one user's answer never replays to another. The key's row is written INSIDE the push transaction:
 * claimed as 'in-progress' first, turned 'completed' with the answer just before commit. So
 * a push killed half-way leaves no row at all (rolled back) and never blocks its own retry,
 * and no other session ever sees 'in-progress'.
 *
 * A concurrent duplicate serialises on the key's primary key: on SQLite the whole push holds
 * the write lock; on PostgreSQL the second INSERT waits for the first transaction, then finds
 * the committed row and replays it. If that wait exceeds `waitMs` (the first push is very
 * slow), the answer is 'in-progress' and the client retries later.
 */

export type KeyClaim = { readonly status: 'claimed' } | { readonly status: 'answered'; readonly result: PushResult };

/**
 * The key as stored: the user's own. Joined by U+001F (unit separator), which a key (printable
 * ASCII) cannot hold; never NUL, which PostgreSQL text refuses.
 */
export function scopedKey(userId: string, key: string): string {
  return `${userId}\u001f${key}`;
}

export interface KeyRequest {
  readonly tenantId: string;
  /** scopedKey(user, key). */
  readonly key: string;
  readonly requestHash: string;
  readonly at: string;
}

export async function claimKey(db: Kysely<Database>, dialect: DialectKind, request: KeyRequest, waitMs: number): Promise<KeyClaim> {
  if (dialect === 'postgres') await sql`set local lock_timeout = ${sql.lit(`${Math.max(1, Math.trunc(waitMs))}ms`)}`.execute(db);
  let inserted: boolean;
  try {
    const row = await db
      .insertInto('idempotency_keys')
      .values({
        tenant_id: request.tenantId,
        key: request.key,
        request_hash: request.requestHash,
        status: 'in-progress',
        http_status: null,
        response: null,
        created_at: request.at,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    inserted = row !== undefined;
  } catch (error) {
    // lock_not_available: the first request still holds the key. The transaction is now
    // aborted; the caller rolls it back.
    if (isLockTimeout(error)) return { status: 'answered', result: { status: 'in-progress' } };
    throw error;
  }
  if (dialect === 'postgres') await sql`set local lock_timeout to default`.execute(db);
  if (inserted) return { status: 'claimed' };

  const seen = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'http_status', 'response'])
    .where('tenant_id', '=', request.tenantId)
    .where('key', '=', request.key)
    .executeTakeFirstOrThrow();
  if (seen.request_hash !== request.requestHash) return { status: 'answered', result: { status: 'key-reused' } };
  if (seen.status !== 'completed' || seen.http_status === null || seen.response === null) {
    return { status: 'answered', result: { status: 'in-progress' } };
  }
  const body: unknown = JSON.parse(seen.response);
  return { status: 'answered', result: { status: 'replay', httpStatus: seen.http_status, body } };
}

export async function completeKey(
  db: Kysely<Database>,
  tenantId: string,
  key: string,
  httpStatus: number,
  body: unknown,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status: 'completed', http_status: httpStatus, response: JSON.stringify(body) })
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .execute();
}

function isLockTimeout(error: unknown): boolean {
  return errorCode(error) === '55P03';
}
