import { administers, type Policy } from '../../shared/engine/policy';
import { policyUser } from './enforce';
import type { Principal } from './identity';

/**
 * Whether this matrix would leave the caller, who is changing it, no longer an administrator
 * of the workspace (and so unable to change it again). Refused before anything is written: an
 * administrator cannot lock themselves out.
 */
export function locksOut(policy: Policy, principal: Principal, groups: readonly string[]): boolean {
  return !administers(policy, policyUser(principal, groups));
}
