import {
  createLocalJWKSet,
  createRemoteJWKSet,
  jwtVerify,
  type JSONWebKeySet,
  type JWTHeaderParameters,
  type FlattenedJWSInput,
  type KeyLike,
} from 'jose';
import { z } from 'zod';
import { fail, ok, type Result } from '../../shared/result';
import { bearerToken, type AuthFailure, type AuthFailureReason, type IdentityVerifier, type Principal } from './identity';

/**
 * Microsoft Entra ID v2 access tokens, checked with jose:
 * - RS256 only: `alg: none`, HS256 signed with the public key as a "secret", ES256… are refused
 *   before any key is looked at.
 * - The issuer is `{authority}/{tid}/v2.0` with `tid` in the allow-list; v1 tokens
 *   (`sts.windows.net` issuer, `ver: 1.0`) are refused.
 * - The audience is ours (v2 tokens carry the API's client id; an App ID URI may be listed too).
 * - An access token, not an ID token: an ID token for a single-app registration has our client
 *   id as audience too, but carries no `scp`. We accept a delegated token whose `scp` holds the
 *   required scope, or an application token (`idtyp: app`, an optional claim the admin turns on)
 *   whose `roles` hold it. `roles` alone proves nothing: ID tokens carry a user's app roles.
 * - exp / nbf with a small clock tolerance, against the injected clock.
 * - The tenant is `tid`, and only `tid`.
 */

export interface EntraVerifierOptions {
  readonly tenantIds: readonly string[];
  readonly audiences: readonly string[];
  readonly requiredScope: string;
  /** https://login.microsoftonline.com, or a sovereign cloud's (login.partner.microsoftonline.cn…). */
  readonly authority: string;
  /** The tenant-independent key set URL (fetched and cached), or a key set in hand (tests). */
  readonly keys: { readonly jwksUrl: URL } | { readonly jwks: JSONWebKeySet };
  readonly clock: { now(): Date };
  readonly clockToleranceSeconds?: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The claims we use, parsed after the signature and the standard claims were verified. */
const EntraClaims = z.object({
  tid: z.string().regex(GUID),
  oid: z.string().min(1).max(128),
  ver: z.string(),
  scp: z.string().max(4096).optional(),
  roles: z.array(z.string().max(256)).max(1000).optional(),
  idtyp: z.string().optional(),
  preferred_username: z.string().max(320).optional(),
  upn: z.string().max(320).optional(),
  name: z.string().max(256).optional(),
  groups: z.array(z.string().max(256)).max(1000).optional(),
  department: z.string().max(256).optional(),
});

type KeyGetter = (header: JWTHeaderParameters, input: FlattenedJWSInput) => Promise<KeyLike>;

/** A failure to fetch the key set is told apart from a key the set does not hold. */
class KeysUnavailable extends Error {}

function keyGetter(keys: EntraVerifierOptions['keys']): KeyGetter {
  const jwks =
    'jwksUrl' in keys
      ? // Cached: fetched once, refetched after cacheMaxAge or when a kid is unknown, at most
        // once per cooldown (so a flood of tokens with invented kids cannot hammer the endpoint).
        createRemoteJWKSet(keys.jwksUrl, { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000, timeoutDuration: 5_000 })
      : createLocalJWKSet(keys.jwks);
  return async (header, input) => {
    try {
      return await jwks(header, input);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw e;
      throw new KeysUnavailable('JWKS unavailable', { cause: e });
    }
  };
}

/** jose's error → our closed set of reasons. */
function reasonOf(e: unknown): AuthFailureReason {
  if (e instanceof KeysUnavailable) return 'keys-unavailable';
  const { code, claim } = e as { code?: unknown; claim?: unknown };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'nbf') return 'not-yet-valid';
      if (claim === 'iss') return 'issuer';
      if (claim === 'aud') return 'audience';
      return 'claims';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'algorithm';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'signature';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'unknown-key';
    default:
      // ERR_JWS_INVALID, ERR_JWT_INVALID, bad base64, bad JSON…: not a token we can read.
      return 'malformed';
  }
}

export function createEntraVerifier(options: EntraVerifierOptions): IdentityVerifier {
  const authority = options.authority.replace(/\/+$/, '');
  const tenants = new Set(options.tenantIds.map((t) => t.toLowerCase()));
  const issuerOf = (tid: string): string => `${authority}/${tid}/v2.0`;
  const issuers = [...tenants].map(issuerOf);
  const getKey = keyGetter(options.keys);
  const clockTolerance = options.clockToleranceSeconds ?? 60;

  return {
    async verify(authorization): Promise<Result<Principal, AuthFailure>> {
      const token = bearerToken(authorization);
      if (!token.ok) return token;
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token.value, getKey, {
          algorithms: ['RS256'],
          issuer: issuers,
          audience: [...options.audiences],
          clockTolerance,
          currentDate: options.clock.now(),
          requiredClaims: ['exp', 'iat', 'tid', 'oid', 'ver'],
        }));
      } catch (e) {
        const reason = reasonOf(e);
        // An issuer of the right shape for a tenant we do not serve says more than "issuer".
        if (reason === 'issuer' && foreignTenantIssuer(token.value, authority, tenants)) return fail({ reason: 'tenant' });
        return fail({ reason });
      }
      const parsed = EntraClaims.safeParse(payload);
      if (!parsed.success) return fail({ reason: 'claims' });
      const c = parsed.data;
      if (c.ver !== '2.0') return fail({ reason: 'version' });
      const tid = c.tid.toLowerCase();
      // jose matched `iss` against the allow-list's issuers; it must also be the token's own tenant.
      if (!tenants.has(tid) || (payload as { iss?: unknown }).iss !== issuerOf(c.tid)) return fail({ reason: 'tenant' });

      const scopes = c.scp === undefined ? [] : c.scp.split(' ').filter((s) => s !== '');
      const roles = c.roles ?? [];
      const delegated = c.scp !== undefined;
      const application = !delegated && c.idtyp === 'app' && c.roles !== undefined;
      if (!delegated && !application) return fail({ reason: 'not-an-access-token' });
      if (delegated ? !scopes.includes(options.requiredScope) : !roles.includes(options.requiredScope)) {
        return fail({ reason: 'scope' });
      }
      const email = delegated ? (c.preferred_username ?? c.upn ?? '') : '';
      const principal: Principal = {
        tenantId: tid,
        userId: c.oid,
        email: email.includes('@') ? email.toLowerCase() : '',
        groups: c.groups ?? [],
        scopes,
        issuer: 'entra',
        ...(c.name !== undefined ? { name: c.name } : {}),
        ...(c.department !== undefined ? { department: c.department } : {}),
        ...(c.roles !== undefined ? { roles: c.roles } : {}),
      };
      return ok(principal);
    },
  };
}

/**
 * Whether the (already refused) token names an Entra issuer of a tenant outside the allow-list.
 * Only reached when jose failed on `iss`, which it checks after the signature: the claim is
 * authentic, and used for the failure's reason only, never to accept anything.
 */
function foreignTenantIssuer(token: string, authority: string, tenants: ReadonlySet<string>): boolean {
  try {
    const body = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    if (typeof body.iss !== 'string' || !body.iss.startsWith(`${authority}/`)) return false;
    const tid = body.iss.slice(authority.length + 1).split('/')[0] ?? '';
    return GUID.test(tid) && !tenants.has(tid.toLowerCase());
  } catch {
    return false;
  }
}
