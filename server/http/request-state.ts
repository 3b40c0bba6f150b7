import type { Request } from 'express';
import type { AuthFailure, Principal } from '../access/identity';

/**
 * What the HTTP layer learns about a request as it goes through the middleware, kept beside the
 * request (a WeakMap, not properties on `req` or `res.locals`): typed, and never serialised by a
 * logger that is handed the request by mistake.
 */
export type Authentication =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'failed'; readonly failure: AuthFailure }
  /** `assertion` is the bearer token itself, kept only for Graph's on-behalf-of call. */
  | { readonly kind: 'authenticated'; readonly principal: Principal; readonly assertion: string };

export interface RequestState {
  readonly requestId: string;
  readonly startedAt: bigint;
  authentication: Authentication;
  /**
   * Where the handbook's user sync found its workspace when the query did not name one (the
   * X-Workspace header or the service's default), for the 403 that must say so.
   */
  workspaceFrom?: 'header' | 'default';
}

const states = new WeakMap<Request, RequestState>();

export function initRequestState(req: Request, requestId: string): RequestState {
  const state: RequestState = { requestId, startedAt: process.hrtime.bigint(), authentication: { kind: 'anonymous' } };
  states.set(req, state);
  return state;
}

/**
 * The state set by the request-id middleware, which runs first. Requests that never went through
 * it (a bug) get a fresh state so that the error path still works.
 */
export function stateOf(req: Request): RequestState {
  return states.get(req) ?? initRequestState(req, 'unknown');
}
