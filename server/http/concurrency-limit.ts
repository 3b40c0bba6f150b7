/**
 * How many heavy requests (pushes, pulls, uploads, scorecards, exports) one user may have running
 * at once on this instance. Four concurrent 30 MB pushes from one account once took the service
 * to 1.45 GB and stalled it: past the limit a request is answered 429 at once, before its body
 * is read, and the other users are served as before. Counted per instance, in memory: with
 * several instances a user may hold that many on each.
 */
export interface ConcurrencyLimiter {
  /** A release function when a slot was free; null when the user already holds `limit`. */
  acquire(key: string): (() => void) | null;
  /** Slots held right now (tests, metrics). */
  held(key: string): number;
}

export function concurrencyLimiter(limit: number): ConcurrencyLimiter {
  const running = new Map<string, number>();
  return {
    acquire(key) {
      const now = running.get(key) ?? 0;
      if (now >= limit) return null;
      running.set(key, now + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (running.get(key) ?? 1) - 1;
        if (left <= 0) running.delete(key);
        else running.set(key, left);
      };
    },
    held: (key) => running.get(key) ?? 0,
  };
}
