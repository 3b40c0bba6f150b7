/**
 * The arithmetic of a sliding-window rate limit, shared by the in-memory and the Redis limiter.
 *
 * Requests are counted per fixed window (a clock minute), but a request is judged against the
 * last full window length ending now: the previous window's count, weighted by how much of it
 * still lies inside that span, plus the current window's count. So 1,200 requests in the last
 * second of one minute are still counted, at nearly full weight, in the first seconds of the
 * next: no 2× burst across a boundary, as a per-clock-minute counter allows. Two counters per
 * caller, whatever the rate. Refused requests are not counted: a client that waits as told
 * (Retry-After) gets through then.
 */

export interface WindowCounts {
  /** Requests allowed in the previous window. */
  readonly previous: number;
  /** Requests allowed in the current window so far. */
  readonly current: number;
}

export interface WindowPosition {
  /** The current window's number (time / window). */
  readonly index: number;
  /** Milliseconds since the current window began. */
  readonly elapsedMs: number;
  /** How much of the previous window still counts: 1 at the boundary, 0 at the next one. */
  readonly previousWeight: number;
}

export function windowPosition(nowMs: number, windowMs: number): WindowPosition {
  const index = Math.floor(nowMs / windowMs);
  const elapsedMs = nowMs - index * windowMs;
  return { index, elapsedMs, previousWeight: (windowMs - elapsedMs) / windowMs };
}

/** The requests counted against the caller now. */
export function estimate(counts: WindowCounts, position: WindowPosition): number {
  return counts.previous * position.previousWeight + counts.current;
}

/** Whether one more request fits under the limit. */
export function fits(counts: WindowCounts, position: WindowPosition, limit: number): boolean {
  return estimate(counts, position) + 1 <= limit;
}

/**
 * Milliseconds from now until one more request would fit, if no other request came meanwhile:
 * later in this window as the previous window's weight fades, or in the next window (where this
 * window's count becomes the fading one), or at the latest in the window after it.
 */
export function waitMs(counts: WindowCounts, position: WindowPosition, limit: number, windowMs: number): number {
  if (fits(counts, position, limit)) return 0;
  const left = windowMs - position.elapsedMs;
  if (counts.previous > 0 && counts.current + 1 <= limit) {
    const wait = left - ((limit - counts.current - 1) * windowMs) / counts.previous;
    if (wait < left) return Math.max(1, Math.ceil(wait));
  }
  const intoNext = counts.current > 0 ? Math.max(0, windowMs * (1 - (limit - 1) / counts.current)) : 0;
  return Math.max(1, Math.ceil(left + intoNext));
}
