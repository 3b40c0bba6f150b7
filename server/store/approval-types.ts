import type { ApprovalChange, ApprovalLevel, ApprovalRules, ApprovalStatus } from '../../shared/api/approvals';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { CellValue } from '../../shared/table/grid';

/**
 * The store's part of tiered approval (docs/approval.md): each workspace's rules, and the changes
 * held for approval with the decisions on them. Plain data, like the rest of store-types.ts.
 */

export interface Person {
  readonly userId: string;
  readonly email: string;
}

export interface ApprovalRecord extends Person {
  /** The listed role this approval counts for. */
  readonly role: string;
  readonly at: string;
  readonly comment: string | null;
}

export interface DecisionRecord extends Person {
  readonly at: string;
  readonly comment: string | null;
}

/** A change as the push service holds it, before it has an id. */
export interface NewPendingChange {
  readonly workbook: string;
  readonly sheet: string;
  readonly kind: SheetKind;
  readonly change: ApprovalChange;
  readonly key: string;
  /** null: the whole row (added or removed). */
  readonly field: string | null;
  readonly proposed: Readonly<Record<string, CellValue>>;
  readonly original: Readonly<Record<string, CellValue>>;
  /** The sheet's revision the proposal was judged against (0: the sheet did not exist). */
  readonly baseRevision: number;
  readonly level: ApprovalLevel;
  readonly proposer: Person;
  /** The push's Idempotency-Key, so that a replayed push answers the same held cells. */
  readonly idempotencyKey: string;
}

export interface PendingChange extends NewPendingChange {
  readonly id: number;
  readonly status: ApprovalStatus;
  readonly proposedAt: string;
  readonly approvals: readonly ApprovalRecord[];
  readonly decision: DecisionRecord | null;
  readonly appliedRevision: number | null;
  /** Raised by every update: a decision is written only over the version it was made on. */
  readonly version: number;
}

export interface PendingFilter {
  readonly status?: ApprovalStatus;
  readonly workbook?: string;
  readonly sheet?: string;
  readonly key?: string;
  readonly kinds?: readonly SheetKind[];
  /** With proposerId: the changes one push held (a replay answers them again). */
  readonly idempotencyKey?: string;
  readonly proposerId?: string;
}

export interface PendingUpdate {
  readonly status: ApprovalStatus;
  readonly approvals: readonly ApprovalRecord[];
  readonly decision: DecisionRecord | null;
  readonly appliedRevision: number | null;
}

export interface ApprovalStore {
  /** The workspace's rules; null when it never set any (the default applies). */
  getApprovalRules(tenantId: string, workspace: string): Promise<ApprovalRules | null>;
  setApprovalRules(tenantId: string, workspace: string, rules: ApprovalRules, by: Person): Promise<void>;
  /** Stores the changes one push held, in one transaction; answers them with their ids, in order. */
  addPendingChanges(tenantId: string, workspace: string, changes: readonly NewPendingChange[]): Promise<PendingChange[]>;
  /** Newest first; at most `limit`. */
  listPendingChanges(tenantId: string, workspace: string, filter: PendingFilter, limit: number): Promise<PendingChange[]>;
  getPendingChange(tenantId: string, workspace: string, id: number): Promise<PendingChange | null>;
  /** Writes `update` when the change is still at `version`; false when someone else decided first. */
  updatePendingChange(tenantId: string, workspace: string, id: number, version: number, update: PendingUpdate): Promise<boolean>;
  countPendingChanges(tenantId: string, workspace: string, filter: PendingFilter): Promise<number>;
}
