import { fail, ok, type Result } from '../../shared/result';
import type { GraphFailure } from './graph-failure';
import { sendWithRetries, type RetryPolicy, type Sleep } from './graph-retry';
import type { FetchLike } from './fetch-like';

/** Structured log lines only: a method, a path, a status. Never headers or bodies (tokens). */
export interface GraphLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** What every Graph request needs besides its own arguments. */
export interface GraphHttp {
  readonly fetch: FetchLike;
  /** e.g. https://graph.microsoft.com/v1.0, without a trailing slash. */
  readonly baseUrl: string;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly log: GraphLog;
  readonly sleep?: Sleep;
}

export interface GraphRequest {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  readonly url: string;
  /** Absent for pre-authenticated upload-session URLs, which must not receive our token. */
  readonly token?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
  /** Statuses retried with back-off; default 429 and 503 (graph-retry.ts RETRYABLE_STATUSES). */
  readonly retryOn?: ReadonlySet<number>;
}

/**
 * One Graph request with bounded retries on 429/503; any answer that is not 2xx becomes a
 * failure value. The caller reads the body of a success.
 */
export async function graphRequest(http: GraphHttp, request: GraphRequest): Promise<Result<Response, GraphFailure>> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
  const where = describeUrl(request.url);
  const attempt = await sendWithRetries(
    () => http.fetch(request.url, {
      method: request.method,
      headers,
      body: request.body,
      signal: AbortSignal.timeout(http.timeoutMs),
    }),
    http.retry,
    {
      onRetry: ({ attempt: n, status, waitMs }) =>
        http.log.warn({ method: request.method, url: where, status, attempt: n, waitMs }, 'Graph request retried'),
    },
    http.sleep,
    request.retryOn,
  );
  if (attempt.kind === 'network') {
    return fail({ code: 'network', message: `${request.method} ${where}: no answer (${errorText(attempt.error)})` });
  }
  const response = attempt.response;
  if (response.ok) return ok(response);
  return fail(await failureOf(response, `${request.method} ${where}`));
}

/** Graph's error body is `{"error": {"code", "message"}}`; anything else is reported by status. */
export async function failureOf(response: Response, what: string): Promise<GraphFailure> {
  let serviceCode: string | undefined;
  let detail = '';
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') serviceCode = body.error.code;
    if (typeof body.error?.message === 'string') detail = `: ${body.error.message}`;
  } catch {
    // Not JSON (a gateway's HTML page): the status says enough.
  }
  const throttled = response.status === 429 || response.status === 503;
  return {
    code: throttled ? 'throttled' : 'http',
    message: `${what} answered ${response.status}${serviceCode ? ` ${serviceCode}` : ''}${detail}`,
    status: response.status,
    ...(serviceCode === undefined ? {} : { serviceCode }),
  };
}

/**
 * A URL fit for a log line or an error message: origin and path, no query. Upload-session URLs
 * carry their authorisation in the query (tempauth=…), which is as good as a token.
 */
/**
 * A Graph URL as logs and failure messages may show it: origin and path, without the query (it
 * can hold a filter on someone's name) and with the user each path names left out — the segment
 * after `users/` (a mailbox, a sign-in name or an object id) and any segment that reads as an
 * address — so that a retried sendMail does not put the sender's or a recipient's address in
 * the log.
 */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const segments = parsed.pathname.split('/');
    const shown = segments.map((segment, i) => {
      const decoded = safeDecode(segment);
      if (segments[i - 1]?.toLowerCase() === 'users' || decoded.includes('@')) return '{user}';
      return segment;
    });
    return `${parsed.origin}${shown.join('/')}`;
  } catch {
    return '(unparsable URL)';
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
