import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DialectKind } from './dialect-kind';
import { extendClient } from './pg-connection';
import type { Database } from './schema';
import { ImmediateSqliteDialect, type CommitObserver } from './sqlite-dialect';
import { startWalCheckpointer } from './wal-checkpointer';

export type DatabaseConfig =
  | {
      readonly kind: 'sqlite';
      /** A file path, or ':memory:' (one connection, so one store, and gone on close). */
      readonly file: string;
      /**
       * 'full' (default) syncs the WAL on every commit, so an answered push survives a power
       * cut; 'normal' survives a killed process but may lose the last commits on power loss.
       */
      readonly synchronous?: 'full' | 'normal';
      /** How long a write waits for another writer (default 30 s). */
      readonly writeWaitMs?: number;
    }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      /** Tables live in this schema (search_path), created by the migrations when missing. */
      readonly schema?: string;
      /**
       * Connections this process may hold (DATABASE_POOL_MAX, default 10). Every instance holds up
       * to this many, so instances × poolSize must stay under the server's max_connections minus
       * what administrators and other clients need (docs/scorecard-cache.md, "Sizing the pool").
       */
      readonly poolSize?: number;
    };

/** An open database: the query layer, which dialect it speaks, and the schema in use. */
export interface StoreDatabase {
  readonly dialect: DialectKind;
  readonly db: Kysely<Database>;
  /** PostgreSQL schema named in the config, if any. */
  readonly schema: string | undefined;
  /**
   * PostgreSQL: the pool under `db`, for the one path that sends several statements before the
   * first answer comes back (a hot sheet's pushes: pg-pipeline.ts).
   */
  readonly pgPool?: pg.Pool;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function openDatabase(config: DatabaseConfig): StoreDatabase {
  return config.kind === 'sqlite' ? openSqlite(config) : openPostgres(config);
}

function openSqlite(config: Extract<DatabaseConfig, { kind: 'sqlite' }>): StoreDatabase {
  if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true });
  const busyTimeoutMs = 1000;
  const database = new BetterSqlite3(config.file, { timeout: busyTimeoutMs });
  // WAL: readers never wait for the writer, and a killed process leaves only uncommitted
  // frames behind, which the next open ignores.
  const journalMode: unknown = database.pragma('journal_mode = WAL', { simple: true });
  database.pragma(`synchronous = ${config.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  database.pragma('foreign_keys = ON');
  // A 100k-row push touches ~20 MB of pages; the 2 MB default would spill to disk mid-write.
  database.pragma('cache_size = -65536');
  database.pragma('temp_store = MEMORY');
  const timing = { writeWaitMs: config.writeWaitMs ?? 30_000, busyTimeoutMs };
  // ':memory:' has no WAL, so nothing to checkpoint.
  const checkpointer = journalMode === 'wal' ? offMainThreadCheckpoints(database, config.file) : undefined;
  const dialect = new ImmediateSqliteDialect(database, timing, checkpointer);
  return { dialect: 'sqlite', db: new Kysely<Database>({ dialect }), schema: undefined };
}

/**
 * SQLite's automatic checkpoint runs inside COMMIT on the committing connection, here the service's
 * main thread: after a 100k-row push it copies ~30 MB of WAL into the database file and fsyncs,
 * with the event loop blocked. A worker thread does it instead (wal-checkpointer.ts).
 *
 * Not 0: the connection still checkpoints itself once the WAL reaches ~200 MB (at 4 KiB pages; a
 * 100k-row push writes ~8k pages), a bound on the WAL should commits ever go unsignalled — a write
 * outside a kysely transaction, or a worker alive but stuck. Well clear of what a running
 * checkpointer leaves behind, so it never costs a push in normal operation.
 */
const WAL_AUTOCHECKPOINT_SAFETY_NET_PAGES = 50_000;
/** SQLite's default, for when the worker is gone. */
const WAL_AUTOCHECKPOINT_DEFAULT_PAGES = 1000;

function offMainThreadCheckpoints(database: BetterSqlite3.Database, file: string): CommitObserver {
  database.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_SAFETY_NET_PAGES}`);
  return startWalCheckpointer(file, () => {
    if (database.open) database.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_DEFAULT_PAGES}`);
  });
}

function openPostgres(config: Extract<DatabaseConfig, { kind: 'postgres' }>): StoreDatabase {
  if (config.schema !== undefined && !SCHEMA_NAME.test(config.schema)) {
    throw new Error(`invalid PostgreSQL schema name: ${JSON.stringify(config.schema)}`);
  }
  // Startup options: the schema (a checked identifier, so unquoted is safe), and a bound on a
  // transaction left open by a client that vanished without closing its socket (a half-open
  // connection): its locks, an Idempotency-Key among them, are released after a minute.
  // A push never idles inside its transaction between statements for anywhere near that long.
  const options = [
    ...(config.schema === undefined ? [] : [`-c search_path=${config.schema}`]),
    '-c idle_in_transaction_session_timeout=60000',
  ].join(' ');
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10, options });
  // An idle client losing its connection (a database restart) emits 'error' on the pool;
  // unhandled, that would kill the process. The pool drops the client and makes a new one on
  // the next query, whose failure then reaches the caller.
  pool.on('error', () => undefined);
  // COPY FROM STDIN and prepared statements through kysely (pg-connection.ts).
  pool.on('connect', extendClient);
  return {
    dialect: 'postgres',
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    schema: config.schema,
    pgPool: pool,
  };
}

/**
 * A SQLite file opened read-only, for looking inside a backup copy (or the live file from another
 * process): nothing is written, not even the journal mode, and no checkpointer runs.
 */
export function openSqliteReadOnly(file: string): StoreDatabase {
  const database = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 1000 });
  const dialect = new ImmediateSqliteDialect(database, { writeWaitMs: 0, busyTimeoutMs: 1000 });
  return { dialect: 'sqlite', db: new Kysely<Database>({ dialect }), schema: undefined };
}
