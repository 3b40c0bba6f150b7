import type { Kysely } from 'kysely';
import { cellSteps } from './change-log';
import type { DialectKind } from './dialect-kind';
import { findSheet } from './directory';
import type { Database } from './schema';
import type { CellChange, SheetRef } from './store-types';
import { readTransaction } from './transaction';

/**
 * Every change of one cell, oldest first: the row's log entries (through the log's primary
 * key, sheet + row key) joined with who made each revision and when, then reduced to the
 * entries that touched the field.
 */
export function cellHistory(
  db: Kysely<Database>,
  dialect: DialectKind,
  ref: SheetRef,
  key: string,
  field: string,
): Promise<CellChange[] | null> {
  return readTransaction(db, dialect, async (trx) => {
    const sheet = await findSheet(trx, ref);
    if (sheet === null) return null;
    const entries = await trx
      .selectFrom('row_changes as c')
      .innerJoin('sheet_revisions as r', (join) => join.onRef('r.sheet_id', '=', 'c.sheet_id').onRef('r.revision', '=', 'c.revision'))
      .select(['c.revision', 'c.op', 'c.payload', 'r.user_id', 'r.email', 'r.at'])
      .where('c.sheet_id', '=', sheet.id)
      .where('c.row_key', '=', key)
      .orderBy('c.revision')
      .execute();
    const who = new Map(entries.map((e) => [e.revision, e]));
    return cellSteps(entries, field).map((step) => {
      const by = who.get(step.revision);
      if (by === undefined) throw new Error('cell history: a step without its revision');
      return { revision: step.revision, userId: by.user_id, email: by.email, at: by.at, oldValue: step.oldValue, newValue: step.newValue };
    });
  });
}
