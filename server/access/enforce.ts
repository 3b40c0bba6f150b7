import { decide, type AccessRequest, type Decision, type DecisionReason, type Operation, type PolicyUser } from '../../shared/engine/policy';
import { fail, ok, type Result } from '../../shared/result';
import { apiError, type ApiError } from '../http/api-error';
import type { Store } from '../store/store-types';
import type { GroupLookup } from './group-lookup';
import type { Principal } from './identity';

/**
 * The access decision of a request: the workspace's policy (compiled from the permission matrix
 * an admin synced) applied to the caller for the operation the route declared. The router
 * (server/http/route.ts) calls `authorize` for every route that declares an operation, before
 * its handler runs; the handler gets the resulting Access and uses it for what only it can see:
 * the department of each row (`check`) and masking (`masked`, or `check(...).masked` per row).
 */

export interface Access {
  readonly workspace: string;
  readonly operation: Operation;
  /** bootstrap-admin: the workspace has no policy yet and the caller is in BOOTSTRAP_ADMINS. */
  readonly via: 'policy' | 'bootstrap-admin';
  readonly policyRevision: number | null;
  /**
   * How far the grant reaches: every department, or only the caller's own. A handler that
   * returns or changes rows of several departments must `check` each row's department.
   */
  readonly scope: { readonly kind: 'global' } | { readonly kind: 'own-department'; readonly department: string };
  /** Core fields leave masked for data in `scope` (per-row: `check(...).masked`). */
  readonly masked: boolean;
  /** Roles the caller holds in this workspace. */
  readonly roles: readonly string[];
  readonly decision: Decision;
  /** The decision for data of a given department (and subject): allowed? masked? */
  check(data: Omit<AccessRequest, 'operation'>): Decision;
}

export interface EnforcerDeps {
  readonly store: Pick<Store, 'getPolicy'>;
  /** Lower-case e-mail addresses. */
  readonly bootstrapAdmins: readonly string[];
  /** The one group lookup of the service (access/group-lookup.ts). */
  readonly groupsOf: GroupLookup;
}

export interface Enforcer {
  authorize(principal: Principal, assertion: string, operation: Operation, workspace: string): Promise<Result<Access, ApiError>>;
}

const BOOTSTRAP_DECISION: Decision = { allowed: true, roles: ['bootstrap-admin'], grantedBy: ['bootstrap-admin'], masked: false, reason: 'granted' };

function denialDetail(reason: DecisionReason, operation: Operation, hasDepartment: boolean): string {
  switch (reason) {
    case 'no-role':
      return "You hold no role in this workspace's permission matrix.";
    case 'operation-not-granted':
      return `Your roles in this workspace do not grant "${operation}".`;
    case 'other-department':
      return `Your roles grant "${operation}" only for your own department${hasDepartment ? '' : ', and your account has no department'}.`;
    case 'other-subject':
      return `Your roles do not grant "${operation}" on this data.`;
    case 'granted':
      return 'Granted.';
  }
}

export function createEnforcer(deps: EnforcerDeps): Enforcer {
  const admins = new Set(deps.bootstrapAdmins);

  return {
    async authorize(principal, assertion, operation, workspace) {
      const stored = await deps.store.getPolicy(principal.tenantId, workspace);
      if (stored === null) {
        if (principal.email !== '' && admins.has(principal.email.toLowerCase())) {
          return ok({
            workspace,
            operation,
            via: 'bootstrap-admin',
            policyRevision: null,
            scope: { kind: 'global' },
            masked: false,
            roles: BOOTSTRAP_DECISION.roles,
            decision: BOOTSTRAP_DECISION,
            check: () => BOOTSTRAP_DECISION,
          });
        }
        return fail(
          apiError('forbidden', 'No permission matrix has been synced for this workspace yet; ask an administrator.', { operation, reason: 'no-policy' }),
        );
      }
      const { policy, revision } = stored;
      const groups = await deps.groupsOf(principal, assertion, policy);
      if (!groups.ok) return fail(groupsUnavailable());
      const user: PolicyUser = {
        email: principal.email,
        groups: groups.value,
        ...(principal.department !== undefined ? { department: principal.department } : {}),
      };
      const check = (data: Omit<AccessRequest, 'operation'>): Decision => decide(policy, user, { ...data, operation });
      // Global first: a user granted everywhere is not narrowed to their own department.
      const global = check({});
      const own = principal.department !== undefined && principal.department.trim() !== '' ? check({ department: principal.department }) : null;
      const base = { workspace, operation, via: 'policy' as const, policyRevision: revision, check };
      if (global.allowed) return ok({ ...base, scope: { kind: 'global' }, masked: global.masked, roles: global.roles, decision: global });
      if (own !== null && own.allowed && principal.department !== undefined) {
        return ok({ ...base, scope: { kind: 'own-department', department: principal.department }, masked: own.masked, roles: own.roles, decision: own });
      }
      const reason = own?.reason ?? global.reason;
      return fail(apiError('forbidden', denialDetail(reason, operation, own !== null), { operation, reason }));
    },
  };
}

export function groupsUnavailable(): ApiError {
  return apiError('upstream-unavailable', 'Your group memberships could not be read from Microsoft Graph; try again shortly.');
}
