import path from 'node:path';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import { fail, ok, type Result } from '../../shared/result';
import { createWorkerPool, type PoolFailure, type WorkerPool } from '../workers/worker-pool';
import type { SheetRef } from './store-types';

/**
 * Pulls of a SQLite store read on reader threads (sheet-reader-worker.ts) instead of the
 * service's thread: better-sqlite3 is synchronous, so a 2,000-row pull read there holds every
 * other request (/healthz included) for the read and the JSON encoding. Here that thread only
 * gets the finished bytes.
 *
 * PostgreSQL has no reader: its queries already wait on the socket, not the thread, and a pool
 * of database connections per thread would multiply connections against max_connections.
 */

export interface ReaderTask {
  readonly ref: SheetRef;
  readonly since: number;
}

export interface EncodedPull {
  readonly kind: SheetKind;
  readonly revision: number;
  /** The rows as the pull answer's JSON array, [{key, cells, deleted, revision}…], UTF-8. */
  readonly rowsJson: Uint8Array;
}

export interface SheetReader {
  /** null: no such sheet. A failure (busy, deadline, a dead thread) means: read it on this thread instead. */
  pull(ref: SheetRef, since: number): Promise<Result<EncodedPull | null, PoolFailure>>;
  close(): Promise<void>;
}

/** Compiled, the worker sits next to this file; under jest (the .ts source) it comes from `tsc -b`'s dist/. */
export function sheetReaderWorkerScript(): string {
  if (__filename.endsWith('.ts')) return path.resolve(__dirname, '..', '..', 'dist', 'server', 'store', 'sheet-reader-worker.js');
  return path.join(__dirname, 'sheet-reader-worker.js');
}

export function sqliteSheetReader(options: { readonly file: string; readonly threads: number; readonly maxQueue: number; readonly timeoutMs: number }): SheetReader {
  const pool: WorkerPool<ReaderTask, EncodedPull | null> = createWorkerPool({
    script: sheetReaderWorkerScript(),
    size: options.threads,
    maxQueue: options.maxQueue,
    timeoutMs: options.timeoutMs,
    workerData: { file: path.resolve(options.file) },
  });
  return {
    async pull(ref, since) {
      const answer = await pool.run({ ref, since });
      return answer.ok ? ok(answer.value) : fail(answer.error);
    },
    close: () => pool.close(),
  };
}
