import type { Generated } from 'kysely';

/**
 * The tables as kysely sees them. The same shape on SQLite and PostgreSQL: ids are 32-bit
 * integers (so pg hands back numbers, not bigint strings), instants are ISO 8601 UTC text,
 * cell values and other documents are JSON text (exact round trip of 0.1, no jsonb
 * re-normalisation), and flags are 0/1 integers (better-sqlite3 binds no booleans).
 */
export interface Database {
  tenants: TenantsTable;
  workspaces: WorkspacesTable;
  workbooks: WorkbooksTable;
  sheets: SheetsTable;
  sheet_rows: SheetRowsTable;
  row_changes: RowChangesTable;
  sheet_revisions: SheetRevisionsTable;
  idempotency_keys: IdempotencyKeysTable;
  policies: PoliciesTable;
  governance_sources: GovernanceSourcesTable;
  synced_users: SyncedUsersTable;
  scheduled_runs: ScheduledRunsTable;
  subscriptions: SubscriptionsTable;
  subscription_sends: SubscriptionSendsTable;
  approval_rules: ApprovalRulesTable;
  pending_changes: PendingChangesTable;
}

export interface TenantsTable {
  id: string;
  created_at: string;
}

export interface WorkspacesTable {
  id: Generated<number>;
  tenant_id: string;
  name: string;
  created_at: string;
}

export interface WorkbooksTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  created_at: string;
}

export interface SheetsTable {
  id: Generated<number>;
  workbook_id: number;
  name: string;
  kind: string;
  /** Raised by one for every push that changed something; 0 only inside the creating push. */
  revision: number;
  created_at: string;
  updated_at: string;
}

/** The current state of every row ever pushed; a deleted row stays as a tombstone for pull. */
export interface SheetRowsTable {
  sheet_id: number;
  row_key: string;
  /** JSON object field → CellValue; '{}' for a tombstone. */
  cells: string;
  /** The revision that last changed this row (created, updated or deleted it). */
  revision: number;
  deleted: 0 | 1;
}

export type RowChangeOp = 'create' | 'update' | 'delete';

/**
 * The change log, one entry per (row, revision). The payload depends on op:
 * - create: the new row's cells (old values are all null);
 * - update: { field: [old, new] } for the changed fields only;
 * - delete: the cells the row had (new values are all null).
 * One entry per row rather than per cell keeps a 100k-row push at 100k log writes instead of
 * 400k while still holding who/when/old/new of every cell (see cell-history.ts).
 *
 * A sheet's first revision (1, the push that created it) logs nothing: its creates are implied
 * by the rows themselves. A row whose oldest entry is not a create (or that has none) was
 * created at revision 1 with the cells it had before its oldest entry, which undoing every
 * entry from the row as it is now gives back (change-log.ts, impliedCreate). So the bulk load
 * of a new sheet writes its rows once, not twice; nothing that reads the log loses a step.
 * Sheets created before this rule have their revision-1 creates logged, which reads the same.
 */
export interface RowChangesTable {
  sheet_id: number;
  row_key: string;
  revision: number;
  op: RowChangeOp;
  payload: string;
}

/** Who made a revision and when; the log entries of that revision share it. */
export interface SheetRevisionsTable {
  sheet_id: number;
  revision: number;
  user_id: string;
  email: string;
  at: string;
  idempotency_key: string;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  request_hash: string;
  /** Only ever seen as 'completed' by other sessions: the row is written inside the push. */
  status: 'in-progress' | 'completed';
  http_status: number | null;
  /** The answer as JSON text. */
  response: string | null;
  created_at: string;
}

export interface PoliciesTable {
  workspace_id: number;
  policy: string;
  revision: number;
  updated_at: string;
}

export interface GovernanceSourcesTable {
  workspace_id: number;
  /** 'permissions' | 'classification' */
  kind: string;
  workbook: string;
  sheet: string;
  updated_at: string;
}

export interface SyncedUsersTable {
  workspace_id: number;
  user_id: string;
  fields: string;
  data_source: string;
  synced_at: string;
}

export interface ScheduledRunsTable {
  job: string;
  fire_at: string;
  instance: string;
  claimed_at: string;
}

export interface SubscriptionsTable {
  /** A UUID, made by the service. */
  id: string;
  workspace_id: number;
  /** JSON: shared/api/subscriptions.ts CreateSubscription. */
  definition: string;
  created_at: string;
  created_by: string;
}

/** One send of a subscription: the claim, then its outcome (see migration 0005). */
export interface SubscriptionSendsTable {
  id: Generated<number>;
  subscription_id: string;
  workspace_id: number;
  /** 'scheduled' | 'manual' */
  trigger: string;
  /** The firing a scheduled send belongs to; null for a manual send. */
  fire_at: string | null;
  instance: string;
  recipient: string;
  started_at: string;
  finished_at: string | null;
  /** shared/api/subscriptions.ts SendOutcome; 'claimed' until the send finishes. */
  outcome: string;
  detail: string | null;
  /** JSON array of {workbook, sheet, revision}. */
  revisions: string;
  policy_revision: number | null;
  attempts: number;
}

/** A workspace's approval rules (shared/api/approvals.ts ApprovalRules) as JSON text. */
export interface ApprovalRulesTable {
  workspace_id: number;
  rules: string;
  updated_by: string;
  updated_at: string;
}

/** A change held for approval (store/approval-types.ts); documents as JSON text. */
export interface PendingChangesTable {
  id: Generated<number>;
  workspace_id: number;
  workbook: string;
  sheet: string;
  kind: string;
  change: string;
  row_key: string;
  field: string | null;
  proposed: string;
  original: string;
  base_revision: number;
  level: string;
  proposer_id: string;
  proposer_email: string;
  proposed_at: string;
  idempotency_key: string;
  status: string;
  approvals: string;
  decision: string | null;
  applied_revision: number | null;
  version: number;
}
