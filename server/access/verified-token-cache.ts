import { ok } from '../../shared/result';
import type { Clock } from '../deps';
import { bearerToken, type IdentityVerifier, type Principal } from './identity';

/**
 * Remembers tokens that verified, so that a client sending the same bearer token on every
 * request (the add-in does, for an hour) pays for one signature check, not one per request:
 * the check is about a third of a light GET's time.
 *
 * Keyed by the whole Authorization header, so only the identical token hits. An entry lasts
 * until the token's `exp` (read from the payload the signature just covered) and never longer
 * than MAX_AGE_MS, so a signing key withdrawn from the JWKS stops being honoured within that
 * time even for tokens it signed. Failures are never remembered: a bad token is checked, and
 * refused, every time. The newest MAX_ENTRIES tokens are kept.
 */
export const MAX_AGE_MS = 5 * 60_000;
export const MAX_ENTRIES = 10_000;

interface Entry {
  readonly principal: Principal;
  readonly until: number;
}

export function cachingVerifier(inner: IdentityVerifier, clock: Clock, maxEntries = MAX_ENTRIES): IdentityVerifier {
  const entries = new Map<string, Entry>();
  return {
    async verify(authorization) {
      if (authorization === undefined) return inner.verify(authorization);
      const now = clock.now().getTime();
      const hit = entries.get(authorization);
      if (hit !== undefined) {
        if (now < hit.until) return ok(hit.principal);
        entries.delete(authorization);
      }
      const result = await inner.verify(authorization);
      if (!result.ok) return result;
      const expires = expiryOf(authorization);
      if (expires !== null && now < expires) {
        // Map keeps insertion order: the first key is the oldest entry.
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
        entries.set(authorization, { principal: result.value, until: Math.min(expires, now + MAX_AGE_MS) });
      }
      return result;
    },
  };
}

/** The `exp` of a token that has just verified, in ms; null when there is none to read. */
function expiryOf(authorization: string): number | null {
  const token = bearerToken(authorization);
  if (!token.ok) return null;
  const payload = token.value.split('.')[1];
  if (payload === undefined) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = typeof claims === 'object' && claims !== null ? (claims as { exp?: unknown }).exp : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}
