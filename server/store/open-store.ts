import { join } from 'node:path';
import { openDatabase, type DatabaseConfig } from './database';
import { createKyselyStore, type StoreOptions } from './kysely-store';
import { migrateToLatest } from './migrate';
import type { Store } from './store-types';

/** Opens the database, brings its schema up to date, and returns the store on it. */
export async function openStore(config: DatabaseConfig, options: StoreOptions = {}): Promise<Store> {
  const database = openDatabase(config);
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.db.destroy();
    throw error;
  }
  return createKyselyStore(database, options);
}

/**
 * The database the service uses: PostgreSQL when DATABASE_URL is set (DATABASE_SCHEMA
 * optionally names its schema, DATABASE_POOL_MAX sizes its pool), otherwise the SQLite file `ops-scorecard.sqlite` in DATA_DIR
 * (default ./data).
 */
export function databaseConfigFromEnv(env: Readonly<Record<string, string | undefined>>): DatabaseConfig {
  const url = env['DATABASE_URL'];
  if (url !== undefined && url !== '') {
    const schema = env['DATABASE_SCHEMA'];
    // Validated by server/config.ts when the service starts; anything else here keeps the default.
    const poolSize = Number(env['DATABASE_POOL_MAX']);
    return { kind: 'postgres', url, ...(schema ? { schema } : {}), ...(Number.isInteger(poolSize) && poolSize > 0 ? { poolSize } : {}) };
  }
  return { kind: 'sqlite', file: join(env['DATA_DIR'] || './data', 'ops-scorecard.sqlite') };
}
