import type { Kysely } from 'kysely';
import type { Policy } from '../../shared/engine/policy';
import { ensureWorkspaceId } from './directory';
import type { Database } from './schema';
import { writeTransaction } from './transaction';

/** The workspace's policy, as compiled from its last synced permission matrix. JSON text. */
export async function getPolicy(
  db: Kysely<Database>,
  tenantId: string,
  workspace: string,
): Promise<{ policy: Policy; revision: number } | null> {
  const row = await db
    .selectFrom('policies as p')
    .innerJoin('workspaces as ws', 'ws.id', 'p.workspace_id')
    .select(['p.policy', 'p.revision'])
    .where('ws.tenant_id', '=', tenantId)
    .where('ws.name', '=', workspace)
    .executeTakeFirst();
  if (row === undefined) return null;
  // Written only by setPolicy below from a compiled Policy; the shape is ours.
  const policy = JSON.parse(row.policy) as Policy;
  return { policy, revision: row.revision };
}

export function setPolicy(
  db: Kysely<Database>,
  tenantId: string,
  workspace: string,
  policy: Policy,
  revision: number,
  at: string,
): Promise<void> {
  return writeTransaction(db, async (trx) => {
    const workspaceId = await ensureWorkspaceId(trx, tenantId, workspace, at);
    const text = JSON.stringify(policy);
    await trx
      .insertInto('policies')
      .values({ workspace_id: workspaceId, policy: text, revision, updated_at: at })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ policy: text, revision, updated_at: at }))
      .execute();
    return { commit: true, value: undefined };
  });
}
