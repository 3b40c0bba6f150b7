/**
 * Bounded retries for Graph calls. Graph answers 429 (throttled) and 503 (busy) with a
 * Retry-After header; ignoring it prolongs the throttling, and retrying forever would hang a
 * scheduled job, so we wait as told, up to a cap, a few times, then give the answer back.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** First backoff when the answer carries no Retry-After; doubled per attempt, with jitter. */
  readonly baseDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails as throttled instead. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Statuses that mean "try again later" rather than "this request is wrong". */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

export type Sleep = (ms: number) => Promise<void>;

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retry-After is either delta-seconds ("120") or an HTTP date; null when absent or unreadable.
 * A date in the past means "now" (0).
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Half fixed, half random: spreads instances that were throttled together.
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export type Attempt =
  | { readonly kind: 'response'; readonly response: Response }
  | { readonly kind: 'network'; readonly error: unknown };

export interface RetryEvents {
  /** Called before each wait, for a log line (status, how long, which attempt). */
  onRetry?(info: { attempt: number; status: number | null; waitMs: number }): void;
}

/**
 * Sends until the answer is not 429/503 (or another of `statuses`; nor a network error), the attempts run out, or the
 * server asks for a longer wait than the policy allows. Returns the last attempt, so the caller
 * maps its status to a failure. Only idempotent requests (GET, PUT of a whole file or of one
 * byte range, creating an upload session) go through here.
 */
export async function sendWithRetries(
  send: () => Promise<Response>,
  policy: RetryPolicy,
  events: RetryEvents = {},
  wait: Sleep = sleep,
  statuses: ReadonlySet<number> = RETRYABLE_STATUSES,
): Promise<Attempt> {
  for (let attempt = 1; ; attempt++) {
    let result: Attempt;
    try {
      result = { kind: 'response', response: await send() };
    } catch (error) {
      result = { kind: 'network', error };
    }
    const status = result.kind === 'response' ? result.response.status : null;
    const retryable = status === null || statuses.has(status);
    if (!retryable || attempt >= policy.maxAttempts) return result;

    const asked = result.kind === 'response' ? retryAfterMs(result.response.headers.get('retry-after')) : null;
    const waitMs = asked ?? backoffMs(attempt, policy);
    if (waitMs > policy.maxDelayMs) return result;
    // Free the connection before waiting; the body of a 429 is of no use to us.
    if (result.kind === 'response') await result.response.body?.cancel().catch(() => undefined);
    events.onRetry?.({ attempt, status, waitMs });
    await wait(waitMs);
  }
}
