import express from 'express';
import type { AppDeps } from './deps';
import { authenticate } from './http/authenticate';
import { compressResponses } from './http/compress';
import { requestLogger } from './http/logger';
import { notFound, problemHandler } from './http/problem';
import { taskpaneStatic } from './routes/taskpane-static';
import { rateLimit } from './http/rate-limit';
import { requestId } from './http/request-id';
import { buildRouter, type RouteDefinition } from './http/route';
import { securityHeaders } from './http/security';
import { routes as registeredRoutes } from './routes';
import { openApiRoutes } from './routes/openapi';
import { userSyncWorkspace } from './routes/users';
import { buildServices, type Services } from './services';

export type { AppDeps } from './deps';

export interface AppOptions {
  /** Routes beyond server/routes/index.ts (tests). */
  readonly extraRoutes?: readonly RouteDefinition[];
  /**
   * The services built from `deps` (buildServices), when the caller needs them beside the app:
   * main.ts's subscription timer shares the routes' scorecard cache. Built here when absent.
   */
  readonly services?: Services;
}

/** Every route the app serves: the registered ones, the extra ones, and the docs of them all. */
export function allRoutes(extra: readonly RouteDefinition[] = []): RouteDefinition[] {
  const own = [...registeredRoutes, ...extra];
  const all: RouteDefinition[] = [];
  all.push(...own, ...openApiRoutes(() => all));
  return all;
}

/**
 * The Express app, without listening (main.ts does that). Order matters:
 * request id (so every answer, errors included, carries one) → security headers → request log
 * → token verification (never answers) → rate limit (per user, or per IP) → the routes (each
 * authenticates, authorizes, parses its own body) → 404 → the one problem handler.
 */
export function createApp(deps: AppDeps, options: AppOptions = {}): express.Express {
  const routes = allRoutes(options.extraRoutes);
  const services = options.services ?? buildServices(deps);
  const unlimited = new Set(routes.filter((r) => r.rateLimit === false).map((r) => r.path));

  const app = express();
  app.disable('x-powered-by');
  // Client IPs (rate limits of anonymous callers) are read through this many proxies only.
  app.set('trust proxy', deps.config.trustProxy === 0 ? false : deps.config.trustProxy);
  // Flat query values (strings, arrays of strings): no nested objects built from `a[b][c]=`.
  app.set('query parser', 'simple');

  app.use(requestId());
  app.use(
    securityHeaders({
      production: deps.config.production,
      authority: deps.config.auth.mode === 'entra' ? deps.config.auth.authority : 'https://login.microsoftonline.com',
      extraFrameAncestors: deps.config.extraFrameAncestors,
    }),
  );
  app.use(requestLogger(deps.logger));
  app.use(compressResponses());
  // The task pane's files are public and static: served before authentication and rate limits.
  app.use(taskpaneStatic({ sourceMaps: !deps.config.production }));
  app.use(authenticate(deps.identity));
  app.use(rateLimit(deps.rateLimiter, (req) => unlimited.has(req.path)));
  // The handbook's POST /api/v1/user/sync may name its workspace in a header: moved into the query.
  app.use(userSyncWorkspace(deps.config.userSyncWorkspace ?? undefined));
  app.use(buildRouter(routes, services.routeDeps, services.enforcer));
  app.use(notFound());
  app.use(problemHandler(deps.logger));
  return app;
}
