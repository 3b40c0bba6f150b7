import { createHash } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, createLocalJWKSet, importJWK, jwtVerify, type JWK, type KeyLike } from 'jose';
import { z } from 'zod';
import { fail, ok, type Result } from '../../shared/result';
import { bearerToken, type AuthFailure, type AuthFailureReason, type IdentityVerifier, type Principal } from './identity';

/**
 * Development tokens: ES256, signed with a key kept in DATA_DIR, so that `npm start` and the
 * add-in's dev loop work without an Entra tenant. Anyone who can read DATA_DIR can mint any
 * identity with them, which is why they are refused in production: createDevTokens throws, and
 * the configuration refuses AUTH_MODE=development there before it is ever called.
 */

export const DEV_ISSUER = 'ops-scorecard-dev';
export const DEV_AUDIENCE = 'ops-scorecard';
export const DEV_DEFAULT_TENANT = 'dev-tenant';

export interface DevTokenClaims {
  readonly email: string;
  readonly tenant?: string;
  readonly name?: string;
  readonly groups?: readonly string[];
  readonly department?: string;
  /** Overrides the scopes (default: the required scope). */
  readonly scopes?: readonly string[];
  /** Lifetime in seconds (default 8 hours). */
  readonly ttlSeconds?: number;
}

export interface DevTokens {
  sign(claims: DevTokenClaims): Promise<string>;
  readonly verifier: IdentityVerifier;
}

export interface DevTokenOptions {
  /** The private key as JWK (EC P-256), from local-keys.ts. */
  readonly privateJwk: JWK;
  readonly nodeEnv: string;
  readonly requiredScope: string;
  readonly clock: { now(): Date };
}

const DevClaims = z.object({
  sub: z.string().min(1).max(128),
  tid: z.string().min(1).max(128),
  email: z.string().max(320),
  name: z.string().max(256).optional(),
  groups: z.array(z.string().max(256)).max(1000).default([]),
  department: z.string().max(256).optional(),
  scp: z.string().max(4096),
});

/** The same e-mail gets the same user id in every token: a stable `oid` as Entra would give. */
export function devUserId(email: string): string {
  const h = createHash('sha256').update(`ops-scorecard-dev:${email.toLowerCase()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function reasonOf(e: unknown): AuthFailureReason {
  const { code, claim } = e as { code?: unknown; claim?: unknown };
  if (code === 'ERR_JWT_EXPIRED') return 'expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return claim === 'nbf' ? 'not-yet-valid' : claim === 'iss' ? 'issuer' : claim === 'aud' ? 'audience' : 'claims';
  if (code === 'ERR_JOSE_ALG_NOT_ALLOWED' || code === 'ERR_JOSE_NOT_SUPPORTED') return 'algorithm';
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'signature';
  if (code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') return 'unknown-key';
  return 'malformed';
}

export async function createDevTokens(options: DevTokenOptions): Promise<DevTokens> {
  if (options.nodeEnv === 'production' || process.env.NODE_ENV === 'production') {
    throw new Error('Development tokens are refused when NODE_ENV=production.');
  }
  const { d: _d, ...publicJwk } = options.privateJwk;
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateKey = (await importJWK(options.privateJwk, 'ES256')) as KeyLike;
  const keys = createLocalJWKSet({ keys: [{ ...publicJwk, kid, alg: 'ES256', use: 'sig' }] });

  return {
    async sign(claims) {
      const now = Math.floor(options.clock.now().getTime() / 1000);
      const body: Record<string, unknown> = {
        tid: claims.tenant ?? DEV_DEFAULT_TENANT,
        email: claims.email.toLowerCase(),
        oid: devUserId(claims.email),
        groups: [...(claims.groups ?? [])],
        scp: (claims.scopes ?? [options.requiredScope]).join(' '),
      };
      if (claims.name !== undefined) body.name = claims.name;
      if (claims.department !== undefined) body.department = claims.department;
      return new SignJWT(body)
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(devUserId(claims.email))
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + (claims.ttlSeconds ?? 8 * 3600))
        .sign(privateKey);
    },
    verifier: {
      async verify(authorization): Promise<Result<Principal, AuthFailure>> {
        const token = bearerToken(authorization);
        if (!token.ok) return token;
        let payload: unknown;
        try {
          ({ payload } = await jwtVerify(token.value, keys, {
            algorithms: ['ES256'],
            issuer: DEV_ISSUER,
            audience: DEV_AUDIENCE,
            clockTolerance: 60,
            currentDate: options.clock.now(),
            requiredClaims: ['exp', 'sub', 'tid'],
          }));
        } catch (e) {
          return fail({ reason: reasonOf(e) });
        }
        const parsed = DevClaims.safeParse(payload);
        if (!parsed.success) return fail({ reason: 'claims' });
        const c = parsed.data;
        const scopes = c.scp.split(' ').filter((s) => s !== '');
        if (!scopes.includes(options.requiredScope)) return fail({ reason: 'scope' });
        return ok({
          tenantId: c.tid,
          userId: c.sub,
          email: c.email.toLowerCase(),
          groups: c.groups,
          scopes,
          issuer: 'development',
          ...(c.name !== undefined ? { name: c.name } : {}),
          ...(c.department !== undefined ? { department: c.department } : {}),
        });
      },
    },
  };
}
