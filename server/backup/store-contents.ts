import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

/**
 * What a SQLite store file holds, counted read-only: how many workspaces and sheets (zero for a
 * missing file or one without the store's tables). Restore asks before overwriting data.
 */
export function sqliteStoreContents(file: string): { readonly workspaces: number; readonly sheets: number } {
  if (!existsSync(file)) return { workspaces: 0, sheets: 0 };
  const database = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    const tables = new Set(database.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]);
    const count = (table: 'workspaces' | 'sheets'): number => (tables.has(table) ? (database.prepare(`select count(*) from ${table}`).pluck().get() as number) : 0);
    return { workspaces: count('workspaces'), sheets: count('sheets') };
  } finally {
    database.close();
  }
}
