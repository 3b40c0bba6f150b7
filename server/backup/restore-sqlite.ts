import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { DatabaseConfig } from '../store/database';
import { openStore } from '../store/open-store';

/** One step copies every page: the restored store is the backup, whole, or (on failure) unchanged. */
const ALL_PAGES = 0x7fffffff;

/**
 * Puts a checked backup (inspectBackupFile) in place of the SQLite store at `target.file`, with
 * SQLite's backup API run the other way, so it also works over an existing store in WAL mode;
 * then brings it to this version's schema (the migrations the backup had not yet).
 */
export async function restoreSqliteBackup(file: string, target: Extract<DatabaseConfig, { kind: 'sqlite' }>): Promise<void> {
  if (!existsSync(target.file)) mkdirSync(path.dirname(target.file), { recursive: true });
  const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target.file, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  const store = await openStore(target);
  await store.close();
}
