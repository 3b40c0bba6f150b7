import type { WorkspaceFrom } from '../api/problem';
import type { Operation } from '../engine/policy/types';

/**
 * Why a request about a workspace was refused (403), and where its workspace came from, in
 * words. Parameters are our own constants and a validated workspace name, never request data.
 */
export type ForbiddenReason = 'no-policy' | 'no-role' | 'operation-not-granted' | 'other-department' | 'other-subject';

export type { WorkspaceFrom };

export interface ForbiddenParams {
  readonly workspace: string;
  readonly operation: Operation;
  /** Whether the caller's account carries a department (other-department). */
  readonly hasDepartment: boolean;
  /** The data refused when it is not the route's sheets: user records belong to no department. */
  readonly subject?: 'users';
}

export interface ForbiddenCatalog {
  readonly reasons: { readonly [R in ForbiddenReason]: (p: ForbiddenParams) => string };
  readonly where: { readonly [W in WorkspaceFrom]: (workspace: string) => string };
}

export const FORBIDDEN_REASONS: readonly ForbiddenReason[] = ['no-policy', 'no-role', 'operation-not-granted', 'other-department', 'other-subject'];

export function isForbiddenReason(value: unknown): value is ForbiddenReason {
  return typeof value === 'string' && (FORBIDDEN_REASONS as readonly string[]).includes(value);
}
