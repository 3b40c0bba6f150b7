import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../workers/serve-tasks';
import { pullSheet } from './pull';
import type { Database } from './schema';
import type { EncodedPull, ReaderTask } from './sheet-reader';

/**
 * A reader thread of the SQLite store: its own read-only connection to the service's file (WAL
 * lets it read while the service's connection writes; each read is one snapshot of committed
 * data), the same kysely query as the store's pull, and the rows encoded as the answer's JSON
 * here, so the service's thread only sends bytes. Never writes: the connection cannot.
 */
const { file } = workerData as { readonly file: string };
let db: Kysely<Database> | null = null;
const encoder = new TextEncoder();

function database(): Kysely<Database> {
  if (db === null) {
    const connection = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 1000 });
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  }
  return db;
}

serveTasks<ReaderTask, EncodedPull | null>(async (task) => {
  const pulled = await pullSheet(database(), 'sqlite', task.ref, task.since);
  if (pulled === null) return { value: null };
  // The members in the order the pull route writes them: the text is the route's own.
  // TextEncoder's array owns its buffer (never a slice of a shared pool), so it can be transferred.
  const bytes = encoder.encode(JSON.stringify(pulled.rows.map((r) => ({ key: r.key, cells: r.cells, deleted: r.deleted, revision: r.revision }))));
  return { value: { kind: pulled.kind, revision: pulled.revision, rowsJson: bytes }, transfer: [bytes.buffer] };
});
