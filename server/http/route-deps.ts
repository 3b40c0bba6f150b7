import type { Logger } from 'pino';
import type { ApprovalService } from '../approval/approval-service';
import type { ReadyDetails } from '../../shared/api/health';
import type { Enforcer } from '../access/enforce';
import type { AppConfig } from '../config';
import type { Clock } from '../deps';
import type { GraphClient } from '../graph/graph-client';
import type { ScorecardService } from '../scorecard/scorecard-service';
import type { SheetReader } from '../store/sheet-reader';
import type { Store } from '../store/store-types';
import type { SubscriptionService } from '../subscriptions/subscription-service';
import type { PushService } from '../sync/push-service';

/**
 * What a route handler may use: the store, the services built from it (server/services.ts),
 * and the few settings routes read. Narrower than AppDeps: no identity verifier, no rate
 * limiter (the app's middleware has those), so a route cannot go around them.
 */
export interface RouteDeps {
  readonly config: AppConfig;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly graph: GraphClient | null;
  readonly pseudonymKey: Uint8Array;
  /** Computed scorecards, once per change and view (server/scorecard/scorecard-service.ts). */
  readonly scorecards: ScorecardService;
  /** /readyz: what must answer for the service to be ready (the store; Redis when configured). */
  readonly readiness: Readonly<Record<string, () => Promise<void>>>;
  /** /readyz: facts shown beside the checks that do not make the service unready (the last backup). */
  readonly readinessDetails: () => ReadyDetails;
  /** The sync service: every push, row delete and stored upload goes through it. */
  readonly sync: PushService;
  /** Tiered approval: listing, approving and rejecting pending changes (docs/approval.md). */
  readonly approvals: ApprovalService;
  /** The app's one access enforcer, for a route that asks about several workspaces (GET /api/v1/me/workspaces). */
  readonly enforcer: Enforcer;
  /** Scorecard subscriptions: kept, sent (send now) and their sends listed. */
  readonly subscriptions: SubscriptionService;
  /** Pulls read off the request thread (SQLite); null: the store reads them here. */
  readonly sheetReader: SheetReader | null;
}
