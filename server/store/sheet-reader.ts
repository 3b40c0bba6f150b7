import path from 'node:path';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import { fail, ok, type Result } from '../../shared/result';
import { createWorkerPool, type PoolFailure, type WorkerPool } from '../workers/worker-pool';
import type { SheetRef } from './store-types';

/**
 * Pulls read on reader threads (sheet-reader-worker.ts) instead of the service's thread. On
 * SQLite (better-sqlite3 is synchronous) a 2,000-row pull read there holds every other request,
 * /healthz included, for the read; on both stores decoding the rows and encoding the answer's
 * JSON does. Here that thread only gets the finished bytes.
 *
 * On PostgreSQL each reader thread has its own small pool (`connections`, default 2): count
 * threads × connections per instance against max_connections beside DATABASE_POOL_MAX.
 */

/** Where a reader thread reads: the service's SQLite file, or its PostgreSQL database. */
export type ReaderTarget =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string; readonly connections: number };

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

export function storeSheetReader(options: { readonly target: ReaderTarget; readonly threads: number; readonly maxQueue: number; readonly timeoutMs: number }): SheetReader {
  const target = options.target.kind === 'sqlite' ? { kind: 'sqlite' as const, file: path.resolve(options.target.file) } : options.target;
  const pool: WorkerPool<ReaderTask, EncodedPull | null> = createWorkerPool({
    script: sheetReaderWorkerScript(),
    size: options.threads,
    maxQueue: options.maxQueue,
    timeoutMs: options.timeoutMs,
    workerData: target,
  });
  return {
    async pull(ref, since) {
      const answer = await pool.run({ ref, since });
      return answer.ok ? ok(answer.value) : fail(answer.error);
    },
    close: () => pool.close(),
  };
}
