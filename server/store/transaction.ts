import type { Kysely, Transaction } from 'kysely';
import type { DialectKind } from './dialect-kind';
import type { Database } from './schema';

/** What a write transaction's body decided: keep its writes, or roll them back. */
export type Decision<T> = { readonly commit: boolean; readonly value: T };

/**
 * Runs `body` in one write transaction (BEGIN IMMEDIATE on SQLite, through our dialect) and
 * commits or rolls back as the body decides. Expected refusals roll back without an exception;
 * an exception anywhere (including in a test's beforeCommit hook) rolls back and is rethrown,
 * so a push is all or nothing.
 */
export async function writeTransaction<T>(
  db: Kysely<Database>,
  body: (trx: Transaction<Database>) => Promise<Decision<T>>,
): Promise<T> {
  const trx = await db.startTransaction().execute();
  let decision: Decision<T>;
  try {
    decision = await body(trx);
  } catch (error) {
    await rollbackQuietly(trx);
    throw error;
  }
  if (decision.commit) await trx.commit().execute();
  else await trx.rollback().execute();
  return decision.value;
}

async function rollbackQuietly(trx: { rollback(): { execute(): Promise<void> } }): Promise<void> {
  try {
    await trx.rollback().execute();
  } catch {
    // The original error says what went wrong; a failed rollback (connection gone) adds nothing,
    // and the database discards the open transaction with the connection anyway.
  }
}

/**
 * Runs `body` in a read-only transaction: one consistent snapshot (REPEATABLE READ on
 * PostgreSQL; a deferred BEGIN on SQLite, which in WAL mode never waits for writers).
 */
export async function readTransaction<T>(
  db: Kysely<Database>,
  dialect: DialectKind,
  body: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  let builder = db.transaction().setAccessMode('read only');
  if (dialect === 'postgres') builder = builder.setIsolationLevel('repeatable read');
  return builder.execute(body);
}
