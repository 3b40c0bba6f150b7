import { PROBLEM_CODES, type FieldError, type ProblemCode } from '../../shared/api/problem';

export type { ProblemCode } from '../../shared/api/problem';

/**
 * Extension members of the problem body. Only values that are safe to show the caller: our own
 * constants, numbers, validated names. Never raw request input, never a token or a secret.
 */
export interface ProblemExtra {
  readonly errors?: readonly FieldError[];
  readonly [member: string]: unknown;
}

export interface ApiErrorOptions {
  /** Response headers that go with the problem (Retry-After, WWW-Authenticate…). */
  readonly headers?: Readonly<Record<string, string>>;
  /** What caused it, for the log only (never sent). */
  readonly cause?: unknown;
}

/** Members of the problem body a route may not overwrite through `extra`. */
const RESERVED = new Set(['type', 'title', 'status', 'code', 'detail', 'instance', 'requestId']);

/**
 * The one error type of the HTTP layer: every expected failure a route answers with is an
 * ApiError, thrown (or passed to next) and turned into `application/problem+json` by the one
 * problem handler (server/http/problem.ts). Anything else that reaches that handler is a bug: a
 * generic 500.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly detail: string;
  readonly extra: ProblemExtra;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: ProblemCode, detail?: string, extra: ProblemExtra = {}, options: ApiErrorOptions = {}) {
    super(detail ?? PROBLEM_CODES[code].title, options.cause === undefined ? undefined : { cause: options.cause });
    // A status that contradicts the code is a programming mistake: caught here, in tests.
    if (status !== PROBLEM_CODES[code].status) {
      throw new RangeError(`ApiError: code "${code}" is answered with ${PROBLEM_CODES[code].status}, not ${status}`);
    }
    for (const key of Object.keys(extra)) {
      if (RESERVED.has(key)) throw new RangeError(`ApiError: extra member "${key}" is reserved`);
    }
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail ?? PROBLEM_CODES[code].title;
    this.extra = extra;
    this.headers = options.headers ?? {};
  }
}

/** The same, with the status taken from the code (`apiError('not-found', 'No such sheet.')`). */
export function apiError(code: ProblemCode, detail?: string, extra?: ProblemExtra, options?: ApiErrorOptions): ApiError {
  return new ApiError(PROBLEM_CODES[code].status, code, detail, extra, options);
}
