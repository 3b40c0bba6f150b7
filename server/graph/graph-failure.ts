import type { Result } from '../../shared/result';
import type { GraphClient } from './graph-client';

/**
 * The Graph client's failures as values. `GraphClient` (graph-client.ts, the contract the HTTP
 * layer uses) rejects with a `GraphError`; the `try…` members here give the same failure as a
 * Result, for callers that branch on it (the scheduled publisher records an upload failure and
 * keeps the written files).
 */
export interface ResultGraphClient extends GraphClient {
  /** The user's groups as structured values. */
  tryUserGroups(userAssertion: string): Promise<Result<GraphGroup[], GraphFailure>>;
  tryUploadFile(driveId: string, path: string, content: Uint8Array): Promise<Result<void, GraphFailure>>;
}

export interface GraphGroup {
  readonly id: string;
  /** Groups without a display name exist (rarely); they still match by id. */
  readonly displayName: string | null;
}

/**
 * Why a Graph call failed, without any token or secret in it.
 * - credentials: the service's own client id or secret was refused (AADSTS7000215 and kin);
 *   a configuration problem for IT, not something a retry fixes.
 * - assertion: the user's token was refused for on-behalf-of (expired, wrong audience,
 *   consent missing); the user should sign in again.
 * - throttled: still 429/503 after the bounded retries, or a Retry-After longer than we wait.
 * - http: any other unexpected answer from Graph.
 * - network: no answer (DNS, refused connection, timeout).
 * - invalid-request: the call could not be made as asked (a path with ".." or an empty folder).
 */
export type GraphFailureCode = 'credentials' | 'assertion' | 'throttled' | 'http' | 'network' | 'invalid-request';

export interface GraphFailure {
  readonly code: GraphFailureCode;
  /** For logs and operators; safe to show (never holds a token). */
  readonly message: string;
  /** The HTTP status, when there was one. */
  readonly status?: number;
  /** The identity platform's or Graph's error code ("invalid_client", "itemNotFound"…). */
  readonly serviceCode?: string;
}

/** What `userGroups` / `uploadFile` reject with: the failure, for the HTTP layer to map. */
export class GraphError extends Error {
  constructor(readonly failure: GraphFailure) {
    super(failure.message);
    this.name = 'GraphError';
  }
}
