import { decide, type Policy, type PolicyUser } from '../../shared/engine/policy';
import type { Principal } from './identity';

/**
 * Whether this matrix would leave the caller, who is changing it, unable to change it again: a
 * matrix is data of no department, so only a global modify grant covers it. Refused before
 * anything is written: an administrator cannot lock themselves out.
 */
export function locksOut(policy: Policy, principal: Principal, groups: readonly string[]): boolean {
  const user: PolicyUser = {
    email: principal.email,
    groups,
    ...(principal.department !== undefined ? { department: principal.department } : {}),
  };
  return !decide(policy, user, { operation: 'modify' }).allowed;
}
