import type { RequestHandler } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config';
import { stateOf } from './request-state';

export type { Logger } from 'pino';

/**
 * pino with redaction. The request log below writes only what it picks (method, path, status,
 * duration, ids), never headers, query strings or bodies; redaction is the second line of
 * defence for the day someone logs a request, a header bag or a payload by hand. `body` is
 * censored wherever it appears: bodies hold user data, and masking must hold in logs too.
 */
export const REDACT_PATHS: readonly string[] = [
  'authorization',
  'cookie',
  'token',
  'assertion',
  'accessToken',
  'clientSecret',
  'password',
  'body',
  '*.authorization',
  '*.cookie',
  '*.token',
  '*.assertion',
  '*.accessToken',
  '*.clientSecret',
  '*.password',
  '*.body',
  'headers["set-cookie"]',
  'headers["idempotency-key"]',
  '*.headers["set-cookie"]',
  '*.headers["idempotency-key"]',
  '*.*.authorization',
  '*.*.cookie',
  '*.*.body',
];

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Where lines go (stdout by default); tests pass a buffer. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'ops-scorecard' },
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

const MAX_PATH = 300;

/** One line per request, when its answer has gone out (or the client went away). */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    let done = false;
    const log = (): void => {
      if (done) return;
      done = true;
      const state = stateOf(req);
      const auth = state.authentication;
      logger.info(
        {
          requestId: state.requestId,
          method: req.method,
          // The path only: a query string may carry what should not be kept.
          path: req.originalUrl.split('?')[0]!.slice(0, MAX_PATH),
          status: res.statusCode,
          aborted: !res.writableFinished,
          durationMs: Number((process.hrtime.bigint() - state.startedAt) / 1000n) / 1000,
          ...(auth.kind === 'authenticated' ? { tenantId: auth.principal.tenantId, userId: auth.principal.userId } : {}),
          ...(auth.kind === 'failed' ? { authFailure: auth.failure.reason } : {}),
        },
        'request',
      );
    };
    res.on('finish', log);
    res.on('close', log);
    next();
  };
}
