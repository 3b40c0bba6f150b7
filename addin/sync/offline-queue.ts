import type { PushBody, PushResponse } from '../../shared/api/sync';
import { fail, type Result } from '../../shared/result';
import { sameOwner } from '../auth/token-owner';
import type { PushProgress } from './progress';
import { loadQueue, saveQueue, type QueuedPush, type QueueOwner, type KeyValueStorage } from './queue-storage';
import type { SheetRef, SyncFailure } from './sync-client';
import { isRetryable } from './sync-client';

export { browserStorage, type KeyValueStorage, type QueuedBase, type QueuedPush, type QueueOwner } from './queue-storage';

/**
 * Pushes wait here while the service is down. Every push goes through the queue (so there is
 * one order, one place that waits); while the service answers, the queue is just a pass-through.
 *
 * - Owners: each entry records the account that queued it (tenant and user id) and is sent only
 *   while that same account is signed in, with a token the client checks is that account's. An
 *   entry of another account, or one waiting for its owner to sign in again, is kept — never
 *   sent under someone else's name, never dropped — until its owner signs in or discards it.
 * - Order: one at a time, oldest first among the signed-in owner's entries; a later push never
 *   overtakes an earlier one of the same owner.
 * - Exactly once: each entry keeps the Idempotency-Key it got when queued, persisted with it, so
 *   an entry resent after a reload (its answer lost) is replayed by the service, not applied twice.
 * - Waiting: when a push comes back `unreachable`, the queue says so ('waiting', with the time of
 *   the next try) and tries again after a growing, jittered delay, or the service's Retry-After.
 * - A sign-in failure is not "retry later": the queue stops ('sign-in'), keeps the entry, and
 *   the failure is the push's outcome, so the pane reports it; signing in sends it.
 * - A definite "no" (a problem answer) is not waited out: the entry leaves the queue with its
 *   failure, so one bad push cannot block the sheets behind it.
 * - Persistence: localStorage where the host allows it; memory otherwise (Safari in private mode
 *   throws on setItem, and a huge full push may not fit the quota). The state says which.
 */

export interface InFlight {
  readonly id: string;
  readonly ref: SheetRef;
  readonly progress: PushProgress | null;
}

/** Entries kept for an owner who is not the signed-in account (or for nobody known). */
export interface HeldForOthers {
  readonly name: string | null;
  readonly count: number;
}

interface Common {
  /** Entries of the signed-in account still to send. */
  readonly pending: number;
  readonly persisted: boolean;
  /** Entries that wait for another account (or an unknown one) to sign in. */
  readonly heldForOthers: readonly HeldForOthers[];
}

export type QueueState =
  | (Common & { readonly status: 'online'; readonly inFlight: InFlight | null })
  | (Common & {
      readonly status: 'waiting';
      readonly inFlight: null;
      /** Epoch milliseconds of the next try. */
      readonly nextRetryAt: number;
      readonly failure: SyncFailure;
    })
  /** The owner's token could not be had (signed out, expired, refused): waits for a sign-in. */
  | (Common & { readonly status: 'sign-in'; readonly inFlight: null; readonly failure: SyncFailure });

export interface PushOutcome {
  readonly entry: QueuedPush;
  readonly result: Result<PushResponse, SyncFailure>;
  /** true: the push is still queued (its owner must sign in); false: it left the queue. */
  readonly kept: boolean;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface OfflineQueueOptions {
  /** Sends an entry; the client must refuse a token that is not `entry.owner`'s ('wrong-account'). */
  readonly send: (
    entry: QueuedPush & { readonly owner: QueueOwner },
    baseRevision: number | null,
    onProgress: (p: PushProgress) => void,
  ) => Promise<Result<PushResponse, SyncFailure>>;
  /** Who is signed in now (null: nobody). */
  readonly currentOwner: () => QueueOwner | null;
  readonly storage: KeyValueStorage | null;
  /** One queue per service: the key says which. Entries within it say whose. */
  readonly storageKey: string;
  readonly timers?: Timers;
  readonly random?: () => number;
  readonly newId?: () => string;
  /** Waits between tries while the service is down: doubling from the first to the last. */
  readonly waitMs?: { readonly first: number; readonly max: number };
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function sameSheet(a: SheetRef, b: SheetRef): boolean {
  return a.workspace === b.workspace && a.workbook === b.workbook && a.sheet === b.sheet;
}

const NOT_SIGNED_IN: SyncFailure = { kind: 'auth', failure: { kind: 'not-configured' } };

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
    this.entries = loadQueue(options.storage, options.storageKey);
    this.persisted = this.save();
    this.current = this.onlineState(null);
  }

  state(): QueueState {
    return this.current;
  }

  /** Every entry kept, whoever owns it. */
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

  /**
   * Queues a push of the signed-in account and starts sending; `done` settles with this push's
   * outcome. Nobody signed in: nothing is queued, the outcome is the sign-in failure.
   */
  enqueue(push: { ref: SheetRef; body: PushBody; base: number | null }): { id: string; done: Promise<PushOutcome> } {
    const owner = this.options.currentOwner();
    const id = this.newId();
    if (owner === null) {
      const entry: QueuedPush = { id, idempotencyKey: id, ref: push.ref, body: push.body, base: push.base, enqueuedAt: this.timers.now(), owner: null };
      return { id, done: Promise.resolve({ entry, result: fail(NOT_SIGNED_IN), kept: false }) };
    }
    // A push queued behind another of the same sheet (same owner) starts from the revision that one makes.
    const chained = this.entries.some((e) => sameOwner(e.owner, owner) && sameSheet(e.ref, push.ref));
    const entry: QueuedPush = {
      id,
      idempotencyKey: this.newId(),
      ref: push.ref,
      body: push.body,
      base: chained ? 'previous' : push.base,
      enqueuedAt: this.timers.now(),
      owner,
    };
    this.entries.push(entry);
    this.persisted = this.save();
    const done = new Promise<PushOutcome>((resolve) => this.waiters.set(entry.id, resolve));
    if (this.current.status === 'waiting') this.setState({ ...this.current, ...this.counts() });
    else {
      this.setState(this.onlineState(null));
      void this.drain();
    }
    return { id: entry.id, done };
  }

  /** Sends what was restored from storage (the signed-in account's entries). */
  start(): void {
    if (this.mine().length > 0) void this.drain();
  }

  /** "Retry now", or the browser's `online` event: skip the rest of the wait. */
  retryNow(): void {
    if (this.current.status !== 'waiting') return;
    this.clearTimer();
    this.setState(this.onlineState(null));
    void this.drain();
  }

  /**
   * Someone signed in or out: recount whose entries are sendable, and send the new account's.
   * A wait in progress is dropped (the next account's entries have not failed yet).
   */
  accountChanged(): void {
    this.clearTimer();
    this.failures = 0;
    this.setState(this.onlineState(null));
    if (this.mine().length > 0) void this.drain();
  }

  /**
   * The signed-in account gives up its waiting pushes (or ownerless ones, which nobody can
   * send). Another account's entries are not touched. Returns how many were removed.
   */
  discard(which: 'mine' | 'ownerless'): number {
    const owner = this.options.currentOwner();
    const remove = (e: QueuedPush) => (which === 'mine' ? owner !== null && sameOwner(e.owner, owner) : e.owner === null);
    const removed = this.entries.filter(remove);
    // The one in flight stays: its answer is on the way.
    const inFlight = this.current.inFlight?.id;
    const gone = removed.filter((e) => e.id !== inFlight);
    this.entries = this.entries.filter((e) => !gone.includes(e));
    this.persisted = this.save();
    for (const e of gone) this.finish({ entry: e, result: fail(NOT_SIGNED_IN), kept: false });
    if (this.mine().length === 0) this.clearTimer();
    this.setState(this.mine().length === 0 ? this.onlineState(null) : { ...this.current, ...this.counts() });
    return gone.length;
  }

  dispose(): void {
    this.clearTimer();
    this.stateListeners.clear();
    this.outcomeListeners.clear();
  }

  private mine(): QueuedPush[] {
    const owner = this.options.currentOwner();
    return owner === null ? [] : this.entries.filter((e) => sameOwner(e.owner, owner));
  }

  private counts(): Common {
    const owner = this.options.currentOwner();
    const others = new Map<string, HeldForOthers>();
    let pending = 0;
    for (const e of this.entries) {
      if (owner !== null && sameOwner(e.owner, owner)) pending++;
      else {
        const key = e.owner ? JSON.stringify([e.owner.tenantId, e.owner.userId]) : '';
        const held = others.get(key);
        others.set(key, { name: e.owner?.name ?? null, count: (held?.count ?? 0) + 1 });
      }
    }
    return { pending, persisted: this.persisted, heldForOthers: [...others.values()] };
  }

  private async drain(): Promise<void> {
    // One drain at a time: two would send the head twice.
    if (this.draining) return;
    this.draining = true;
    try {
      for (let head = this.mine()[0]; head; head = this.mine()[0]) {
        const entry = head as QueuedPush & { owner: QueueOwner };
        // 'previous' is only left on the head if the entry before it went missing: send as created.
        const base = entry.base === 'previous' ? null : entry.base;
        this.setState(this.onlineState({ id: entry.id, ref: entry.ref, progress: null }));
        const result = await this.options.send(entry, base, (progress) =>
          this.setState(this.onlineState({ id: entry.id, ref: entry.ref, progress })),
        );
        if (!result.ok && isRetryable(result.error)) {
          this.wait(result.error);
          return;
        }
        if (!result.ok && result.error.kind === 'auth') {
          // Kept: its owner signs in again (accountChanged) or discards it. Every push of this
          // owner that someone waits for hears it now (they wait behind this one, and would
          // wait for a sign-in too), so no "Push" stays busy.
          this.setState({ status: 'sign-in', inFlight: null, failure: result.error, ...this.counts() });
          for (const waiting of this.mine()) if (this.waiters.has(waiting.id)) this.finish({ entry: waiting, result, kept: true });
          return;
        }
        this.failures = 0;
        this.entries = this.entries.filter((e) => e.id !== entry.id);
        this.resolveNext(entry, result.ok ? result.value.revision : base);
        this.persisted = this.save();
        this.setState(this.onlineState(null));
        this.finish({ entry, result, kept: false });
      }
    } finally {
      this.draining = false;
    }
  }

  /** The next queued push of the same sheet and owner starts from the revision this one left. */
  private resolveNext(done: QueuedPush, revision: number | null): void {
    const i = this.entries.findIndex((e) => sameOwner(e.owner, done.owner) && sameSheet(e.ref, done.ref));
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
    this.setState({ status: 'waiting', inFlight: null, nextRetryAt, failure, ...this.counts() });
  }

  private finish(outcome: PushOutcome): void {
    const waiter = this.waiters.get(outcome.entry.id);
    this.waiters.delete(outcome.entry.id);
    waiter?.(outcome);
    for (const listener of this.outcomeListeners) listener(outcome);
  }

  private onlineState(inFlight: InFlight | null): QueueState {
    return { status: 'online', inFlight, ...this.counts() };
  }

  private setState(state: QueueState): void {
    this.current = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private save(): boolean {
    return saveQueue(this.options.storage, this.options.storageKey, this.entries);
  }
}
