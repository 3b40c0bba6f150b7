import { createEnforcer, type Enforcer } from './access/enforce';
import { createGroupLookup } from './access/group-lookup';
import type { AppDeps } from './deps';
import type { RouteDeps } from './http/route-deps';
import { inlineScorecardWork } from './scorecard/scorecard-work';
import { createPushService } from './sync/push-service';

/**
 * The services of one app, built once from its dependencies: the access enforcer and the sync
 * service share one group lookup (one cache of Graph answers), and every caller of a push — the
 * routes, uploads, the demo seed — reaches the same push service.
 */
export interface Services {
  readonly routeDeps: RouteDeps;
  readonly enforcer: Enforcer;
}

export function buildServices(deps: AppDeps): Services {
  const groupsOf = createGroupLookup({ graph: deps.graph, clock: deps.clock, logger: deps.logger });
  const sync = createPushService({
    store: deps.store,
    maxRows: deps.config.sync.maxRows,
    groupsOf,
    ...(deps.issueAnalyser !== undefined ? { issueAnalyser: deps.issueAnalyser } : {}),
  });
  const enforcer = createEnforcer({ store: deps.store, bootstrapAdmins: deps.config.bootstrapAdmins, groupsOf });
  return {
    routeDeps: {
      config: deps.config,
      store: deps.store,
      clock: deps.clock,
      logger: deps.logger,
      graph: deps.graph,
      pseudonymKey: deps.pseudonymKey,
      readiness: { store: () => deps.store.ping(), ...(deps.rateLimiter.backend === 'redis' ? { redis: () => deps.rateLimiter.ping() } : {}) },
      sync,
      enforcer,
      scorecardWork: deps.scorecardWork ?? inlineScorecardWork,
      sheetReader: deps.sheetReader ?? null,
    },
    enforcer,
  };
}
