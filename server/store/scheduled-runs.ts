import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { writeTransaction } from './transaction';

/**
 * One firing of a scheduled job per (job, fireAt) across every instance on the database: the
 * claim is an insert into a table keyed by both, so exactly one insert wins, whatever the
 * timing, and a restarted instance cannot claim a firing again.
 */
export function claimScheduledRun(db: Kysely<Database>, job: string, fireAt: string, instance: string, at: string): Promise<boolean> {
  return writeTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('scheduled_runs')
      .values({ job, fire_at: fireAt, instance, claimed_at: at })
      .onConflict((oc) => oc.columns(['job', 'fire_at']).doNothing())
      .returning('job')
      .executeTakeFirst();
    return { commit: true, value: row !== undefined };
  });
}
