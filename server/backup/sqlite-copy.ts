import { closeSync, fsyncSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

/** More pages than any store has: a step this size copies the whole database at once. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite store into `destination` (a new file) with SQLite's online backup API,
 * on a read-only connection of its own, while the service keeps reading and writing.
 *
 * The copy is one step: SQLite restarts a backup whenever another connection writes between
 * two steps, so with the default 100-page steps a busy service could keep a backup from ever
 * finishing. One step copies every page inside one read transaction, i.e. one consistent
 * snapshot (in WAL mode writers go on meanwhile; they are not in the copy). The copy is then
 * made self-contained (journal_mode DELETE: no -wal file beside it) and synced to disk.
 */
export async function copySqliteStore(source: string, destination: string): Promise<{ readonly pages: number }> {
  const live = new BetterSqlite3(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  let pages = 0;
  try {
    const done = await live.backup(destination, {
      progress: ({ totalPages }) => {
        pages = totalPages;
        return ALL_PAGES;
      },
    });
    pages = Math.max(pages, done.totalPages);
  } finally {
    live.close();
  }
  const copy = new BetterSqlite3(destination, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const fd = openSync(destination, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { pages };
}
