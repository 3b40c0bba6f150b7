import { sql } from 'kysely';
import { openDatabase } from '../../../server/store/database';
import { databaseFactories } from '../../fixtures/databases';

/**
 * DATABASE_POOL_MAX reaches the pg pool: however many queries run at once, one process holds at
 * most that many connections (told apart by their server process id), the rest queue.
 */
const postgres = databaseFactories.find((f) => f.name === 'postgres')!;

describe('PostgreSQL pool size', () => {
  it('holds at most poolSize connections with many queries in flight', async () => {
    const test = await postgres.create();
    try {
      if (test.config.kind !== 'postgres') throw new Error('not postgres');
      const database = openDatabase({ ...test.config, poolSize: 2 });
      try {
        const pids = await Promise.all(
          Array.from({ length: 6 }, () => sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(database.db).then((r) => r.rows[0]!.pid)),
        );
        expect(new Set(pids).size).toBe(2);
      } finally {
        await database.db.destroy();
      }
    } finally {
      await test.dispose();
    }
  });
});
