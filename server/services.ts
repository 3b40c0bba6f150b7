import { hostname } from 'node:os';
import { createEnforcer, type Enforcer } from './access/enforce';
import { createApprovalService } from './approval/approval-service';
import { createGroupLookup } from './access/group-lookup';
import type { AppDeps } from './deps';
import type { RouteDeps } from './http/route-deps';
import { createScorecardService, type ScorecardService } from './scorecard/scorecard-service';
import { scorecardComputerOf } from './scorecard/scorecard-computer-of-work';
import { createPushService } from './sync/push-service';
import { createSubscriptionService, type SubscriptionService } from './subscriptions/subscription-service';

/**
 * The services of one app, built once from its dependencies: the access enforcer and the sync
 * service share one group lookup (one cache of Graph answers), every caller of a push — the
 * routes, uploads, the demo seed — reaches the same push service, and the scorecard routes and
 * the subscriptions (their routes and main.ts's minute timer) share one scorecard service, so a
 * scheduled send and a manager's download of the same view are one computation.
 */
export interface Services {
  readonly routeDeps: RouteDeps;
  readonly enforcer: Enforcer;
  readonly subscriptions: SubscriptionService;
}

export function buildServices(deps: AppDeps): Services {
  const groupsOf = createGroupLookup({ graph: deps.graph, clock: deps.clock, logger: deps.logger });
  const sync = createPushService({
    store: deps.store,
    maxRows: deps.config.sync.maxRows,
    groupsOf,
    ...(deps.issueAnalyser !== undefined ? { issueAnalyser: deps.issueAnalyser } : {}),
  });
  const scorecards = createScorecardService({
    store: deps.store,
    clock: deps.clock,
    pseudonymKey: deps.pseudonymKey,
    logger: deps.logger,
    maxBytes: deps.config.scorecardCache.maxBytes,
    warmSeconds: deps.config.scorecardCache.warmSeconds,
    // Computed on the heavy-work pool when the service has one (main.ts); on this thread otherwise.
    ...(deps.scorecardWork !== undefined ? { computer: scorecardComputerOf(deps.scorecardWork) } : {}),
  });
  const enforcer = createEnforcer({ store: deps.store, bootstrapAdmins: deps.config.bootstrapAdmins, groupsOf });
  const subscriptions = subscriptionServiceFor(deps, scorecards);
  return {
    routeDeps: {
      config: deps.config,
      store: deps.store,
      clock: deps.clock,
      logger: deps.logger,
      graph: deps.graph,
      pseudonymKey: deps.pseudonymKey,
      scorecards,
      readiness: { store: () => deps.store.ping(), ...(deps.rateLimiter.backend === 'redis' ? { redis: () => deps.rateLimiter.ping() } : {}) },
      readinessDetails: () => (deps.backupStatus ? { backup: deps.backupStatus() } : {}),
      sync,
      approvals: createApprovalService({ store: deps.store, clock: deps.clock }),
      enforcer,
      subscriptions,
      sheetReader: deps.sheetReader ?? null,
    },
    enforcer,
    subscriptions,
  };
}

function subscriptionServiceFor(deps: AppDeps, scorecards: ScorecardService): SubscriptionService {
  const sender = deps.config.mail?.sender;
  return createSubscriptionService({
    store: deps.store,
    scorecards,
    bootstrapAdmins: deps.config.bootstrapAdmins,
    issuer: deps.config.auth.mode === 'entra' ? 'entra' : 'development',
    mail: deps.mail && sender !== undefined ? { client: deps.mail, sender } : null,
    directory: deps.directory && deps.config.auth.mode === 'entra' ? { client: deps.directory, tenantId: deps.config.auth.tenantIds[0]! } : null,
    clock: deps.clock,
    log: deps.logger,
    instanceId: `${hostname()}:${process.pid}`,
  });
}
