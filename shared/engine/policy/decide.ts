import { matchKey } from '../../text/normalize';
import { subjectsOf } from './compile';
import type { AccessRequest, Decision, DecisionReason, Policy, PolicyGrant, PolicyUser } from './types';

function pushOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/** A user as decisions compare them: e-mail and group names lower-cased only, never folded further. */
interface Holder {
  readonly email: string;
  readonly groupNames: ReadonlySet<string>;
  readonly ids: ReadonlySet<string>;
}

function holderOf(user: PolicyUser): Holder {
  const names = new Set<string>();
  const ids = new Set<string>();
  for (const g of user.groups) {
    const name = g.trim().toLowerCase();
    if (name === '') continue;
    names.add(name);
    // Entra tokens carry group object ids; a member written as one matches it.
    ids.add(name);
  }
  for (const id of user.ids ?? []) ids.add(id.trim().toLowerCase());
  return { email: user.email.trim().toLowerCase(), groupNames: names, ids };
}

/**
 * Whether the user holds a grant's role: their e-mail address (exactly, case aside: a
 * full-width "ａｄｍｉｎ@…" is another address), one of their groups by name (exactly, case
 * aside), or their own or a group's Entra object id. Policies compiled before group names were
 * kept as written match no group at all (fail closed) until the matrix is synced again.
 */
function holds(grant: PolicyGrant, who: Holder): boolean {
  if (who.email !== '' && grant.emails.includes(who.email)) return true;
  if (grant.groupNames !== undefined && grant.groupNames.some((n) => who.groupNames.has(n))) return true;
  return grant.ids !== undefined && grant.ids.some((id) => who.ids.has(id));
}

/** The subjects a stored grant covers, read again from its text when it was compiled before subjects were enforced. */
function grantSubjects(grant: PolicyGrant): readonly string[] | undefined {
  return grant.scope.subjects ?? subjectsOf(grant.scope.subject);
}

/**
 * May this user do this to this data, and masked or not?
 *
 * - A user holds every role whose members name them (see `holds`).
 * - Allowed when some held role grants the operation with a scope that covers the data: global
 *   covers every department; own-department covers data whose department equals the user's
 *   (matchKey), so never data of no department and never when the user has no department.
 * - Subjects: a grant naming subjects covers data of those subjects only; a grant whose subject
 *   is outside the vocabulary covers nothing. At a route's door (no request.subject) a grant
 *   covers "some data" when it covers any subject.
 * - Most-permissive granting role wins: masked only when every granting role is masked (a user
 *   who is both 运营专员 and 数据分析师 sees their own department unmasked, others masked).
 * - Reasons, first that applies: no-role, operation-not-granted (no held role grants it),
 *   other-department (granted, but no granting scope covers the data's department),
 *   other-subject (the covering grants are about other data), granted.
 */
export function decide(policy: Policy, user: PolicyUser, request: AccessRequest): Decision {
  const who = holderOf(user);
  const userDept = user.department === undefined ? '' : matchKey(user.department);
  const dataDept = request.department === undefined ? '' : matchKey(request.department);

  const roles: string[] = [];
  const grantedBy: string[] = [];
  let anyOperation = false;
  let anyDepartment = false;
  let masked = true;
  for (const g of policy.grants) {
    if (!holds(g, who)) continue;
    pushOnce(roles, g.role);
    if (!g.operations.includes(request.operation)) continue;
    anyOperation = true;
    const covers = g.scope.kind === 'global' || (userDept !== '' && userDept === dataDept);
    if (!covers) continue;
    anyDepartment = true;
    const subjects = grantSubjects(g);
    if (subjects !== undefined && (subjects.length === 0 || (request.subject !== undefined && !subjects.includes(request.subject)))) continue;
    pushOnce(grantedBy, g.role);
    if (!g.scope.masked) masked = false;
  }
  const reason: DecisionReason =
    roles.length === 0
      ? 'no-role'
      : !anyOperation
        ? 'operation-not-granted'
        : !anyDepartment
          ? 'other-department'
          : grantedBy.length === 0
            ? 'other-subject'
            : 'granted';
  const allowed = reason === 'granted';
  return { allowed, roles, grantedBy, masked: allowed ? masked : true, reason };
}

/**
 * Whether the user administers the workspace: a role named as an administrator (系统管理员,
 * 管理员, admin…) that they hold, with modify on global data, unmasked, covering the access
 * subject (the matrix and the classification). Only administrators change governance sheets.
 */
export function administers(policy: Policy, user: PolicyUser): boolean {
  const who = holderOf(user);
  return policy.grants.some((g) => {
    if (!g.admin || g.scope.kind !== 'global' || g.scope.masked || !g.operations.includes('modify') || !holds(g, who)) return false;
    const subjects = grantSubjects(g);
    return subjects === undefined || subjects.includes('access');
  });
}
