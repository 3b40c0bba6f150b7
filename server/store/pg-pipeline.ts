import type pg from 'pg';

/** A statement with its parameters ($1…), or a text with none (sent as a simple query). */
export interface Statement {
  readonly text: string;
  readonly values?: readonly unknown[];
}

/** Sends a statement at once, behind those already sent; answers its rows when its answer comes. */
export type Send = <R>(statement: Statement) => Promise<R[]>;

/**
 * A pooled connection kept by one lane (one hot sheet's queue) while the lane has pushes
 * waiting, and put in pipeline mode for each use: each statement goes out as it is sent,
 * without waiting for the answers to the ones before it (each is still its own statement, run
 * in order, with its own snapshot under read committed, and fails on its own: after a failure
 * inside a transaction the ones behind it fail as "transaction aborted").
 *
 * Why: every answer reaches this process only when its one thread gets back to the socket,
 * behind whatever else it is doing (~15–40 ms with 50 readers on 2 cores). Statements that do
 * not need each other's answers in JavaScript cost one such wait together instead of one each.
 * And the connection is taken from the pool once per busy spell of the lane, not once per
 * transaction: with readers beside the writers the pool has a queue of its own (measured: 28 ms
 * on average, up to 180 ms, for each transaction's connection), which the hot sheet's
 * transactions, back to back, would otherwise join each time. It is in use all that time, never
 * idle waiting for a lock.
 *
 * pg (8.2x) has pipeline mode as a client option; the kept client is put in it for each use and
 * back after (pg reads the flag each time it sends). A pg without it sends the statements one
 * after another as usual: slower, the same results.
 */
export class LaneConnection {
  #client: pg.PoolClient | null = null;

  constructor(private readonly pool: pg.Pool) {}

  async use<T>(body: (send: Send) => Promise<T>): Promise<T> {
    const client = (this.#client ??= await this.#take());
    const flag = client as unknown as { pipeline?: unknown };
    const pipelined = typeof flag.pipeline === 'boolean';
    if (pipelined) flag.pipeline = true;
    const sent: Promise<unknown>[] = [];
    const send: Send = <R>(statement: Statement): Promise<R[]> => {
      const answer = statement.values === undefined ? client.query(statement.text) : client.query(statement.text, statement.values as unknown[]);
      const rows = answer.then((result) => result.rows as R[]);
      // Whoever needs this answer awaits it; one nobody awaits (a failed transaction's tail)
      // must not become an unhandled rejection.
      sent.push(rows.catch(() => undefined));
      return rows;
    };
    let broken: Error | undefined;
    try {
      return await body(send);
    } catch (error) {
      // A transaction may still be open on it: the connection is closed, not kept or pooled.
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      // Every answer in before the connection leaves pipeline mode or this use.
      await Promise.all(sent);
      if (pipelined) flag.pipeline = false;
      if (broken !== undefined || this.#lostError !== null) {
        this.#lostError ??= broken!;
        this.release();
      }
    }
  }

  /** Back to the pool (the lane has nothing waiting). */
  release(): void {
    const client = this.#client;
    this.#client = null;
    if (client === null) return;
    client.removeListener('error', this.#lost);
    client.release(this.#lostError ?? undefined);
    this.#lostError = null;
  }

  #lostError: Error | null = null;

  /**
   * A kept client is checked out, so the pool no longer listens for its connection's errors
   * (unheard, one would end the process): the statements in flight fail with it, and the
   * client is closed on release.
   */
  readonly #lost = (error: Error): void => {
    this.#lostError = error;
  };

  async #take(): Promise<pg.PoolClient> {
    const client = await this.pool.connect();
    this.#lostError = null;
    client.on('error', this.#lost);
    return client;
  }
}
