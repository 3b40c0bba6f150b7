import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../workers/serve-tasks';
import { openDatabase, type StoreDatabase } from './database';
import { pullSheet } from './pull';
import type { Database } from './schema';
import type { EncodedPull, ReaderTask, ReaderTarget } from './sheet-reader';

/**
 * A reader thread of the store: its own read-only connection, the same kysely query as the
 * store's pull, and the rows encoded as the answer's JSON here, so the service's thread only
 * sends bytes. SQLite: a read-only connection to the service's file (WAL lets it read while the
 * service's connection writes; each read is one snapshot of committed data). PostgreSQL: a
 * small pool of its own (`connections`), read-only transactions.
 */
const target = workerData as ReaderTarget;
let database: StoreDatabase | null = null;
const encoder = new TextEncoder();

function open(): StoreDatabase {
  if (database !== null) return database;
  if (target.kind === 'sqlite') {
    const connection = new BetterSqlite3(target.file, { readonly: true, fileMustExist: true, timeout: 1000 });
    database = { dialect: 'sqlite', db: new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) }), schema: undefined };
  } else {
    database = openDatabase({ kind: 'postgres', url: target.url, ...(target.schema !== undefined ? { schema: target.schema } : {}), poolSize: target.connections });
  }
  return database;
}

serveTasks<ReaderTask, EncodedPull | null>(async (task) => {
  const { db, dialect } = open();
  const pulled = await pullSheet(db, dialect, task.ref, task.since);
  if (pulled === null) return { value: null };
  // The members in the order the pull route writes them: the text is the route's own. Encoded
  // by TextEncoder, whose array owns its buffer (never a slice of a shared pool): transferable.
  const bytes = encoder.encode(JSON.stringify(pulled.rows.map((r) => ({ key: r.key, cells: r.cells, deleted: r.deleted, revision: r.revision }))));
  return { value: { kind: pulled.kind, revision: pulled.revision, rowsJson: bytes }, transfer: [bytes.buffer] };
});
