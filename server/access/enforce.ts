import { administers, decide, type AccessRequest, type Decision, type DecisionReason, type Operation, type PolicyUser } from '../../shared/engine/policy';
import type { DataSubject } from '../../shared/engine/subjects';
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
 * the department and subject of each row (`check`, through the caller's view), masking
 * (`check(...).masked` per row), other operations on rows (`may`: delete), administration.
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
  /** The decision for data of a given department and subject, for the route's operation: allowed? masked? */
  check(data: Omit<AccessRequest, 'operation'>): Decision;
  /** The same decision for another operation (a push that removes rows needs delete on each). */
  may(operation: Operation, data: Omit<AccessRequest, 'operation'>): Decision;
  /** Whether the grant reaches data of this subject at all (in some department). */
  reaches(subject: DataSubject): boolean;
  /**
   * An administrator of the workspace: an unmasked global administrator role with modify
   * (shared/engine/policy `administers`), or a bootstrap administrator before any policy.
   * Only administrators change the permission matrix and the data classification.
   */
  readonly administers: boolean;
}

/**
 * An Access that grants everything, unmasked: a bootstrap administrator before the workspace
 * has a policy, and the service acting on its own (the demo seed).
 */
export function unrestrictedAccess(workspace: string, operation: Operation, role = 'bootstrap-admin'): Access {
  const decision: Decision = { allowed: true, roles: [role], grantedBy: [role], masked: false, reason: 'granted' };
  return {
    workspace,
    operation,
    via: 'bootstrap-admin',
    policyRevision: null,
    scope: { kind: 'global' },
    masked: false,
    roles: decision.roles,
    decision,
    check: () => decision,
    may: () => decision,
    reaches: () => true,
    administers: true,
  };
}

/**
 * An Access for an audience rather than a person: every department, every subject, masked or
 * not (the scheduled scorecard is built for a configured audience, masked by default). It may
 * only read: it grants view, export and analyze.
 */
export function audienceAccess(workspace: string, masked: boolean): Access {
  const grant: Decision = { allowed: true, roles: ['audience'], grantedBy: ['audience'], masked, reason: 'granted' };
  const deny: Decision = { allowed: false, roles: ['audience'], grantedBy: [], masked: true, reason: 'operation-not-granted' };
  const reads = (op: Operation): boolean => op === 'view' || op === 'export' || op === 'analyze';
  return {
    workspace,
    operation: 'export',
    via: 'policy',
    policyRevision: null,
    scope: { kind: 'global' },
    masked,
    roles: grant.roles,
    decision: grant,
    check: () => grant,
    may: (op) => (reads(op) ? grant : deny),
    reaches: () => true,
    administers: false,
  };
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
        if (principal.email !== '' && admins.has(principal.email.trim().toLowerCase())) return ok(unrestrictedAccess(workspace, operation));
        return fail(
          apiError(
            'forbidden',
            `No permission matrix has been synced for workspace "${workspace}" yet: ask its administrator to sync one, or name another workspace (in the path /api/v1/workspaces/<name>/…, or ?workspace=<name> on the user sync).`,
            { operation, reason: 'no-policy', workspace },
          ),
        );
      }
      const { policy, revision } = stored;
      const groups = await deps.groupsOf(principal, assertion, policy);
      if (!groups.ok) return fail(groupsUnavailable());
      const user = policyUser(principal, groups.value);
      const may = (op: Operation, data: Omit<AccessRequest, 'operation'>): Decision => decide(policy, user, { ...data, operation: op });
      const check = (data: Omit<AccessRequest, 'operation'>): Decision => may(operation, data);
      const ownDepartment = principal.department !== undefined && principal.department.trim() !== '' ? principal.department : undefined;
      const reaches = (subject: DataSubject): boolean =>
        check({ subject }).allowed || (ownDepartment !== undefined && check({ department: ownDepartment, subject }).allowed);
      // Global first: a user granted everywhere is not narrowed to their own department.
      const global = check({});
      const own = ownDepartment !== undefined ? check({ department: ownDepartment }) : null;
      const base = { workspace, operation, via: 'policy' as const, policyRevision: revision, check, may, reaches, administers: administers(policy, user) };
      if (global.allowed) return ok({ ...base, scope: { kind: 'global' }, masked: global.masked, roles: global.roles, decision: global });
      if (own !== null && own.allowed && principal.department !== undefined) {
        return ok({ ...base, scope: { kind: 'own-department', department: principal.department }, masked: own.masked, roles: own.roles, decision: own });
      }
      const reason = own?.reason ?? global.reason;
      return fail(apiError('forbidden', denialDetail(reason, operation, own !== null), { operation, reason }));
    },
  };
}

/** The caller as the policy sees them: e-mail, groups (names and ids), Entra object id, department. */
export function policyUser(principal: Principal, groups: readonly string[]): PolicyUser {
  return {
    email: principal.email,
    groups,
    ...(principal.issuer === 'entra' ? { ids: [principal.userId] } : {}),
    ...(principal.department !== undefined ? { department: principal.department } : {}),
  };
}

export function groupsUnavailable(): ApiError {
  return apiError('upstream-unavailable', 'Your group memberships could not be read from Microsoft Graph; try again shortly.');
}

/**
 * For a route about data of one subject (a sheet of a kind, the synced users): a grant about
 * other data does not reach it (403 other-subject), whatever the route's door let through.
 */
export function requireSubject(access: Access, subject: DataSubject): void {
  if (access.reaches(subject)) return;
  throw apiError('forbidden', `Your roles grant "${access.operation}" on other data than this (see the data subject of your role in the permission matrix).`, {
    operation: access.operation,
    reason: 'other-subject',
  });
}
