import type { Timers } from '../../../addin/sync/offline-queue';

/** Timers the test moves by hand: nothing waits for real, and "retrying in N s" is exact. */
export class ManualTimers implements Timers {
  current = 1_700_000_000_000;
  private nextId = 1;
  readonly pending = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.current + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves the clock to the earliest timer and runs it. */
  fireNext(): void {
    const next = [...this.pending].sort((a, b) => a[1].at - b[1].at)[0];
    if (!next) throw new Error('no timer pending');
    this.pending.delete(next[0]);
    this.current = Math.max(this.current, next[1].at);
    next[1].fn();
  }
}

export class MemoryStorage {
  readonly items = new Map<string, string>();
  failWrites = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** Resolves when `predicate` holds for a state the subscription reports (or holds already). */
export function until<S>(subscribe: (l: (s: S) => void) => () => void, current: () => S, predicate: (s: S) => boolean, ms = 5_000): Promise<S> {
  return new Promise((resolve, reject) => {
    if (predicate(current())) return resolve(current());
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`condition not reached in ${ms} ms`));
    }, ms);
    const stop = subscribe((s) => {
      if (!predicate(s)) return;
      clearTimeout(timer);
      stop();
      resolve(s);
    });
  });
}
