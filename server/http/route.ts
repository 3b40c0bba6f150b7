import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import { OPERATIONS, type Operation } from '../../shared/engine/policy';
import type { Result } from '../../shared/result';
import type { Access, Enforcer } from '../access/enforce';
import { AUTH_FAILURE_DETAIL, type Principal } from '../access/identity';
import { ApiError, apiError } from './api-error';
import { requestLocale } from '../access/masking/locale';
import type { Locale } from '../../shared/i18n/locale';
import type { WorkspaceFrom } from '../../shared/i18n/forbidden-catalog';
import { concurrencyLimiter } from './concurrency-limit';
import { withWorkspaceHint } from './forbidden-problem';
import { JSON_BODY_TYPES, readJsonBody } from './json-body';
import { stateOf } from './request-state';
import type { RouteDeps } from './route-deps';
import { validate } from './validate';

/**
 * Routes are declared, not wired by hand: a route says which operation of the permission
 * matrix it performs (or that it is public, or needs only a signed-in user), and buildRouter
 * wraps every handler in the same steps, in this order:
 *
 *   1. authentication (401 unless public; the token was verified once, up front, by app.ts)
 *   2. path, query and headers, parsed with the route's zod schemas (400)
 *   3. authorization: the workspace's policy, `decide`, bootstrap admins (403)
 *   4. the JSON body, read only now (an unauthorised caller cannot make the service parse
 *      64 MB), limited, strict, then parsed with the route's schema (413, 415, 400)
 *   5. the handler, with a typed context: the parsed inputs, the principal, the access decision.
 *
 * `operation` is a required field, so a route that forgets it does not compile; buildRouter
 * also refuses one at start-up (JavaScript callers, casts), and a test walks every registered
 * route. The context's type follows the operation: only routes that declare one get `access`,
 * and only non-public routes are sure to have a principal.
 */

export type RouteOperation = Operation | 'public' | 'authenticated';
export const ROUTE_OPERATIONS: readonly RouteOperation[] = [...OPERATIONS, 'public', 'authenticated'];

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Where the workspace name of a route that declares an operation comes from. */
export type WorkspaceSource = { readonly param: string } | { readonly query: string };
const DEFAULT_WORKSPACE: WorkspaceSource = { param: 'workspace' };

export interface ResponseSpec {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** Default application/json. */
  readonly contentType?: string;
}

/** What a handler answers. `handled`: it wrote to ctx.res itself (a streamed workbook). */
export type Reply =
  | { readonly status?: number; readonly json: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly status?: number; readonly content: string | Uint8Array; readonly contentType: string; readonly headers?: Readonly<Record<string, string>> }
  | { readonly handled: true };

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

interface BaseContext<P, Q, B, H> {
  readonly req: Request;
  readonly res: Response;
  readonly requestId: string;
  readonly params: P;
  readonly query: Q;
  /** The headers the route declares, parsed (names in lower case). */
  readonly headers: H;
  readonly body: B;
  /**
   * The JSON body's bytes as received (after Content-Encoding), when the route has a body:
   * what a retry under the same Idempotency-Key must repeat. Never answered or logged.
   */
  readonly bodyBytes: Buffer | undefined;
  /** The app's logger, bound to the request id. */
  readonly log: Logger;
  readonly deps: RouteDeps;
}

export type RouteContext<P, Q, B, O extends RouteOperation, H = undefined> = BaseContext<P, Q, B, H> &
  (O extends Operation
    ? { readonly principal: Principal; readonly access: Access }
    : O extends 'authenticated'
      ? { readonly principal: Principal }
      : { readonly principal: Principal | null });

type Schema = z.ZodType | undefined;

export interface RouteSpec<O extends RouteOperation, PS extends Schema, QS extends Schema, BS extends Schema, HS extends Schema = undefined> {
  readonly method: HttpMethod;
  /** Express path ("/api/v1/workspaces/:workspace/sheets"). */
  readonly path: string;
  /** REQUIRED: what the route does, in the permission matrix's words, or public / authenticated. */
  readonly operation: O;
  readonly summary: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly params?: PS;
  readonly query?: QS;
  /** Request headers, as an object schema with lower-case names (documented in OpenAPI). */
  readonly headers?: HS;
  /** A JSON body, parsed with this schema. Without it the body is not read (ctx.req streams it). */
  readonly body?: BS;
  /** Overrides SYNC_BODY_LIMIT for this route's JSON body. */
  readonly bodyLimitBytes?: number;
  /** Routes that declare an operation: where the workspace name is (default the :workspace param). */
  readonly workspace?: WorkspaceSource;
  /** false: not rate limited (health probes); only for paths without parameters. */
  readonly rateLimit?: boolean;
  /**
   * A heavy request (big bodies or answers, whole-sheet work): at most HEAVY_REQUESTS_PER_USER of
   * them per user at once (server/http/concurrency-limit.ts); one more is answered 429 at once.
   */
  readonly heavy?: boolean;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  readonly handler: (ctx: RouteContext<Out<PS>, Out<QS>, Out<BS>, O, Out<HS>>) => Promise<Reply>;
}

/** A route with its types erased, as kept in lists; defineRoute is the only way to make one. */
export interface RouteDefinition extends Omit<RouteSpec<RouteOperation, Schema, Schema, Schema, Schema>, 'handler'> {
  readonly handler: (ctx: RouteContext<unknown, unknown, unknown, RouteOperation, unknown>) => Promise<Reply>;
}

export function defineRoute<
  O extends RouteOperation,
  PS extends Schema = undefined,
  QS extends Schema = undefined,
  BS extends Schema = undefined,
  HS extends Schema = undefined,
>(spec: RouteSpec<O, PS, QS, BS, HS>): RouteDefinition {
  // Erasure only: buildRouter hands the handler exactly the context its spec typed, because it
  // parses with the spec's own schemas and decides with the spec's own operation.
  return spec as unknown as RouteDefinition;
}

export function isOperation(op: RouteOperation): op is Operation {
  return (OPERATIONS as readonly string[]).includes(op);
}

/** Mistakes in a route list are bugs, found at start-up rather than by a caller. */
export function checkRoutes(routes: readonly RouteDefinition[]): void {
  const seen = new Set<string>();
  for (const r of routes) {
    const name = `${String(r.method).toUpperCase()} ${r.path}`;
    if (!ROUTE_OPERATIONS.includes(r.operation)) throw new Error(`${name}: a route must declare its operation (${ROUTE_OPERATIONS.join(', ')})`);
    if (!r.path.startsWith('/')) throw new Error(`${name}: the path must start with /`);
    if (seen.has(name)) throw new Error(`${name}: declared twice`);
    seen.add(name);
    if (isOperation(r.operation)) {
      const ws = r.workspace ?? DEFAULT_WORKSPACE;
      if ('param' in ws && !r.path.split('/').includes(`:${ws.param}`)) throw new Error(`${name}: operation "${r.operation}" needs the workspace in :${ws.param}`);
    }
    if (r.rateLimit === false && r.path.includes(':')) throw new Error(`${name}: only fixed paths may skip the rate limit`);
  }
}

function unwrap<T>(result: Result<T, ApiError>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

function workspaceOf(route: RouteDefinition, req: Request): string {
  const ws = route.workspace ?? DEFAULT_WORKSPACE;
  const raw: unknown = 'param' in ws ? req.params[ws.param] : (req.query as Record<string, unknown>)[ws.query];
  const parsed = WorkspaceNameSchema.safeParse(raw);
  if (!parsed.success) {
    throw apiError('validation', 'The workspace name is not valid.', {
      errors: [{ in: 'param' in ws ? 'params' : 'query', path: `/${'param' in ws ? ws.param : ws.query}`, code: 'invalid_format', message: parsed.error.issues[0]?.message ?? 'invalid' }],
    });
  }
  return parsed.data;
}

/** Where the request named its workspace: the route's path or query, or (user sync) the header or the default. */
function workspaceFrom(route: RouteDefinition, req: Request): WorkspaceFrom {
  const ws = route.workspace ?? DEFAULT_WORKSPACE;
  return 'param' in ws ? 'path' : (stateOf(req).workspaceFrom ?? 'query');
}

function send(res: Response, reply: Reply): void {
  if ('handled' in reply) {
    if (!res.headersSent) throw new Error('handler said it answered, but sent nothing');
    return;
  }
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  res.status(reply.status ?? 200);
  if ('json' in reply) res.json(reply.json);
  else res.type(reply.contentType).send(typeof reply.content === 'string' ? reply.content : Buffer.from(reply.content));
}

export function buildRouter(routes: readonly RouteDefinition[], deps: RouteDeps, enforcer: Enforcer): Router {
  checkRoutes(routes);
  const heavy = concurrencyLimiter(deps.config.heavyRequestsPerUser);
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      const state = stateOf(req);
      const auth = state.authentication;

      // 1. Authentication.
      const principal = auth.kind === 'authenticated' ? auth.principal : null;
      if (route.operation !== 'public' && principal === null) {
        const reason = auth.kind === 'failed' ? auth.failure.reason : 'missing';
        if (reason === 'keys-unavailable') throw apiError('upstream-unavailable', AUTH_FAILURE_DETAIL[reason]);
        throw apiError('unauthenticated', AUTH_FAILURE_DETAIL[reason], { reason }, {
          headers: { 'WWW-Authenticate': reason === 'missing' ? 'Bearer realm="ops-scorecard"' : 'Bearer realm="ops-scorecard", error="invalid_token"' },
        });
      }

      // One user's heavy requests at once are few; held until the answer is finished or the client goes.
      if (route.heavy && principal !== null) {
        const release = heavy.acquire(`${principal.tenantId}\u001f${principal.userId}`);
        if (release === null) {
          throw apiError('rate-limited', `You have ${deps.config.heavyRequestsPerUser} large requests running already (pushes, pulls, uploads, scorecards); retry when one has finished.`, { reason: 'concurrent-requests' }, { headers: { 'Retry-After': '1' } });
        }
        res.once('finish', release);
        res.once('close', release);
      }

      // 2. Path, query and headers.
      const locale = requestLocale(req);
      const params = route.params ? unwrap(validate(route.params, req.params, 'params', locale)) : undefined;
      const query = route.query ? unwrap(validate(route.query, req.query, 'query', locale)) : undefined;
      const headers = route.headers ? unwrap(validate(route.headers, req.headers, 'headers', locale)) : undefined;

      // 3. Authorization.
      let access: Access | null = null;
      // A 403 says which workspace the request was about and how to name another (forbidden-problem.ts).
      let hinted = (error: unknown): unknown => error;
      if (isOperation(route.operation)) {
        // principal is non-null here (step 1); the tenant is the token's, whatever the request says.
        const assertion = auth.kind === 'authenticated' ? auth.assertion : '';
        const workspace = workspaceOf(route, req);
        const where = { workspace, from: workspaceFrom(route, req), locale, hasDepartment: (principal!.department ?? '').trim() !== '' };
        hinted = (error) => withWorkspaceHint(error, where);
        const decided = await enforcer.authorize(principal!, assertion, route.operation, workspace);
        if (!decided.ok) throw hinted(decided.error);
        access = decided.value;
      }

      // 4. Body.
      let body: unknown = undefined;
      let bodyBytes: Buffer | undefined = undefined;
      if (route.body) {
        if (req.is(JSON_BODY_TYPES) === false) {
          throw apiError('unsupported-media-type', 'Send the request body as application/json.');
        }
        const limit = route.bodyLimitBytes ?? deps.config.sync.bodyLimitBytes;
        const read = await readJsonBody(req, res, limit).catch((error: unknown) => {
          throw bodyTooLarge(error, limit, route.bodyLimitBytes === undefined, locale) ?? error;
        });
        body = unwrap(validate(route.body, read.value, 'body', locale));
        bodyBytes = read.bytes;
      }

      // 5. Handler.
      const ctx = {
        req,
        res,
        requestId: state.requestId,
        params,
        query,
        headers,
        body,
        bodyBytes,
        log: deps.logger.child({ requestId: state.requestId }),
        deps,
        principal,
        ...(access ? { access } : {}),
      } as RouteContext<unknown, unknown, unknown, RouteOperation, unknown>;
      let reply: Reply;
      try {
        reply = await route.handler(ctx);
      } catch (error) {
        throw hinted(error);
      }
      send(res, reply);
    });
  }
  return router;
}

/** The 413 of a body over the limit: the limit, and how to raise it when it is SYNC_BODY_LIMIT (`raise`). */
const BODY_TOO_LARGE: Readonly<Record<Locale, (limit: number, mb: number, raise: boolean) => string>> = {
  'en-US': (limit, mb, raise) =>
    `The request body is larger than the service takes: at most ${limit} bytes (${mb} MB).` +
    (raise ? " Raise SYNC_BODY_LIMIT in the service's environment (such as 128mb; at most 1gb), or send the sheet in delta pushes." : ''),
  'zh-CN': (limit, mb, raise) =>
    `请求内容超过服务允许的大小：最多 ${limit} 字节（${mb} MB）。` + (raise ? '请管理员在服务环境中调高 SYNC_BODY_LIMIT（如 128mb，最多 1gb），或改用增量推送。' : ''),
};

/**
 * body-parser's "too large" as a 413 that says the limit and, when it is the service's setting
 * (SYNC_BODY_LIMIT) rather than a route's own, how to raise it. null for any other error.
 */
function bodyTooLarge(error: unknown, limit: number, configurable: boolean, locale: Locale): ApiError | null {
  if (typeof error !== 'object' || error === null || (error as { type?: unknown }).type !== 'entity.too.large') return null;
  const mb = Math.round((limit / 1024 ** 2) * 10) / 10;
  return apiError('payload-too-large', BODY_TOO_LARGE[locale](limit, mb, configurable), { limitBytes: limit });
}
