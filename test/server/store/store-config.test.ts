import { databaseConfigFromEnv, openStore } from '../../../server/store/open-store';

describe('databaseConfigFromEnv', () => {
  it('uses SQLite in DATA_DIR unless DATABASE_URL is set', () => {
    expect(databaseConfigFromEnv({})).toEqual({ kind: 'sqlite', file: 'data/ops-scorecard.sqlite' });
    expect(databaseConfigFromEnv({ DATA_DIR: '/var/lib/ops', DATABASE_URL: '' })).toEqual({ kind: 'sqlite', file: '/var/lib/ops/ops-scorecard.sqlite' });
  });

  it('uses PostgreSQL when DATABASE_URL is set, with DATABASE_SCHEMA if given', () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: 'postgres://db/ops' })).toEqual({ kind: 'postgres', url: 'postgres://db/ops' });
    expect(databaseConfigFromEnv({ DATABASE_URL: 'postgres://db/ops', DATABASE_SCHEMA: 'scorecard' })).toEqual({
      kind: 'postgres',
      url: 'postgres://db/ops',
      schema: 'scorecard',
    });
  });

  it('sizes the PostgreSQL pool from DATABASE_POOL_MAX (what main.ts hands over from the checked config)', () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: 'postgres://db/ops', DATABASE_POOL_MAX: '40' })).toEqual({ kind: 'postgres', url: 'postgres://db/ops', poolSize: 40 });
    // Not a positive whole number: the pool keeps its default.
    expect(databaseConfigFromEnv({ DATABASE_URL: 'postgres://db/ops', DATABASE_POOL_MAX: 'lots' })).toEqual({ kind: 'postgres', url: 'postgres://db/ops' });
    expect(databaseConfigFromEnv({ DATABASE_POOL_MAX: '40' })).toEqual({ kind: 'sqlite', file: 'data/ops-scorecard.sqlite' });
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openStore({ kind: 'postgres', url: 'postgres://127.0.0.1:1/x', schema: 'a;drop' })).rejects.toThrow(/invalid PostgreSQL schema name/);
  });
});
