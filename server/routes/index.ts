import type { RouteDefinition } from '../http/route';
import { approvalRoutes } from './approvals';
import { clientConfigRoutes } from './client-config';
import { devTokenRoutes } from './dev-token';
import { healthRoutes } from './health';
import { historyRoutes } from './history';
import { myWorkspaceRoutes } from './my-workspaces';
import { policyRoutes } from './policy';
import { scorecardRoutes } from './scorecard';
import { sheetRoutes } from './sheets';
import { subscriptionRoutes } from './subscriptions';
import { uploadRoutes } from './uploads';
import { userRoutes } from './users';
import { workspaceRoutes } from './workspaces';

/**
 * Every route of the service, declared with defineRoute (server/http/route.ts), each with its
 * operation. Add a feature's routes here (sheets, scorecard, uploads, users…); the OpenAPI
 * document and /api/docs are generated from this list, and test/server/http checks every
 * entry. /api/openapi.json and /api/docs are added by app.ts (they describe this list).
 */
export const routes: readonly RouteDefinition[] = [
  ...healthRoutes,
  ...clientConfigRoutes,
  ...devTokenRoutes,
  ...myWorkspaceRoutes,
  ...workspaceRoutes,
  ...sheetRoutes,
  ...historyRoutes,
  ...scorecardRoutes,
  ...uploadRoutes,
  ...userRoutes,
  ...policyRoutes,
  ...subscriptionRoutes,
  ...approvalRoutes,
];
