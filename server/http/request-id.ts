import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { initRequestState } from './request-state';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * A caller's id is kept when it is a plain token (a proxy's or the add-in's correlation id), so
 * one id follows the request across hops. Anything else (too long, other characters) could
 * smuggle text into our logs and headers, and is replaced.
 */
const ACCEPTED = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requestId(): RequestHandler {
  return (req, res, next) => {
    const given = req.get(REQUEST_ID_HEADER);
    const id = given !== undefined && ACCEPTED.test(given) ? given : randomUUID();
    initRequestState(req, id);
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  };
}
