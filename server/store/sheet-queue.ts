/**
 * A first-in, first-out queue per lane (here: per sheet), in front of the work on that lane.
 *
 * Why: on PostgreSQL, pushes to one sheet serialise on the sheet row's lock. Without a queue,
 * each push of a hot sheet takes a pool connection, opens its transaction and waits on the row
 * lock holding that connection idle, so a few hot-sheet writers starve every other request of
 * connections, and the database decides the order. With it, a push waits here, holding
 * nothing, until the pushes ahead of it on the same sheet are answered; pushes to other sheets
 * run in parallel. The row lock stays: it is what serialises several instances.
 *
 * The lane's runner takes up to `maxBatch` waiting items at a time from the head (1: one at a
 * time), so that a runner able to apply several in one transaction (group commit) gets them
 * together. Items taken together are answered together, in order.
 */

/** One item's outcome: its value, or the error it failed with (only that item's caller sees it). */
export type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

export interface LaneRunner<T, R> {
  /**
   * Runs items taken together from one lane, in order; answers one Settled per item, in the same
   * order. May throw: then every item taken fails with that error.
   */
  run(items: readonly T[], lane: string): Promise<readonly Settled<R>[]>;
  /** The lane has nothing left waiting (e.g. give back what its runs kept between them). */
  drained?(lane: string): void;
  /** Whether `next` may join a batch already holding `taken` (e.g. not the same Idempotency-Key twice). */
  mayJoin?(taken: readonly T[], next: T): boolean;
}

interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

export class LaneQueue<T, R> {
  readonly #lanes = new Map<string, Waiting<T, R>[]>();

  constructor(
    private readonly runner: LaneRunner<T, R>,
    private readonly maxBatch: number,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new Error(`LaneQueue: maxBatch must be a positive integer, got ${maxBatch}`);
  }

  /** Answers once every item queued before it on the same lane has been answered, and its own run is done. */
  enqueue(lane: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const waiting = this.#lanes.get(lane);
      const entry = { item, resolve, reject };
      if (waiting !== undefined) {
        waiting.push(entry);
        return;
      }
      // No runner on this lane: this call starts one, which runs until the lane is empty.
      this.#lanes.set(lane, [entry]);
      void this.#drain(lane);
    });
  }

  /** Items waiting or running, per lane (for tests and diagnostics). */
  depth(lane: string): number {
    return this.#lanes.get(lane)?.length ?? 0;
  }

  async #drain(lane: string): Promise<void> {
    const waiting = this.#lanes.get(lane)!;
    while (waiting.length > 0) {
      const taken = this.#take(waiting);
      let settled: readonly Settled<R>[];
      try {
        settled = await this.runner.run(
          taken.map((w) => w.item),
          lane,
        );
        if (settled.length !== taken.length) throw new Error(`LaneQueue: the runner answered ${settled.length} of ${taken.length} items`);
      } catch (error) {
        settled = taken.map(() => ({ ok: false, error }));
      }
      // Answered only now, and removed from the lane only now: an item enqueued meanwhile
      // joins this runner's loop instead of starting a second runner on the lane.
      waiting.splice(0, taken.length);
      taken.forEach((w, i) => {
        const outcome = settled[i]!;
        if (outcome.ok) w.resolve(outcome.value);
        else w.reject(outcome.error);
      });
    }
    this.#lanes.delete(lane);
    this.runner.drained?.(lane);
  }

  #take(waiting: readonly Waiting<T, R>[]): Waiting<T, R>[] {
    const taken: Waiting<T, R>[] = [waiting[0]!];
    const mayJoin = this.runner.mayJoin;
    while (taken.length < this.maxBatch && taken.length < waiting.length) {
      const next = waiting[taken.length]!;
      if (mayJoin !== undefined && !mayJoin.call(this.runner, taken.map((w) => w.item), next.item)) break;
      taken.push(next);
    }
    return taken;
  }
}
