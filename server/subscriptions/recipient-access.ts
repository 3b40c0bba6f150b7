import type { SubscriptionRecipient } from '../../shared/api/subscriptions';
import { ok } from '../../shared/result';
import { createEnforcer, type Enforcer } from '../access/enforce';
import type { Principal } from '../access/identity';
import type { Store } from '../store/store-types';

/**
 * A subscription's recipient as the permission matrix sees them: the Principal their own
 * request would carry (e-mail, Entra object id, department, group names), decided by the very
 * enforcer the routes use (server/access/enforce.ts: the same matrix, the same 本部门 scope and
 * 脱敏 masking, the same bootstrap-administrator rule). Nothing here decides access itself.
 *
 * The one difference from a request is where the groups come from: a request's groups are read
 * from Graph on behalf of the signed-in user, with their token; a scheduled mail has no token,
 * so the groups are those the administrator recorded with the subscription.
 */
export function recipientPrincipal(tenantId: string, recipient: SubscriptionRecipient, issuer: Principal['issuer']): Principal {
  return {
    tenantId,
    userId: recipient.entraObjectId ?? recipient.email.toLowerCase(),
    email: recipient.email,
    groups: recipient.groups ?? [],
    ...(recipient.department !== undefined ? { department: recipient.department } : {}),
    scopes: [],
    issuer,
  };
}

/** The enforcer for recipients: createEnforcer itself, with the recorded groups as the group lookup. */
export function recipientEnforcer(store: Pick<Store, 'getPolicy'>, bootstrapAdmins: readonly string[]): Enforcer {
  return createEnforcer({ store, bootstrapAdmins, groupsOf: async (principal) => ok(principal.groups) });
}
