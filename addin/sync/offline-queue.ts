import { z } from 'zod';
import { PushBodySchema, type PushBody, type PushResponse } from '../../shared/api/sync';
import type { Result } from '../../shared/result';
import type { PushProgress } from './progress';
import type { SheetRef, SyncFailure } from './sync-client';
import { isRetryable } from './sync-client';

/**
 * Pushes wait here while the service is down. Every push goes through the queue (so there is
 * one order, one place that waits); while the service answers, the queue is just a pass-through.
 *
 * - Order: entries are sent one at a time, oldest first; a later push never overtakes an
 *   earlier one.
 * - Exactly once: each entry keeps the Idempotency-Key it got when queued, persisted with it, so
 *   an entry resent after a reload (its answer lost) is replayed by the service, not applied twice.
 * - Waiting: when a push comes back `unreachable`, the queue says so ('waiting', with the time of
 *   the next try) and tries again after a growing, jittered delay, or the service's Retry-After.
 * - A definite "no" (a problem answer) is not waited out: the entry leaves the queue with its
 *   failure, so one bad push cannot block the sheets behind it.
 * - Persistence: localStorage where the host allows it; memory otherwise (Safari in private mode
 *   throws on setItem, and a huge full push may not fit the quota). The state says which.
 */

/** localStorage's shape, so tests and hosts without it can pass their own. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** `previous`: the revision the push before it (same sheet, same queue) produced. */
export type QueuedBase = number | null | 'previous';

export interface QueuedPush {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly ref: SheetRef;
  readonly body: PushBody;
  readonly base: QueuedBase;
  readonly enqueuedAt: number;
}

export interface InFlight {
  readonly id: string;
  readonly ref: SheetRef;
  readonly progress: PushProgress | null;
}

export type QueueState =
  | { readonly status: 'online'; readonly pending: number; readonly persisted: boolean; readonly inFlight: InFlight | null }
  | {
      readonly status: 'waiting';
      readonly pending: number;
      readonly persisted: boolean;
      readonly inFlight: null;
      /** Epoch milliseconds of the next try. */
      readonly nextRetryAt: number;
      readonly failure: SyncFailure;
    };

export interface PushOutcome {
  readonly entry: QueuedPush;
  readonly result: Result<PushResponse, SyncFailure>;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface OfflineQueueOptions {
  readonly send: (
    entry: QueuedPush,
    baseRevision: number | null,
    onProgress: (p: PushProgress) => void,
  ) => Promise<Result<PushResponse, SyncFailure>>;
  readonly storage: KeyValueStorage | null;
  /** One queue per service and user: the key says which. */
  readonly storageKey: string;
  readonly timers?: Timers;
  readonly random?: () => number;
  readonly newId?: () => string;
  /** Waits between tries while the service is down: doubling from the first to the last. */
  readonly waitMs?: { readonly first: number; readonly max: number };
}

const StoredSchema = z.object({
  v: z.literal(1),
  entries: z.array(
    z.object({
      id: z.string(),
      idempotencyKey: z.string(),
      ref: z.object({ workspace: z.string(), workbook: z.string(), sheet: z.string() }),
      body: PushBodySchema,
      base: z.union([z.number().int().nonnegative(), z.null(), z.literal('previous')]),
      enqueuedAt: z.number(),
    }),
  ),
});

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function sameSheet(a: SheetRef, b: SheetRef): boolean {
  return a.workspace === b.workspace && a.workbook === b.workbook && a.sheet === b.sheet;
}

export class OfflineQueue {
  private entries: QueuedPush[] = [];
  private persisted = false;
  private draining = false;
  private failures = 0;
  private timer: unknown = null;
  private current: QueueState;
  private readonly waiters = new Map<string, (outcome: PushOutcome) => void>();
  private readonly stateListeners = new Set<(state: QueueState) => void>();
  private readonly outcomeListeners = new Set<(outcome: PushOutcome) => void>();
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly newId: () => string;
  private readonly waitMs: { readonly first: number; readonly max: number };

  constructor(private readonly options: OfflineQueueOptions) {
    this.timers = options.timers ?? realTimers;
    this.random = options.random ?? Math.random;
    this.newId = options.newId ?? (() => globalThis.crypto.randomUUID());
    this.waitMs = options.waitMs ?? { first: 2_000, max: 60_000 };
    this.entries = this.load();
    this.persisted = this.save();
    this.current = { status: 'online', pending: this.entries.length, persisted: this.persisted, inFlight: null };
  }

  state(): QueueState {
    return this.current;
  }

  pending(): readonly QueuedPush[] {
    return this.entries;
  }

  subscribe(listener: (state: QueueState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Every entry's outcome, those restored from storage after a reload included. */
  onOutcome(listener: (outcome: PushOutcome) => void): () => void {
    this.outcomeListeners.add(listener);
    return () => this.outcomeListeners.delete(listener);
  }

  /** Queues a push and starts sending; `done` settles with this push's outcome. */
  enqueue(push: { ref: SheetRef; body: PushBody; base: number | null }): { id: string; done: Promise<PushOutcome> } {
    // A push queued behind another of the same sheet starts from the revision that one makes.
    const chained = this.entries.some((e) => sameSheet(e.ref, push.ref));
    const entry: QueuedPush = {
      id: this.newId(),
      idempotencyKey: this.newId(),
      ref: push.ref,
      body: push.body,
      base: chained ? 'previous' : push.base,
      enqueuedAt: this.timers.now(),
    };
    this.entries.push(entry);
    this.persisted = this.save();
    const done = new Promise<PushOutcome>((resolve) => this.waiters.set(entry.id, resolve));
    this.setState(this.current.status === 'waiting' ? { ...this.current, pending: this.entries.length, persisted: this.persisted } : this.onlineState(null));
    if (this.current.status === 'online') void this.drain();
    return { id: entry.id, done };
  }

  /** Sends what was restored from storage. */
  start(): void {
    if (this.entries.length > 0) void this.drain();
  }

  /** "Retry now", or the browser's `online` event: skip the rest of the wait. */
  retryNow(): void {
    if (this.current.status !== 'waiting') return;
    this.clearTimer();
    this.setState(this.onlineState(null));
    void this.drain();
  }

  dispose(): void {
    this.clearTimer();
    this.stateListeners.clear();
    this.outcomeListeners.clear();
  }

  private async drain(): Promise<void> {
    // One drain at a time: two would send the head twice.
    if (this.draining) return;
    this.draining = true;
    try {
      for (let head = this.entries[0]; head; head = this.entries[0]) {
        // 'previous' is only left on the head if the entry before it went missing: send as created.
        const base = head.base === 'previous' ? null : head.base;
        const entry = head;
        this.setState(this.onlineState({ id: entry.id, ref: entry.ref, progress: null }));
        const result = await this.options.send(entry, base, (progress) =>
          this.setState(this.onlineState({ id: entry.id, ref: entry.ref, progress })),
        );
        if (!result.ok && isRetryable(result.error)) {
          this.wait(result.error);
          return;
        }
        this.failures = 0;
        this.entries.shift();
        this.resolveNext(entry, result.ok ? result.value.revision : base);
        this.persisted = this.save();
        this.setState(this.onlineState(null));
        this.finish({ entry, result });
      }
    } finally {
      this.draining = false;
    }
  }

  /** The next queued push of the same sheet starts from the revision this one left. */
  private resolveNext(done: QueuedPush, revision: number | null): void {
    const i = this.entries.findIndex((e) => sameSheet(e.ref, done.ref));
    const next = this.entries[i];
    if (next && next.base === 'previous') this.entries[i] = { ...next, base: revision };
  }

  private wait(failure: SyncFailure): void {
    this.failures++;
    const step = Math.min(this.waitMs.max, this.waitMs.first * 2 ** (this.failures - 1));
    // Jitter in [step/2, step]: spread out, yet "retrying in N s" stays close to the truth.
    const jittered = Math.floor(step / 2 + (this.random() * step) / 2);
    const retryAfter = failure.kind === 'unreachable' ? (failure.retryAfterMs ?? 0) : 0;
    const delay = Math.max(jittered, retryAfter);
    const nextRetryAt = this.timers.now() + delay;
    this.clearTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.setState(this.onlineState(null));
      void this.drain();
    }, delay);
    this.setState({ status: 'waiting', pending: this.entries.length, persisted: this.persisted, inFlight: null, nextRetryAt, failure });
  }

  private finish(outcome: PushOutcome): void {
    const waiter = this.waiters.get(outcome.entry.id);
    this.waiters.delete(outcome.entry.id);
    waiter?.(outcome);
    for (const listener of this.outcomeListeners) listener(outcome);
  }

  private onlineState(inFlight: InFlight | null): QueueState {
    return { status: 'online', pending: this.entries.length, persisted: this.persisted, inFlight };
  }

  private setState(state: QueueState): void {
    this.current = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private load(): QueuedPush[] {
    const storage = this.options.storage;
    if (!storage) return [];
    try {
      const text = storage.getItem(this.options.storageKey);
      if (text === null) return [];
      const parsed = StoredSchema.safeParse(JSON.parse(text));
      // Unreadable storage (another version, hand-edited) is dropped rather than half-trusted.
      return parsed.success ? parsed.data.entries : [];
    } catch {
      return [];
    }
  }

  /** true when the queue is in storage now. */
  private save(): boolean {
    const storage = this.options.storage;
    if (!storage) return false;
    try {
      if (this.entries.length === 0) storage.removeItem(this.options.storageKey);
      else storage.setItem(this.options.storageKey, JSON.stringify({ v: 1, entries: this.entries }));
      return true;
    } catch {
      // Quota exceeded or storage refused: keep going in memory, and say so in the state.
      return false;
    }
  }
}

/** The page's localStorage when it can be used; null where it throws (private modes, some hosts). */
export function browserStorage(): KeyValueStorage | null {
  try {
    const storage = (globalThis as { localStorage?: KeyValueStorage }).localStorage;
    if (!storage) return null;
    const probe = '__ops_scorecard_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}
