import { closeSync, openSync, readSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { fail, ok, type Result } from '../../shared/result';
import { migrationProvider } from '../store/migrations';

/**
 * Is this file an Ops Scorecard SQLite backup we can use? Looked at read-only, in the order a
 * person would check: it exists, it is an SQLite database, SQLite finds it intact
 * (`PRAGMA integrity_check`), it holds the store's tables, and its schema comes from migrations
 * this version knows (a backup made by a newer version cannot be restored by an older one).
 */

export type BackupFileProblemCode = 'not-found' | 'not-sqlite' | 'corrupt' | 'not-a-store' | 'newer-version';

export interface BackupFileProblem {
  readonly code: BackupFileProblemCode;
  /** For the operator: never a cell value, only what is wrong with the file. */
  readonly message: string;
}

export interface BackupFileInfo {
  /** Migrations applied in the backup, oldest first. */
  readonly migrations: readonly string[];
  readonly sheets: number;
  readonly workspaces: number;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const REQUIRED_TABLES = ['kysely_migration', 'tenants', 'workspaces', 'workbooks', 'sheets', 'sheet_rows', 'row_changes', 'sheet_revisions'];

export async function knownMigrations(): Promise<string[]> {
  return Object.keys(await migrationProvider('sqlite').getMigrations()).sort();
}

export async function inspectBackupFile(file: string): Promise<Result<BackupFileInfo, BackupFileProblem>> {
  try {
    if (!statSync(file).isFile()) return fail({ code: 'not-found', message: `${file} is not a file` });
  } catch {
    return fail({ code: 'not-found', message: `${file} does not exist or cannot be read` });
  }
  if (!hasSqliteHeader(file)) return fail({ code: 'not-sqlite', message: `${file} is not an SQLite database (an Ops Scorecard backup is one)` });

  let database: BetterSqlite3.Database | undefined;
  try {
    database = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const integrity = database.prepare('pragma integrity_check').pluck().all() as string[];
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      return fail({ code: 'corrupt', message: `${file} is damaged: SQLite's integrity check found ${integrity.length} problem(s)` });
    }
    const tables = new Set(database.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]);
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) {
      return fail({ code: 'not-a-store', message: `${file} is an SQLite database but not an Ops Scorecard store (no ${missing.join(', ')} table)` });
    }
    const applied = database.prepare('select name from kysely_migration order by name').pluck().all() as string[];
    const known = new Set(await knownMigrations());
    const unknown = applied.filter((m) => !known.has(m));
    if (unknown.length > 0) {
      return fail({ code: 'newer-version', message: `${file} was made by a newer version of Ops Scorecard (migration ${unknown.join(', ')} is unknown here): restore it with that version` });
    }
    if (!applied.includes('0001-initial')) return fail({ code: 'not-a-store', message: `${file} holds no Ops Scorecard schema migration` });
    const count = (table: 'sheets' | 'workspaces'): number => database!.prepare(`select count(*) from ${table}`).pluck().get() as number;
    return ok({ migrations: applied, sheets: count('sheets'), workspaces: count('workspaces') });
  } catch (error) {
    // SQLITE_NOTADB, SQLITE_CORRUPT…: the code says what kind of damage, the message names no data.
    const code = (error as { code?: unknown }).code;
    return fail({ code: 'corrupt', message: `${file} cannot be read as a database (${typeof code === 'string' ? code : 'unreadable'})` });
  } finally {
    database?.close();
  }
}

function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}
