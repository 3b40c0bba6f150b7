import { Migrator } from 'kysely';
import type { StoreDatabase } from './database';
import { migrationProvider } from './migrations';

/**
 * Brings the schema to the latest migration. Safe when several processes start at once:
 * kysely runs the migrations in one transaction under its migration lock, which on
 * PostgreSQL is a session advisory lock (pg_advisory_lock) and on SQLite the write lock our
 * dialect takes with BEGIN IMMEDIATE; creating kysely's own bookkeeping tables tolerates a
 * concurrent creator (it re-checks after a failed CREATE).
 */
export async function migrateToLatest(database: StoreDatabase): Promise<void> {
  const migrator = new Migrator({
    db: database.db,
    provider: migrationProvider(database.dialect),
    // With a schema of our own, kysely's tables go there too; without it, its table-exists
    // check would also match a kysely_migration table in any other schema of the database.
    ...(database.schema === undefined ? {} : { migrationTableSchema: database.schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration${failed === undefined ? '' : ` ${failed}`} failed: ${why}`, { cause: error });
  }
}
