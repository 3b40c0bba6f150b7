import type { Result } from '../../shared/result';
import type { Actor } from '../store/store-types';

/**
 * Who the caller is, as proved by their bearer token. The tenant comes from the token alone:
 * nothing in the request (a header, a body field, a query) can change it.
 */
export type Principal = Actor & {
  readonly name?: string;
  /**
   * Group names for the policy. Development tokens carry names; Entra tokens carry group object
   * ids, which enforce.ts resolves to names through Microsoft Graph when it is configured.
   */
  readonly groups: readonly string[];
  readonly department?: string;
  /** Delegated scopes (`scp`), split. */
  readonly scopes: readonly string[];
  /** App roles (`roles`) of an application token. */
  readonly roles?: readonly string[];
  /** Where the identity came from: the policy treats them alike; Graph is only asked about Entra users. */
  readonly issuer: 'entra' | 'development';
};

/**
 * Why a token was refused. A closed set of our own words: safe to put in a 401's detail and in
 * the log (never the token, never a claim value).
 */
export const AUTH_FAILURE_REASONS = [
  'missing',
  'malformed',
  'algorithm',
  'signature',
  'unknown-key',
  'expired',
  'not-yet-valid',
  'issuer',
  'tenant',
  'audience',
  'version',
  'not-an-access-token',
  'scope',
  'claims',
  /** The key set could not be fetched: our problem, not the caller's (answered 503). */
  'keys-unavailable',
] as const;
export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];

export interface AuthFailure {
  readonly reason: AuthFailureReason;
}

export interface IdentityVerifier {
  /** `authorization` is the raw Authorization header, undefined when absent. */
  verify(authorization: string | undefined): Promise<Result<Principal, AuthFailure>>;
}

/** What each reason means, for the 401's detail. */
export const AUTH_FAILURE_DETAIL: Readonly<Record<AuthFailureReason, string>> = {
  missing: 'Send an access token: "Authorization: Bearer <token>".',
  malformed: 'The Authorization header is not "Bearer" followed by a JWT.',
  algorithm: 'The token is not signed with an accepted algorithm.',
  signature: 'The token signature does not verify.',
  'unknown-key': 'The token is signed with a key the service does not know.',
  expired: 'The token has expired.',
  'not-yet-valid': 'The token is not valid yet.',
  issuer: 'The token was not issued by an accepted issuer.',
  tenant: 'The token belongs to a tenant this service does not serve.',
  audience: 'The token was issued for another audience.',
  version: 'Only v2.0 access tokens are accepted.',
  'not-an-access-token': 'The token is not an access token for this API (an ID token?).',
  scope: 'The token lacks the required scope.',
  claims: 'The token lacks required claims.',
  'keys-unavailable': 'The signing keys could not be fetched; try again shortly.',
};

/** "Bearer <jwt>", scheme in any case; the JWT in its compact form, of a sane size. */
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;
const MAX_TOKEN_LENGTH = 16_384;

export function bearerToken(authorization: string | undefined): Result<string, AuthFailure> {
  if (authorization === undefined || authorization.trim() === '') return { ok: false, error: { reason: 'missing' } };
  const m = BEARER.exec(authorization.trim());
  if (!m || m[1]!.length > MAX_TOKEN_LENGTH) return { ok: false, error: { reason: 'malformed' } };
  return { ok: true, value: m[1]! };
}
