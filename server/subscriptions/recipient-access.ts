import type { SubscriptionRecipient } from '../../shared/api/subscriptions';
import { fail, ok, type Result } from '../../shared/result';
import type { DirectoryClient, DirectoryUser } from '../graph/graph-directory';
import { createEnforcer, type Enforcer } from '../access/enforce';
import type { Principal } from '../access/identity';
import type { Store } from '../store/store-types';

/**
 * A subscription's recipient as the permission matrix sees them: the Principal their own
 * request would carry (e-mail, Entra object id, department, group names), decided by the very
 * enforcer the routes use (server/access/enforce.ts: the same matrix, the same 本部门 scope and
 * 脱敏 masking, the same bootstrap-administrator rule). Nothing here decides access itself.
 *
 * Where the facts come from:
 * - with Entra sign-in, from the directory (Graph, with the app's token): object id, sign-in
 *   name, department and groups as Entra holds them now, which is where a token's claims come
 *   from. A recipient the directory does not know, whose account is disabled, or whose recorded
 *   address is not theirs gets nothing. What the administrator recorded besides the address and
 *   the object id is not used.
 * - with development sign-in there is no directory: the department and groups the administrator
 *   recorded, as they would put them in a development token.
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

/** Why a recipient is not resolved: for the send record (our words and Graph's, never data). */
export type RecipientRefusal = { readonly outcome: 'recipient-unknown' | 'graph-failed'; readonly detail: string };

/** The recipient as the directory holds them (Entra). */
export async function directoryPrincipal(
  directory: DirectoryClient,
  tenantId: string,
  recipient: SubscriptionRecipient,
): Promise<Result<Principal, RecipientRefusal>> {
  const found = await directory.tryDirectoryUser(recipient.entraObjectId ?? recipient.email);
  if (!found.ok) return fail({ outcome: 'graph-failed', detail: `The directory could not be read: ${found.error.message}` });
  const user = found.value;
  if (user === null) {
    return fail({ outcome: 'recipient-unknown', detail: 'The directory has no such user; record their Entra object id if their address is not their sign-in name.' });
  }
  if (!user.accountEnabled) return fail({ outcome: 'recipient-unknown', detail: "The recipient's account is disabled." });
  if (!addressOf(user, recipient.email)) {
    return fail({ outcome: 'recipient-unknown', detail: "The recipient's address is neither the mail nor the sign-in name of that directory user." });
  }
  return ok({
    tenantId,
    userId: user.id,
    email: (user.userPrincipalName ?? user.mail ?? recipient.email).toLowerCase(),
    groups: user.groups,
    ...(user.department !== null ? { department: user.department } : {}),
    scopes: [],
    issuer: 'entra',
  });
}

/** The view is decided for one person: the mailbox it goes to must be theirs. */
function addressOf(user: DirectoryUser, address: string): boolean {
  const a = address.trim().toLowerCase();
  return [user.mail, user.userPrincipalName].some((x) => x !== null && x.toLowerCase() === a);
}

/** The enforcer for recipients: createEnforcer itself, with the recorded groups as the group lookup. */
export function recipientEnforcer(store: Pick<Store, 'getPolicy'>, bootstrapAdmins: readonly string[]): Enforcer {
  return createEnforcer({ store, bootstrapAdmins, groupsOf: async (principal) => ok(principal.groups) });
}
