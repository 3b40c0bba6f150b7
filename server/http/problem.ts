import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { PROBLEM_CODES, PROBLEM_CONTENT_TYPE, problemType, type Problem, type ProblemCode } from '../../shared/api/problem';
import { ApiError, apiError } from './api-error';
import { stateOf } from './request-state';

/**
 * The one error path: every error of every route and middleware ends here and leaves as
 * `application/problem+json` with the request id. ApiErrors are answered as they say. The
 * errors body-parser and Express raise for bad requests are mapped to problems without echoing
 * their message (it may quote the input). Anything else is a bug: logged with its stack, and
 * answered with a generic 500 that holds no stack and no message.
 */

/** body-parser's error types → our problems. */
function fromBodyParser(type: string, limit: unknown): ApiError | null {
  switch (type) {
    case 'entity.parse.failed':
      return apiError('invalid-json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return apiError('payload-too-large', `The request body is larger than the limit${typeof limit === 'number' ? ` of ${limit} bytes` : ''}.`, typeof limit === 'number' ? { limitBytes: limit } : {});
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return apiError('unsupported-media-type', 'The request body encoding or charset is not supported.');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'stream.not.readable':
    case 'parameters.too.many':
      return apiError('bad-request', 'The request body could not be read.');
    default:
      return null;
  }
}

const BY_STATUS: Readonly<Record<number, ProblemCode>> = { 400: 'bad-request', 404: 'not-found', 405: 'method-not-allowed', 413: 'payload-too-large', 415: 'unsupported-media-type' };

/** Errors that are not ours but carry a 4xx status (body-parser, Express's URI decoding…). */
function fromHttpError(e: unknown): ApiError | null {
  if (typeof e !== 'object' || e === null) return null;
  const { type, status, statusCode, limit } = e as { type?: unknown; status?: unknown; statusCode?: unknown; limit?: unknown };
  if (typeof type === 'string') {
    const mapped = fromBodyParser(type, limit);
    if (mapped) return mapped;
  }
  const s = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : 0;
  if (s >= 400 && s < 500) return apiError(BY_STATUS[s] ?? 'bad-request');
  return null;
}

export function problemBody(error: ApiError, requestId: string): Problem {
  const { errors, ...members } = error.extra;
  return {
    ...members,
    ...(errors ? { errors: [...errors] } : {}),
    type: problemType(error.code),
    title: PROBLEM_CODES[error.code].title,
    status: error.status,
    code: error.code,
    detail: error.detail,
    instance: `urn:ops-scorecard:request:${requestId}`,
    requestId,
  };
}

export function sendProblem(req: Request, res: Response, error: ApiError): void {
  const { requestId } = stateOf(req);
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problemBody(error, requestId)));
}

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const { requestId } = stateOf(req);
    const known = err instanceof ApiError ? err : fromHttpError(err);
    const error =
      known ?? apiError('internal', `An unexpected error occurred. Quote request id ${requestId} when reporting it.`);
    if (!known) logger.error({ requestId, err }, 'unhandled error');
    else if (error.status >= 500) logger.error({ requestId, code: error.code, err: error.cause }, error.detail);
    if (res.headersSent) {
      // A streamed answer broke half-way: nothing can be said any more; cut the connection so
      // the client sees a failure instead of a truncated body that looks complete.
      res.destroy();
      return;
    }
    sendProblem(req, res, error);
  };
}

/** After every route: a 404 problem for what no route answered. */
export function notFound(): RequestHandler {
  return () => {
    throw apiError('not-found', 'No such resource.');
  };
}
