import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind';

/**
 * Row keys compare by their bytes on PostgreSQL too (COLLATE "C"), as SQLite's text does.
 *
 * - One order on both dialects: pull answers rows in UTF-8 byte order (code points), whatever
 *   the database's default collation, and a push that read a sheet in key order can tell what
 *   it will hold in pull's order (rows-after-push.ts), so the issues of a full push are analysed
 *   while it writes, on PostgreSQL as on SQLite.
 * - Speed: a libc collation compares through strcoll and cannot use abbreviated keys; "C" is a
 *   memcmp. The two row-key indexes are most of a 100k-row push's work in the database.
 *
 * SQLite: nothing to do (its default BINARY collation already is this order).
 */
export function bytewiseRowKeysMigration(dialect: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`alter table "sheet_rows" alter column "row_key" type text collate "C"`.execute(db);
      await sql`alter table "row_changes" alter column "row_key" type text collate "C"`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`alter table "sheet_rows" alter column "row_key" type text collate "default"`.execute(db);
      await sql`alter table "row_changes" alter column "row_key" type text collate "default"`.execute(db);
    },
  };
}
