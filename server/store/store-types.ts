import type { CreateSubscription, SubscriptionSend } from '../../shared/api/subscriptions';
import type { Policy } from '../../shared/engine/policy';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { CellValue } from '../../shared/table/grid';
import type { ApprovalStore, NewPendingChange, PendingChange } from './approval-types';

/**
 * The store's contract: what the routes, the scheduler and the CLI may ask of it. One
 * implementation (kysely) serves SQLite and PostgreSQL; everything here is plain data.
 *
 * Tenants → workspaces → workbooks → sheets of a kind → rows under their natural keys.
 * A sheet has a revision number that every push changing something raises by one; a push
 * that changes nothing (every cell already so, or only conflicts) makes no revision and
 * answers the current one. Creating a sheet makes revision 1.
 */

/** Who is acting: the tenant comes from the token alone, never from the request. */
export interface Actor {
  readonly tenantId: string;
  /** Stable user id (Entra `oid`, or the development token's subject). */
  readonly userId: string;
  readonly email: string;
}

export interface SheetRef {
  readonly tenantId: string;
  readonly workspace: string;
  readonly workbook: string;
  readonly sheet: string;
}

/** A row as synced: its natural key (as computed by the shared kind) and its cells by field. */
export interface SyncRow {
  readonly key: string;
  readonly cells: Readonly<Record<string, CellValue>>;
}

export interface PushRequest {
  readonly ref: SheetRef;
  readonly kind: SheetKind;
  /** The revision the client started from (If-Match); null to create the sheet. */
  readonly baseRevision: number | null;
  /** full: the rows are the whole sheet (rows absent are deleted); delta: changed cells only. */
  readonly mode: 'full' | 'delta';
  readonly rows: readonly SyncRow[];
  /** Keys of rows deleted (delta mode). */
  readonly deletes: readonly string[];
  readonly actor: Actor;
  /**
   * Idempotency-Key header and a hash of the request (method, path, body) it was used with.
   * Keys are the caller's own: scoped per tenant AND user, so one user's answer never replays
   * to another who happens to send the same key.
   */
  readonly idempotencyKey: string;
  readonly requestHash: string;
  /**
   * Whether the caller may remove this row (it has the cells shown). Asked, inside the push's
   * transaction, of every row the merge would delete, explicitly or because a full push leaves
   * it out: one refusal rolls the push back ('delete-refused'). Absent: every delete is allowed.
   */
  readonly mayDelete?: (key: string, cells: Readonly<Record<string, CellValue>>) => boolean;
  /**
   * Changes held for approval out of this push (docs/approval.md): recorded as pending changes
   * in the push's own transaction, so that they are stored exactly when the rest of it is — a
   * crash never keeps the one without the other — and answered as `pending`.
   */
  readonly held?: readonly NewPendingChange[];
}

/** A cell both sides changed since the base revision; it was NOT written. */
export interface Conflict {
  readonly key: string;
  readonly field: string;
  readonly yours: CellValue;
  readonly theirs: CellValue;
  readonly original: CellValue;
}

export interface PushOutcome {
  readonly revision: number;
  /** Cells written by this push. */
  readonly changedCells: number;
  readonly conflicts: readonly Conflict[];
}

/**
 * What a push may answer without an exception (expected failures are data):
 * - replay: the same Idempotency-Key and body were seen; the first answer, as stored
 *   (httpStatus 200, body = the first attempt's PushOutcome as JSON).
 * - key-reused: the same key with another body.
 * - in-progress: the same key is being applied by a concurrent request right now and did not
 *   finish within the store's wait (PostgreSQL; SQLite queues writers, so a duplicate there
 *   waits and then replays).
 * - stale-unknown: If-Match names a revision the sheet never had.
 * - exists / not-found: create of an existing sheet, or a base revision on a missing one.
 * - kind-mismatch: the sheet exists with another kind.
 * Keys are scoped per tenant and recorded only with an applied push: a refused push records
 * nothing, so the corrected request may reuse its key.
 */
export type PushResult =
  | {
      readonly status: 'applied';
      readonly outcome: PushOutcome;
      /**
       * Optional: the sheet as this push left it, exactly what pull(ref, 0) would answer right
       * after it (a store may answer it when the push read the whole sheet anyway). Absent: pull.
       */
      readonly sheet?: PullResult;
      /**
       * Optional: the rows this push wrote (its revision's rows, tombstones included, in key
       * order), what pull(ref, revision - 1) would answer right after it had no later push
       * changed the sheet. Absent: pull.
       */
      readonly written?: PullResult;
      /** The changes it held (PushRequest.held), as recorded. */
      readonly pending?: readonly PendingChange[];
    }
  | { readonly status: 'replay'; readonly httpStatus: number; readonly body: unknown }
  | { readonly status: 'key-reused' | 'in-progress' | 'exists' | 'not-found' | 'kind-mismatch' }
  | { readonly status: 'stale-unknown'; readonly current: number }
  /** Rows the push would remove that `mayDelete` refused; nothing was written. */
  | { readonly status: 'delete-refused'; readonly keys: readonly string[] };

/**
 * Told, inside a push's transaction just before its rows are written, what the sheet will
 * hold if the push commits: the cells of its live rows as JSON texts, in the order pull(ref, 0)
 * would answer them after the commit. Only when the store knows that without extra reads
 * (a full push or a new sheet); otherwise not called. The push may still roll back
 * after it (a failure, a crash): whatever the observer starts is only worth keeping once
 * push() answered 'applied'.
 */
export interface PushObserver {
  beforeWrite(planned: PlannedSheet): void;
}

export interface PlannedSheet {
  readonly revision: number;
  readonly rowCells: readonly string[];
}

export interface PulledRow {
  readonly key: string;
  /** {} for a deleted row. */
  readonly cells: Readonly<Record<string, CellValue>>;
  readonly deleted: boolean;
  /** The revision that last changed this row. */
  readonly revision: number;
}

export interface PullResult {
  readonly kind: SheetKind;
  readonly revision: number;
  /** Rows changed after `since` (all live rows when since is 0). */
  readonly rows: readonly PulledRow[];
}

/** One change of one cell; creating a row sets its cells from null, deleting it sets them to null. */
/** A sheet's live rows as they were at one revision (Store.sheetAt), in key order as pull answers them. */
export interface SheetAtRevision {
  readonly kind: SheetKind;
  readonly revision: number;
  readonly rows: readonly { readonly key: string; readonly cells: Readonly<Record<string, CellValue>> }[];
}

export interface CellChange {
  readonly revision: number;
  readonly userId: string;
  readonly email: string;
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly oldValue: CellValue;
  readonly newValue: CellValue;
}

export interface SheetSummary {
  readonly workbook: string;
  readonly sheet: string;
  readonly kind: SheetKind;
  readonly revision: number;
  readonly updatedAt: string;
}

/** A user record of the handbook's POST /api/v1/user/sync (user_id, phone, registered_at, …). */
export interface SyncedUser {
  readonly userId: string;
  readonly fields: Readonly<Record<string, string | number | boolean | null>>;
  readonly dataSource: string;
  readonly syncedAt: string;
}

/** A sheet of a workspace, by name. */
export interface SheetName {
  readonly workbook: string;
  readonly sheet: string;
}

export type GovernanceKind = 'permissions' | 'classification';

/** Each workspace's designated governance sheets (null: none designated yet). */
export type GovernanceSources = { readonly [K in GovernanceKind]: SheetName | null };

/** What a computed answer of a whole workspace depends on (see workspaceRevisions). */
export interface WorkspaceRevisions {
  /** Every sheet of the workspace, by workbook and sheet name. */
  readonly sheets: readonly SheetSummary[];
  /** The designated governance sheets, by kind, with when they were designated. */
  readonly governance: readonly { readonly kind: string; readonly workbook: string; readonly sheet: string; readonly updatedAt: string }[];
  readonly policy: { readonly revision: number; readonly updatedAt: string } | null;
  /** Changes to KPI definitions waiting for approval (docs/approval.md): the scorecard counts them beside its report. */
  readonly pendingApprovals: number;
}

/** One sheet of a workspace at its latest revision, with its live rows in key order. */
/** A sheet by its names within a workspace. */
export interface SheetName {
  readonly workbook: string;
  readonly sheet: string;
}

export interface WorkspaceSheet {
  readonly workbook: string;
  readonly sheet: string;
  readonly kind: SheetKind;
  readonly revision: number;
  readonly rows: readonly PulledRow[];
}

/** ApprovalStore (approval-types.ts): tiered approval's rules and pending changes. */
export interface Store extends ApprovalStore {
  /** Creates the tenant and workspace when missing; idempotent. */
  ensureWorkspace(tenantId: string, workspace: string): Promise<void>;
  listWorkspaces(tenantId: string): Promise<string[]>;
  listSheets(tenantId: string, workspace: string): Promise<SheetSummary[]>;

  /**
   * In ONE query: every sheet's revision, the governance designations, the policy revision and
   * the count of KPI changes waiting for approval of a workspace — what a computed answer (the
   * scorecard) is keyed by.
   */
  workspaceRevisions(tenantId: string, workspace: string): Promise<WorkspaceRevisions>;
  /**
   * In ONE query: every sheet of these kinds at its latest revision, with its live rows; with
   * `only`, just those of them (by workbook and sheet name; none when empty) — what a reader that
   * kept the others at their revisions needs again.
   */
  pullWorkspace(tenantId: string, workspace: string, kinds: readonly SheetKind[], only?: readonly SheetName[]): Promise<WorkspaceSheet[]>;

  push(request: PushRequest, observer?: PushObserver): Promise<PushResult>;
  pull(ref: SheetRef, since: number): Promise<PullResult | null>;
  /**
   * The sheet's live rows as they were at `revision` (the change log undone back to it); null
   * when the sheet does not exist or has not reached that revision. Backups are verified with it.
   */
  sheetAt(ref: SheetRef, revision: number): Promise<SheetAtRevision | null>;
  /**
   * A SHA-256 of a sheet's live rows exactly as stored (key and cells text, in key order), when
   * the sheet is at `revision` still; null when it is missing or has moved on. Two copies of a
   * store hold the same bytes, so equal digests mean the same rows without decoding one (a
   * backup's verification); a different one says nothing about meaning: compare sheetAt then.
   */
  storedRowsDigest(ref: SheetRef, revision: number): Promise<{ readonly digest: string; readonly rows: number } | null>;
  /** Every sheet of every tenant with its revision (what a backup holds), in a stable order. */
  listEverySheet(): Promise<Array<SheetRef & { readonly revision: number }>>;
  /** Every change of one cell, oldest first; null when the sheet does not exist. */
  cellHistory(ref: SheetRef, key: string, field: string): Promise<CellChange[] | null>;

  /** The workspace policy compiled from the last synced permission matrix, with its revision. */
  getPolicy(tenantId: string, workspace: string): Promise<{ policy: Policy; revision: number } | null>;
  setPolicy(tenantId: string, workspace: string, policy: Policy, revision: number): Promise<void>;

  /** Which sheet is the workspace's permission matrix and which its data classification. */
  getGovernanceSources(tenantId: string, workspace: string): Promise<GovernanceSources>;
  /**
   * Designates a governance sheet. With `policy` (a matrix), the policy compiled from it is
   * stored in the same transaction, so the designation and the policy never disagree.
   */
  setGovernanceSource(tenantId: string, workspace: string, kind: GovernanceKind, sheet: SheetName, policy?: { readonly policy: Policy; readonly revision: number }): Promise<void>;

  upsertUsers(tenantId: string, workspace: string, users: readonly SyncedUser[]): Promise<number>;
  listUsers(tenantId: string, workspace: string, limit: number, offset: number): Promise<SyncedUser[]>;

  /**
   * Claims one firing of a scheduled job: true for exactly one caller per (job, fireAt) across
   * every instance on the same database.
   */
  claimScheduledRun(job: string, fireAt: string, instance: string): Promise<boolean>;

  /** Scorecard subscriptions (server/subscriptions/): the workspace is created when missing. */
  addSubscription(subscription: NewSubscription): Promise<void>;
  /** A workspace's subscriptions; with both null, every subscription of every tenant (the scheduler). */
  listSubscriptions(tenantId: string | null, workspace: string | null): Promise<StoredSubscription[]>;
  /** False when the workspace has no such subscription. */
  removeSubscription(tenantId: string, workspace: string, id: string): Promise<boolean>;
  /**
   * Records a send before it is made, as its claim: the record's id, or null when a send of
   * this subscription for the same scheduled firing (fireAt) exists already, on any instance.
   */
  claimSubscriptionSend(claim: SendClaim): Promise<number | null>;
  finishSubscriptionSend(id: number, result: SendResult): Promise<void>;
  /** Newest first. */
  listSubscriptionSends(tenantId: string, workspace: string, subscriptionId: string | null, limit: number): Promise<SubscriptionSendRecord[]>;

  /** For /readyz: a round trip to the database. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface NewSubscription {
  readonly id: string;
  readonly tenantId: string;
  readonly workspace: string;
  readonly definition: CreateSubscription;
  readonly createdBy: string;
}

export interface StoredSubscription {
  readonly id: string;
  readonly tenantId: string;
  readonly workspace: string;
  readonly definition: CreateSubscription;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface SendClaim {
  readonly tenantId: string;
  readonly workspace: string;
  readonly subscriptionId: string;
  readonly trigger: 'scheduled' | 'manual';
  /** The scheduled firing (ISO UTC to the second); null for a manual send. */
  readonly fireAt: string | null;
  readonly instance: string;
  readonly recipient: string;
}

export type SendResult = Pick<SubscriptionSend, 'outcome' | 'detail' | 'revisions' | 'policyRevision' | 'attempts'>;

export type SubscriptionSendRecord = SubscriptionSend;
