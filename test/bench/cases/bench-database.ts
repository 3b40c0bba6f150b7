import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../../server/store/database';

/**
 * Where a service bench case keeps its data: a SQLite file of its own, or a PostgreSQL schema of
 * its own (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local test database), created for
 * the measuring process and dropped when it is done. A bench on PostgreSQL fails, never skips,
 * when PostgreSQL is not there.
 */
export type BenchStoreKind = 'sqlite' | 'postgres';

export const BENCH_DATABASE_URL = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchDatabase {
  readonly config: DatabaseConfig;
  drop(): Promise<void>;
}

export async function benchDatabase(dir: string, kind: BenchStoreKind): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    const dataDir = mkdtempSync(path.join(dir, 'service-'));
    return { config: { kind: 'sqlite', file: path.join(dataDir, 'ops-scorecard.sqlite') }, drop: () => Promise.resolve() };
  }
  const schema = await freshSchema();
  return {
    config: { kind: 'postgres', url: BENCH_DATABASE_URL, schema },
    drop: () => dropSchema(schema),
  };
}

/** A new, empty schema with a random name. */
export async function freshSchema(): Promise<string> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  await withClient(async (client) => {
    await client.query(`create schema "${schema}"`);
  });
  return schema;
}

export async function dropSchema(schema: string): Promise<void> {
  await withClient(async (client) => {
    await client.query(`drop schema if exists "${schema}" cascade`);
  });
}

export async function withClient<T>(use: (client: pg.Client) => Promise<T>, schema?: string): Promise<T> {
  const client = new pg.Client({
    connectionString: BENCH_DATABASE_URL,
    connectionTimeoutMillis: 5000,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`bench: PostgreSQL is unreachable (${String(error)}); start it or set BENCH_DATABASE_URL.`);
  }
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
