import type { DataSubject } from '../subjects';

/**
 * The permission matrix as a policy: the operations, scopes and rows of the matrix, and the
 * plain-data policy the service stores once an administrator syncs it.
 */

export const OPERATIONS = ['view', 'export', 'analyze', 'modify', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

export type ScopeKind = 'own-department' | 'global';

export interface Scope {
  readonly kind: ScopeKind;
  /** "(脱敏)": core fields leave the service masked. */
  readonly masked: boolean;
  /** What the scope is about, as written ("活动数据" in "本部门活动数据"); absent for "all data". */
  readonly subject?: string;
}

/** One row of the permission matrix, parsed. */
export interface MatrixRow {
  readonly role: string;
  readonly scope: Scope;
  readonly operations: readonly Operation[];
  /** E-mail addresses, group names (Entra group display names) or Entra object ids. */
  readonly members: readonly string[];
}

export interface PolicyGrant {
  /** The role as written (trimmed). */
  readonly role: string;
  readonly admin: boolean;
  readonly scope: {
    readonly kind: ScopeKind;
    readonly masked: boolean;
    /** The subject as written; absent: all data. */
    readonly subject?: string;
    /** matchKey of the subject (policies compiled before subjects were enforced carry only this). */
    readonly subjectKey?: string;
    /**
     * The data subjects the grant covers (engine/subjects.ts); absent: every subject. Empty:
     * the subject is outside the vocabulary, and the grant covers nothing.
     */
    readonly subjects?: readonly DataSubject[];
  };
  /** Canonical order (OPERATIONS), no duplicates. */
  readonly operations: readonly Operation[];
  /** Lower-cased e-mail addresses. */
  readonly emails: readonly string[];
  /** matchKey of group names (kept for older readers; decisions use groupNames). */
  readonly groups: readonly string[];
  /** Group names as written, lower-cased: compared exactly, ignoring case only. */
  readonly groupNames?: readonly string[];
  /** Entra object ids (of users or groups), lower-cased. */
  readonly ids?: readonly string[];
}

/** Plain data: JSON.parse(JSON.stringify(policy)) decides the same. */
export interface Policy {
  readonly version: 1;
  /** One per matrix row, in matrix order. */
  readonly grants: readonly PolicyGrant[];
}

export interface PolicyUser {
  readonly email: string;
  /** Group names (Entra display names, development tokens' names) and Entra group ids. */
  readonly groups: readonly string[];
  /** Immutable ids of the user (Entra `oid`), matched against members written as object ids. */
  readonly ids?: readonly string[];
  readonly department?: string;
}

export interface AccessRequest {
  readonly operation: Operation;
  /** The department the data belongs to; absent for data of no department. */
  readonly department?: string;
  /**
   * What the data is. Given for data (every row belongs to one subject, by its sheet kind):
   * a grant naming subjects covers only those. Absent only at the door of a route, before the
   * data is known: "may the caller do this to some data here" (a grant whose subject is outside
   * the vocabulary covers nothing, even then).
   */
  readonly subject?: DataSubject;
}

export type DecisionReason = 'no-role' | 'operation-not-granted' | 'other-department' | 'other-subject' | 'granted';

export interface Decision {
  readonly allowed: boolean;
  /** Every role the user holds, matrix order, no duplicates. */
  readonly roles: string[];
  /** The roles that grant this request (empty when denied). */
  readonly grantedBy: string[];
  /** Core fields must be masked. Always true when the request is denied (fail closed). */
  readonly masked: boolean;
  readonly reason: DecisionReason;
}
