import express from 'express';
import type { Logger } from 'pino';
import type { IdentityVerifier } from './access/identity';
import type { IssueAnalyser } from './analysis/issue-analyser';
import type { AppConfig } from './config';
import type { GraphClient } from './graph/graph-client';
import { authenticate } from './http/authenticate';
import { compressResponses } from './http/compress';
import { requestLogger } from './http/logger';
import { notFound, problemHandler } from './http/problem';
import { taskpaneStatic } from './routes/taskpane-static';
import { rateLimit, type RateLimiter } from './http/rate-limit';
import { requestId } from './http/request-id';
import { buildRouter, type RouteDefinition } from './http/route';
import { securityHeaders } from './http/security';
import { routes as registeredRoutes } from './routes';
import { openApiRoutes } from './routes/openapi';
import { userSyncWorkspace } from './routes/users';
import type { Store } from './store/store-types';

export interface Clock {
  now(): Date;
}

/** Everything the app needs, handed in: tests build it with fakes, main.ts with the real things. */
export interface AppDeps {
  readonly config: AppConfig;
  readonly store: Store;
  readonly clock: Clock;
  readonly identity: IdentityVerifier;
  /** null when Graph is not configured (no ENTRA_CLIENT_ID / ENTRA_CLIENT_SECRET). */
  readonly graph: GraphClient | null;
  readonly logger: Logger;
  readonly rateLimiter: RateLimiter;
  /** The HMAC key for pseudonyms of masked identifiers. */
  readonly pseudonymKey: Uint8Array;
  /**
   * Where a push's issues are analysed: main.ts hands them to a worker thread that runs while
   * the store writes; absent, on the request's own thread after the write (tests).
   */
  readonly issueAnalyser?: IssueAnalyser;
  /** Routes beyond server/routes/index.ts (tests). */
  readonly routes?: readonly RouteDefinition[];
}

/** Every route the app serves: the registered ones, the extra ones, and the docs of them all. */
export function allRoutes(deps: Pick<AppDeps, 'routes'>): RouteDefinition[] {
  const own = [...registeredRoutes, ...(deps.routes ?? [])];
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
export function createApp(deps: AppDeps): express.Express {
  const routes = allRoutes(deps);
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
  app.use(taskpaneStatic());
  app.use(authenticate(deps.identity));
  app.use(rateLimit(deps.rateLimiter, (req) => unlimited.has(req.path)));
  // The handbook's POST /api/v1/user/sync may name its workspace in a header: moved into the query.
  app.use(userSyncWorkspace());
  app.use(buildRouter(routes, deps));
  app.use(notFound());
  app.use(problemHandler(deps.logger));
  return app;
}
