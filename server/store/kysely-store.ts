import { sql } from 'kysely';
import { approvalStore } from './approvals';
import { cellHistory } from './cell-history';
import type { StoreDatabase } from './database';
import { ensureWorkspaceId, listSheets, listWorkspaces } from './directory';
import { getGovernanceSources, setGovernanceSource } from './governance-sources';
import { getPolicy, setPolicy } from './policies';
import { pullSheet } from './pull';
import { pushPath } from './push-queue';
import { listEverySheet, sheetAtRevision, storedRowsDigest } from './sheet-at-revision';
import { claimScheduledRun } from './scheduled-runs';
import { addSubscription, claimSubscriptionSend, finishSubscriptionSend, listSubscriptionSends, listSubscriptions, removeSubscription } from './subscriptions';
import type { SheetRef, Store } from './store-types';
import { listUsers, upsertUsers } from './synced-users';
import { writeTransaction } from './transaction';
import { pullWorkspace, workspaceRevisions } from './workspace-read';

export interface StoreOptions {
  /** The clock for every recorded instant (history, revisions, keys). */
  readonly now?: () => Date;
  /**
   * PostgreSQL: how long a push waits for a concurrent request holding the same
   * Idempotency-Key before answering 'in-progress' (default 10 s). SQLite serialises writers.
   */
  readonly keyWaitMs?: number;
  /**
   * Test seam: runs inside every push transaction after all its writes, just before COMMIT.
   * Throwing rolls the whole push back, as a crash at that point would. In a PostgreSQL group
   * (pg-push-batch.ts) it runs once per applied push after the group's write; throwing rolls the
   * group back, and its pushes are applied again one per transaction (the seam runs again).
   */
  readonly beforeCommit?: (ref: SheetRef) => void | Promise<void>;
  /**
   * PostgreSQL: at most this many pushes waiting for one sheet are applied together in one
   * transaction (group commit, pg-push-batch.ts); 1 applies them one transaction each.
   * Default PUSH_BATCH_MAX.
   */
  readonly pushBatchMax?: number;
}

/**
 * Delta pushes to one sheet applied together at most: twenty writers on one sheet fit in one
 * transaction, and one write statement stays small (a delta push names a few rows).
 */
export const PUSH_BATCH_MAX = 32;

/** The Store on an open, migrated database (see open-store.ts for the usual way in). */
export function createKyselyStore(database: StoreDatabase, options: StoreOptions = {}): Store {
  const { db, dialect } = database;
  const now = options.now ?? (() => new Date());
  const at = (): string => now().toISOString();
  const pushContext = {
    db,
    dialect,
    now,
    keyWaitMs: options.keyWaitMs ?? 10_000,
    beforeCommit: options.beforeCommit,
    pgPool: database.pgPool,
  };
  const push = pushPath(pushContext, options.pushBatchMax ?? PUSH_BATCH_MAX);

  return {
    ensureWorkspace: (tenantId, workspace) =>
      writeTransaction(db, async (trx) => {
        await ensureWorkspaceId(trx, tenantId, workspace, at());
        return { commit: true, value: undefined };
      }),
    listWorkspaces: (tenantId) => listWorkspaces(db, tenantId),
    listSheets: (tenantId, workspace) => listSheets(db, tenantId, workspace),
    workspaceRevisions: (tenantId, workspace) => workspaceRevisions(db, tenantId, workspace),
    pullWorkspace: (tenantId, workspace, kinds, only) => pullWorkspace(db, tenantId, workspace, kinds, only),

    push: (request, observer) => push(request, observer),
    pull: (ref, since) => pullSheet(db, dialect, ref, since),
    sheetAt: (ref, revision) => sheetAtRevision(db, dialect, ref, revision),
    storedRowsDigest: (ref, revision) => storedRowsDigest(db, dialect, ref, revision),
    listEverySheet: () => listEverySheet(db),
    cellHistory: (ref, key, field) => cellHistory(db, dialect, ref, key, field),

    getPolicy: (tenantId, workspace) => getPolicy(db, tenantId, workspace),
    setPolicy: (tenantId, workspace, policy, revision) => setPolicy(db, tenantId, workspace, policy, revision, at()),

    getGovernanceSources: (tenantId, workspace) => getGovernanceSources(db, tenantId, workspace),
    setGovernanceSource: (tenantId, workspace, kind, sheet, policy) => setGovernanceSource(db, tenantId, workspace, kind, sheet, policy, at()),

    upsertUsers: (tenantId, workspace, users) => upsertUsers(db, dialect, tenantId, workspace, users, at()),
    listUsers: (tenantId, workspace, limit, offset) => listUsers(db, tenantId, workspace, limit, offset),

    claimScheduledRun: (job, fireAt, instance) => claimScheduledRun(db, job, fireAt, instance, at()),

    addSubscription: (subscription) => addSubscription(db, subscription, at()),
    listSubscriptions: (tenantId, workspace) => listSubscriptions(db, tenantId, workspace),
    removeSubscription: (tenantId, workspace, id) => removeSubscription(db, tenantId, workspace, id),
    claimSubscriptionSend: (claim) => claimSubscriptionSend(db, claim, at()),
    finishSubscriptionSend: (id, result) => finishSubscriptionSend(db, id, result, at()),
    listSubscriptionSends: (tenantId, workspace, subscriptionId, limit) => listSubscriptionSends(db, tenantId, workspace, subscriptionId, limit),
    ...approvalStore(db, at),

    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
