import type { Kysely, Selectable } from 'kysely';
import { CreateSubscriptionSchema, SEND_OUTCOMES, SheetRevisionSchema, type SendOutcome } from '../../shared/api/subscriptions';
import { ensureWorkspaceId, findWorkspaceId } from './directory';
import type { Database, SubscriptionSendsTable } from './schema';
import type { NewSubscription, SendClaim, SendResult, StoredSubscription, SubscriptionSendRecord } from './store-types';
import { writeTransaction } from './transaction';
import { z } from 'zod';

/**
 * Subscriptions and their sends. A send is claimed by inserting its record before anything is
 * built or mailed; for a scheduled send the unique (subscription_id, fire_at) index lets exactly
 * one instance's insert through, inside one write transaction, whatever the timing.
 */

export function addSubscription(db: Kysely<Database>, subscription: NewSubscription, at: string): Promise<void> {
  return writeTransaction(db, async (trx) => {
    const workspaceId = await ensureWorkspaceId(trx, subscription.tenantId, subscription.workspace, at);
    await trx
      .insertInto('subscriptions')
      .values({ id: subscription.id, workspace_id: workspaceId, definition: JSON.stringify(subscription.definition), created_at: at, created_by: subscription.createdBy })
      .execute();
    return { commit: true, value: undefined };
  });
}

export async function listSubscriptions(db: Kysely<Database>, tenantId: string | null, workspace: string | null): Promise<StoredSubscription[]> {
  let query = db
    .selectFrom('subscriptions as s')
    .innerJoin('workspaces as ws', 'ws.id', 's.workspace_id')
    .select(['s.id', 's.definition', 's.created_at', 's.created_by', 'ws.tenant_id', 'ws.name'])
    .orderBy('s.created_at')
    .orderBy('s.id');
  if (tenantId !== null) query = query.where('ws.tenant_id', '=', tenantId);
  if (workspace !== null) query = query.where('ws.name', '=', workspace);
  const rows = await query.execute();
  const out: StoredSubscription[] = [];
  for (const row of rows) {
    // Written through the same schema; a row that no longer parses (a hand edit) is not sent.
    const definition = CreateSubscriptionSchema.safeParse(JSON.parse(row.definition));
    if (!definition.success) continue;
    out.push({ id: row.id, tenantId: row.tenant_id, workspace: row.name, definition: definition.data, createdAt: row.created_at, createdBy: row.created_by });
  }
  return out;
}

export function removeSubscription(db: Kysely<Database>, tenantId: string, workspace: string, id: string): Promise<boolean> {
  return writeTransaction(db, async (trx) => {
    const workspaceId = await findWorkspaceId(trx, tenantId, workspace);
    if (workspaceId === null) return { commit: false, value: false };
    const result = await trx.deleteFrom('subscriptions').where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return { commit: true, value: Number(result.numDeletedRows) > 0 };
  });
}

/** The send's record id, or null when this scheduled firing was already claimed. */
export function claimSubscriptionSend(db: Kysely<Database>, claim: SendClaim, at: string): Promise<number | null> {
  return writeTransaction(db, async (trx) => {
    const workspaceId = await findWorkspaceId(trx, claim.tenantId, claim.workspace);
    if (workspaceId === null) return { commit: false, value: null };
    const row = await trx
      .insertInto('subscription_sends')
      .values({
        subscription_id: claim.subscriptionId,
        workspace_id: workspaceId,
        trigger: claim.trigger,
        fire_at: claim.fireAt,
        instance: claim.instance,
        recipient: claim.recipient,
        started_at: at,
        finished_at: null,
        outcome: 'claimed',
        detail: null,
        revisions: '[]',
        policy_revision: null,
        attempts: 0,
      })
      .onConflict((oc) => oc.columns(['subscription_id', 'fire_at']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return { commit: true, value: row?.id ?? null };
  });
}

export async function finishSubscriptionSend(db: Kysely<Database>, id: number, result: SendResult, at: string): Promise<void> {
  await db
    .updateTable('subscription_sends')
    .set({
      finished_at: at,
      outcome: result.outcome,
      detail: result.detail,
      revisions: JSON.stringify(result.revisions),
      policy_revision: result.policyRevision,
      attempts: result.attempts,
    })
    .where('id', '=', id)
    .execute();
}

export async function listSubscriptionSends(
  db: Kysely<Database>,
  tenantId: string,
  workspace: string,
  subscriptionId: string | null,
  limit: number,
): Promise<SubscriptionSendRecord[]> {
  const workspaceId = await findWorkspaceId(db, tenantId, workspace);
  if (workspaceId === null) return [];
  let query = db.selectFrom('subscription_sends').selectAll().where('workspace_id', '=', workspaceId).orderBy('id', 'desc').limit(limit);
  if (subscriptionId !== null) query = query.where('subscription_id', '=', subscriptionId);
  return (await query.execute()).map(recordOf);
}

const RevisionsSchema = z.array(SheetRevisionSchema);

function recordOf(row: Selectable<SubscriptionSendsTable>): SubscriptionSendRecord {
  const revisions = RevisionsSchema.safeParse(JSON.parse(row.revisions));
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    trigger: row.trigger === 'manual' ? 'manual' : 'scheduled',
    fireAt: row.fire_at,
    recipient: row.recipient,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: (SEND_OUTCOMES as readonly string[]).includes(row.outcome) ? (row.outcome as SendOutcome) : 'failed',
    detail: row.detail,
    revisions: revisions.success ? revisions.data : [],
    policyRevision: row.policy_revision,
    attempts: row.attempts,
  };
}
