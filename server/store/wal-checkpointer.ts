import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { CommitObserver } from './sqlite-dialect';
import { walCheckpointWorkerScript } from './wal-checkpoint-script';
import type { CheckpointWorkerData } from './wal-checkpoint-worker';

/**
 * At most two checkpoints a second. Each one that finds frames to copy costs two fsyncs (WAL,
 * then database file), so a stream of small pushes pays that twice a second rather than per push;
 * and the WAL stays within half a second of writes behind, short enough that a checkpoint usually
 * completes before the next write begins, which is when SQLite can start the WAL over from its
 * beginning instead of growing it.
 */
export const CHECKPOINT_INTERVAL_MS = 500;

/**
 * Checkpoints a WAL database file in a worker thread, so that the commit of a big write (a 100k-row
 * push leaves ~30 MB of WAL) no longer copies it back and fsyncs on the service's main thread.
 * The caller turns the connection's own automatic checkpoint (nearly) off, and back on in
 * `fallBack`, which runs once if the worker cannot start or dies: pushes never depend on it.
 */
export function startWalCheckpointer(file: string, fallBack: () => void): CommitObserver {
  let worker: Worker | undefined;
  let closing = false;
  const fail = (why: string): void => {
    if (closing) return;
    worker = undefined;
    fallBack();
    process.emitWarning(`SQLite WAL checkpointer stopped (${why}); commits checkpoint the WAL themselves again`, {
      code: 'OPS_SCORECARD_WAL_CHECKPOINTER',
    });
  };

  const script = walCheckpointWorkerScript();
  if (!existsSync(script)) {
    fail('worker script not built');
  } else {
    try {
      const workerData: CheckpointWorkerData = { file, intervalMs: CHECKPOINT_INTERVAL_MS };
      const started = new Worker(script, { workerData });
      // A thread that only tidies up must never keep the process alive.
      started.unref();
      // 'error' is followed by 'exit': whichever comes first falls back, the other finds it done.
      started.on('error', (error: unknown) => {
        if (worker === started) fail(reasonOf(error));
      });
      started.on('exit', (code) => {
        if (worker === started) fail(`exit code ${code}`);
      });
      worker = started;
    } catch (error) {
      fail(reasonOf(error));
    }
  }

  return {
    committed() {
      worker?.postMessage(0);
    },
    async close() {
      closing = true;
      const stopping = worker;
      worker = undefined;
      // Terminating mid-checkpoint is safe: the checkpoint's native call finishes first, and the
      // thread's teardown closes its connection (the main connection must close last, so that it
      // is the one that checkpoints and removes the WAL).
      await stopping?.terminate();
    },
  };
}

/**
 * An error's code, else its name: never its message, which may carry the file's path. (An error
 * thrown in the worker arrives as a copy that keeps `code` but may lose a subclass's `name`.)
 */
function reasonOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown error';
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  return typeof name === 'string' ? name : 'unknown error';
}
