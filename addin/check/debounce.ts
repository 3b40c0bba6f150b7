/**
 * Typing fires a change event per cell; the check waits for a pause. Timers are injectable so
 * tests drive time by hand and the pane uses the window's.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export interface Debounced<T> {
  /** Notes one more item; the callback runs `delayMs` after the last one. */
  push(item: T): void;
  /** Runs the callback now with what is pending (nothing pending: no call). */
  flush(): void;
  cancel(): void;
  readonly pending: number;
}

/**
 * Collects distinct items (sheet names) over a quiet period and hands them over at once, so
 * that a paste across two sheets makes one check, not two.
 */
export function debounceDistinct<T>(onSettled: (items: T[]) => void, delayMs: number, timers: Timers = realTimers): Debounced<T> {
  let items = new Set<T>();
  let handle: unknown = null;
  const fire = (): void => {
    handle = null;
    if (items.size === 0) return;
    const batch = [...items];
    items = new Set();
    onSettled(batch);
  };
  return {
    push(item) {
      items.add(item);
      if (handle !== null) timers.clearTimeout(handle);
      handle = timers.setTimeout(fire, delayMs);
    },
    flush() {
      if (handle !== null) timers.clearTimeout(handle);
      fire();
    },
    cancel() {
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
      items = new Set();
    },
    get pending() {
      return items.size;
    },
  };
}
