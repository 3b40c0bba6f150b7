import type { Kysely } from 'kysely';
import type { DialectKind } from './dialect-kind';
import { bulkInsert, type BulkSpec } from './bulk';
import { ensureWorkspaceId, findWorkspaceId } from './directory';
import type { Database } from './schema';
import type { SyncedUser } from './store-types';
import { writeTransaction } from './transaction';

/** Users of the handbook's POST /api/v1/user/sync, upserted by (tenant, workspace, user id). */

const USERS: BulkSpec = {
  table: 'synced_users',
  columns: ['workspace_id', 'user_id', 'fields', 'data_source', 'synced_at'],
  onConflict:
    'on conflict ("workspace_id", "user_id") do update set "fields" = excluded."fields", "data_source" = excluded."data_source", "synced_at" = excluded."synced_at"',
};

type UserFields = SyncedUser['fields'];

/** Returns how many distinct users were written; a user listed twice keeps the later record. */
export function upsertUsers(
  db: Kysely<Database>,
  dialect: DialectKind,
  tenantId: string,
  workspace: string,
  users: readonly SyncedUser[],
  at: string,
): Promise<number> {
  // One statement must not upsert a row twice (PostgreSQL refuses), so dedupe first.
  const latest = [...new Map(users.map((u) => [u.userId, u])).values()];
  return writeTransaction(db, async (trx) => {
    const workspaceId = await ensureWorkspaceId(trx, tenantId, workspace, at);
    await bulkInsert(trx, dialect, USERS, latest.length, (i, out) => {
      const user = latest[i];
      if (user) out.push(workspaceId, user.userId, JSON.stringify(user.fields), user.dataSource, user.syncedAt);
    });
    return { commit: true, value: latest.length };
  });
}

export async function listUsers(
  db: Kysely<Database>,
  tenantId: string,
  workspace: string,
  limit: number,
  offset: number,
): Promise<SyncedUser[]> {
  const workspaceId = await findWorkspaceId(db, tenantId, workspace);
  if (workspaceId === null) return [];
  const rows = await db
    .selectFrom('synced_users')
    .select(['user_id', 'fields', 'data_source', 'synced_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('user_id')
    .limit(Math.max(0, Math.trunc(limit)))
    .offset(Math.max(0, Math.trunc(offset)))
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    // Written only by upsertUsers from SyncedUser.fields; the shape is ours.
    fields: JSON.parse(r.fields) as UserFields,
    dataSource: r.data_source,
    syncedAt: r.synced_at,
  }));
}
