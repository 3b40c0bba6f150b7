import { CompiledQuery, sql } from 'kysely';
import type { StoreDatabase } from '../../../server/store/database';
import { CopyRows } from '../../../server/store/pg-connection';
import { databaseFactories, type TestDatabase } from '../../fixtures/databases';

/**
 * The store's PostgreSQL connections (pg-connection.ts): a COPY FROM STDIN through kysely, inside
 * the caller's transaction, all or nothing; and statements with parameters prepared once per
 * connection. PostgreSQL is required: the suite fails when it is down.
 */

const postgres = databaseFactories.find((f) => f.name === 'postgres')!;

describe('PostgreSQL connections of the store', () => {
  let database: TestDatabase;
  let open: StoreDatabase;

  beforeAll(async () => {
    database = await postgres.create();
    open = database.openDatabase();
    await sql`create table copied (k text collate "C" primary key, v text not null)`.execute(open.db);
  });
  afterAll(() => database?.dispose());

  const copy = (rows: CopyRows) => CompiledQuery.raw('copy copied (k, v) from stdin', [rows]);
  const count = async () => Number((await sql<{ n: string }>`select count(*) as n from copied`.execute(open.db)).rows[0]!.n);

  it('streams rows in chunks into a COPY inside the transaction, with the text format escaped', async () => {
    await open.db.transaction().execute(async (trx) => {
      const result = await trx.executeQuery(
        copy(
          new CopyRows(function* () {
            for (let chunk = 0; chunk < 30; chunk++) {
              let text = '';
              for (let i = 0; i < 1000; i++) text += `k${chunk * 1000 + i}\tv${i}\n`;
              yield text;
            }
          }),
        ),
      );
      expect(result.rows).toEqual([]);
    });
    expect(await count()).toBe(30_000);
    await sql`delete from copied`.execute(open.db);
  });

  it('rolls the COPY back with its transaction when making the rows fails half-way, and the connection goes on', async () => {
    const failing = new CopyRows(function* () {
      yield 'a\t1\nb\t2\n';
      throw new Error('the rows could not be made');
    });
    await expect(open.db.transaction().execute((trx) => trx.executeQuery(copy(failing)))).rejects.toThrow('the rows could not be made');
    expect(await count()).toBe(0);
    // Every connection of the pool still works, in and out of transactions.
    await Promise.all(Array.from({ length: 12 }, (_, i) => sql`select ${i}::int as i`.execute(open.db)));
  });

  it('answers the database refusing a row (a repeated key) as an error, and writes none of them', async () => {
    const repeated = new CopyRows(() => ['a\t1\n', 'a\t2\n']);
    await expect(open.db.transaction().execute((trx) => trx.executeQuery(copy(repeated)))).rejects.toMatchObject({ code: '23505' });
    expect(await count()).toBe(0);
    const fine = await open.db.transaction().execute((trx) => trx.executeQuery(copy(new CopyRows(() => ['z\t\\\\x\\ty\n']))));
    expect(fine.rows).toEqual([]);
    expect((await sql<{ v: string }>`select v from copied where k = 'z'`.execute(open.db)).rows).toEqual([{ v: '\\x\ty' }]);
  });

  it('prepares a statement with parameters once per connection, and keeps the number of them bounded', async () => {
    await open.db.connection().execute(async (conn) => {
      for (let i = 0; i < 5; i++) await sql`select ${i}::int + 1 as n`.execute(conn);
      const prepared = await sql<{ n: string }>`select count(*) as n from pg_prepared_statements where statement like ${'%::int + 1 as n'}`.execute(conn);
      expect(Number(prepared.rows[0]!.n)).toBe(1);
      for (let i = 0; i < 250; i++) await conn.executeQuery(CompiledQuery.raw(`select ${i} + $1::int as m${i}`, [i]));
      const all = await sql<{ n: string }>`select count(*) as n from pg_prepared_statements`.execute(conn);
      expect(Number(all.rows[0]!.n)).toBeLessThanOrEqual(201);
    });
  });
});
