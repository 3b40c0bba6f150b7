import type { Policy } from '../../shared/engine/policy';
import { fail, ok, type Result } from '../../shared/result';
import type { Clock } from '../deps';
import type { GraphClient } from '../graph/graph-client';
import type { Principal } from './identity';

/**
 * The groups a policy decision needs for a caller: a development token carries group names;
 * an Entra token carries group object ids, and the names come from Microsoft Graph (on behalf of
 * the caller), asked only when the policy names groups at all, and remembered five minutes per
 * user. The one lookup every decision uses: the router's authorization and the checks of a push
 * (a matrix that would lock its pusher out) see the same groups.
 *
 * Fails closed: without the groups a decision could be wrong either way, so a Graph failure is
 * 'groups-unavailable' (answered 503), never "no groups".
 */
export type GroupLookup = (principal: Principal, assertion: string, policy: Policy) => Promise<Result<readonly string[], 'groups-unavailable'>>;

export interface GroupLookupDeps {
  readonly graph: GraphClient | null;
  readonly clock: Clock;
  readonly logger: { warn(fields: Record<string, unknown>, message: string): void };
}

const GROUP_TTL_MS = 5 * 60_000;
const GROUP_CACHE_MAX = 10_000;

export function createGroupLookup(deps: GroupLookupDeps): GroupLookup {
  const cache = new Map<string, { names: readonly string[]; expires: number }>();
  return async (principal, assertion, policy) => {
    if (principal.issuer !== 'entra' || deps.graph === null || !policy.grants.some((g) => g.groups.length > 0)) return ok(principal.groups);
    const key = `${principal.tenantId}:${principal.userId}`;
    const now = deps.clock.now().getTime();
    const cached = cache.get(key);
    if (cached && cached.expires > now) return ok([...principal.groups, ...cached.names]);
    try {
      const names = await deps.graph.userGroups(assertion);
      if (cache.size >= GROUP_CACHE_MAX) cache.clear();
      cache.set(key, { names, expires: now + GROUP_TTL_MS });
      return ok([...principal.groups, ...names]);
    } catch (e) {
      deps.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'Graph: group memberships unavailable');
      return fail('groups-unavailable');
    }
  };
}
