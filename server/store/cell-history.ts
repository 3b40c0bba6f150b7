import type { Kysely } from 'kysely';
import { cellSteps, UNLOGGED_CREATES_REVISION, withImpliedCreate } from './change-log';
import type { DialectKind } from './dialect-kind';
import { findSheet } from './directory';
import { decodeCells } from './json-cells';
import type { Database } from './schema';
import type { CellChange, SheetRef } from './store-types';
import { readTransaction } from './transaction';

interface Who {
  readonly user_id: string;
  readonly email: string;
  readonly at: string;
}

/**
 * Every change of one cell, oldest first: the row's log entries (through the log's primary
 * key, sheet + row key) joined with who made each revision and when, the revision-1 create the
 * log leaves implied made explicit from the row as it is now (schema.ts, RowChangesTable), then
 * reduced to the entries that touched the field.
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
    const logged = await trx
      .selectFrom('row_changes as c')
      .innerJoin('sheet_revisions as r', (join) => join.onRef('r.sheet_id', '=', 'c.sheet_id').onRef('r.revision', '=', 'c.revision'))
      .select(['c.revision', 'c.op', 'c.payload', 'r.user_id', 'r.email', 'r.at'])
      .where('c.sheet_id', '=', sheet.id)
      .where('c.row_key', '=', key)
      .orderBy('c.revision')
      .execute();
    const row = await trx
      .selectFrom('sheet_rows')
      .select(['cells', 'deleted'])
      .where('sheet_id', '=', sheet.id)
      .where('row_key', '=', key)
      .executeTakeFirst();
    const current = row === undefined || row.deleted === 1 ? null : decodeCells(row.cells);
    const entries = withImpliedCreate(current, row !== undefined, logged);
    const who = new Map<number, Who>(logged.map((e) => [e.revision, e]));
    if (entries.length > logged.length) {
      const first = await trx
        .selectFrom('sheet_revisions')
        .select(['user_id', 'email', 'at'])
        .where('sheet_id', '=', sheet.id)
        .where('revision', '=', UNLOGGED_CREATES_REVISION)
        .executeTakeFirst();
      if (first !== undefined) who.set(UNLOGGED_CREATES_REVISION, first);
    }
    return cellSteps(entries, field).map((step) => {
      const by = who.get(step.revision);
      if (by === undefined) throw new Error('cell history: a step without its revision');
      return { revision: step.revision, userId: by.user_id, email: by.email, at: by.at, oldValue: step.oldValue, newValue: step.newValue };
    });
  });
}
