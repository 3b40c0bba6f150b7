import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

/**
 * The worker half of wal-checkpointer.ts: its own connection on the store's file, copying the
 * WAL back into the database file off the service's main thread. Runs as compiled JS
 * (dist/server/store/wal-checkpoint-worker.js). Any message from the main thread means "a write
 * transaction committed". A failure is thrown, never caught: the main thread sees the worker end
 * and goes back to checkpointing on commit.
 */
export interface CheckpointWorkerData {
  readonly file: string;
  /** At most one checkpoint per this many ms, however many commits were signalled. */
  readonly intervalMs: number;
}

function main(port: NonNullable<typeof parentPort>, data: CheckpointWorkerData): void {
  // The file exists (the main connection made it and set WAL mode, which is persistent).
  const database = new BetterSqlite3(data.file, { fileMustExist: true, timeout: 0 });
  // Never OFF: a checkpoint must sync the WAL before it overwrites pages of the database file,
  // and the file after, or a power cut in the middle could corrupt the database. This connection
  // never commits, so FULL costs nothing beyond that.
  database.pragma('synchronous = FULL');
  const checkpoint = database.prepare('pragma wal_checkpoint(passive)');

  let timer: NodeJS.Timeout | undefined;
  let lastRun = -Infinity;
  const run = (): void => {
    timer = undefined;
    lastRun = performance.now();
    // PASSIVE never waits for the writer or readers: it copies what it can now. What a reader's
    // snapshot still needs, or what a commit adds meanwhile, waits for the next signal.
    checkpoint.get();
  };
  // After a quiet spell the first signal checkpoints at once (a big push's WAL goes back while
  // the service answers); a burst of small commits shares one checkpoint per interval.
  port.on('message', () => {
    if (timer === undefined) timer = setTimeout(run, Math.max(0, lastRun + data.intervalMs - performance.now()));
  });
}

if (parentPort) main(parentPort, workerData as CheckpointWorkerData);
