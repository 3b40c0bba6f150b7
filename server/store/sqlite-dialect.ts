import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  type DialectAdapter,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type TransactionSettings,
} from 'kysely';
import { errorCode } from './error-code';

/**
 * kysely's SQLite dialect with two changes the store depends on:
 *
 * - Write transactions start with BEGIN IMMEDIATE. A plain BEGIN takes the write lock at the
 *   first write, and when another process got there first SQLite answers SQLITE_BUSY at once
 *   (upgrading a read snapshot cannot wait), so a push would fail instead of queueing. Read-only
 *   transactions (`setAccessMode('read only')`) stay deferred so pulls never block writers.
 * - The wait for the write lock is asynchronous: better-sqlite3 is synchronous, so with a busy
 *   timeout the whole event loop would sleep while another connection holds the lock, and if
 *   that connection lives in the same process (two stores on one file) it could never finish.
 *   BEGIN IMMEDIATE is tried with busy_timeout 0 and retried after a timer, up to `writeWaitMs`.
 *
 * - Migrations run in one transaction. kysely's SQLite adapter says DDL is not transactional
 *   (it is, in SQLite) and takes no migration lock (it assumes one connection, one process),
 *   so two processes starting at once would both apply the first migration. With
 *   transactional DDL, kysely's migrator runs inside a write transaction, BEGIN IMMEDIATE,
 *   which is the lock: the second process waits, then finds the migrations done.
 *
 * It also keeps prepared statements: kysely's driver prepares every query afresh, which is
 * most of the cost of a small query and of each chunk of a bulk insert. And it tells an optional
 * observer of each committed write (the WAL checkpointer, wal-checkpointer.ts), closing it
 * before the connection.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database;
  readonly #timing: LockTiming;
  readonly #observer: CommitObserver | undefined;

  constructor(database: BetterSqlite3.Database, timing: LockTiming, observer?: CommitObserver) {
    super({ database });
    this.#database = database;
    this.#timing = timing;
    this.#observer = observer;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#database, this.#timing, this.#observer);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Raised when the write lock stayed taken for the whole wait: an outage, not a push outcome. */
export class DatabaseBusyError extends Error {
  constructor(waitedMs: number) {
    super(`the SQLite database stayed locked by another writer for ${waitedMs} ms`);
    this.name = 'DatabaseBusyError';
  }
}

export interface LockTiming {
  /** How long a write transaction waits for the write lock before giving up. */
  readonly writeWaitMs: number;
  /** The connection's busy_timeout for everything else (rare in WAL mode: recovery, checkpoints). */
  readonly busyTimeoutMs: number;
}

/** Lives as long as the driver: told of each committed write, closed before the connection. */
export interface CommitObserver {
  /** On the commit path: must be cheap and must not throw. */
  committed(): void;
  close(): Promise<void>;
}

/** kysely's SQLite driver with our BEGIN and the commit observer; the rest is delegated unchanged. */
class ImmediateSqliteDriver implements Driver {
  readonly #inner: SqliteDriver;
  readonly #database: BetterSqlite3.Database;
  readonly #timing: LockTiming;
  readonly #observer: CommitObserver | undefined;
  /** One connection, one transaction at a time (kysely's driver serialises them). */
  #writing = false;

  constructor(database: BetterSqlite3.Database, timing: LockTiming, observer: CommitObserver | undefined) {
    this.#inner = new SqliteDriver({ database: withStatementCache(database) });
    this.#database = database;
    this.#timing = timing;
    this.#observer = observer;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.#inner.acquireConnection();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const wrote = this.#writing;
    this.#writing = false;
    await this.#inner.commitTransaction(connection);
    // Read-only transactions leave nothing in the WAL to checkpoint.
    if (wrote) this.#observer?.committed();
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.#writing = false;
    return this.#inner.rollbackTransaction(connection);
  }

  releaseConnection(): Promise<void> {
    return this.#inner.releaseConnection();
  }

  async destroy(): Promise<void> {
    await this.#observer?.close();
    await this.#inner.destroy();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (settings.accessMode === 'read only') {
      await connection.executeQuery(CompiledQuery.raw('begin'));
      return;
    }
    const started = Date.now();
    let pauseMs = 1;
    for (;;) {
      this.#database.pragma('busy_timeout = 0');
      try {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
        this.#writing = true;
        return;
      } catch (error) {
        if (!isBusy(error)) throw error;
      } finally {
        this.#database.pragma(`busy_timeout = ${Math.trunc(this.#timing.busyTimeoutMs)}`);
      }
      const waited = Date.now() - started;
      if (waited >= this.#timing.writeWaitMs) throw new DatabaseBusyError(waited);
      // Jitter so that several waiters do not retry in lockstep.
      await new Promise((resolve) => setTimeout(resolve, pauseMs * (0.5 + Math.random())));
      pauseMs = Math.min(pauseMs * 2, 25);
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** Statements are cached per connection by their text; bounded, least recently used out. */
function withStatementCache(database: BetterSqlite3.Database, capacity = 256): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      const hit = cache.get(text);
      if (hit) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const statement = database.prepare(text);
      cache.set(text, statement);
      if (cache.size > capacity) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}
