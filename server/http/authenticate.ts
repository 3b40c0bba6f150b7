import type { RequestHandler } from 'express';
import { bearerToken, type IdentityVerifier } from '../access/identity';
import { stateOf } from './request-state';

/**
 * Verifies the bearer token once per request, early, so that the rate limit counts per user
 * and the router knows who is calling. It never answers by itself: whether a route needs a
 * user is the router's call (public routes ignore a bad token). Nothing of the token is logged.
 */
export function authenticate(identity: IdentityVerifier): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (header === undefined) return next();
    const result = await identity.verify(header);
    const token = bearerToken(header);
    stateOf(req).authentication =
      result.ok && token.ok
        ? { kind: 'authenticated', principal: result.value, assertion: token.value }
        : { kind: 'failed', failure: result.ok ? { reason: 'malformed' } : result.error };
    next();
  };
}
