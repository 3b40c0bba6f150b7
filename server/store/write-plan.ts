import { sql, type Kysely } from 'kysely';
import { bulkInsert, type BulkSpec } from './bulk';
import { payloadOf } from './change-log';
import type { DialectKind } from './dialect-kind';
import { encodeCells } from './json-cells';
import type { RowEffect } from './merge';
import type { Database, RowChangeOp } from './schema';

const ROWS: BulkSpec = {
  table: 'sheet_rows',
  columns: ['sheet_id', 'row_key', 'cells', 'revision', 'deleted'],
  onConflict:
    'on conflict ("sheet_id", "row_key") do update set "cells" = excluded."cells", "revision" = excluded."revision", "deleted" = excluded."deleted"',
};

const CHANGES: BulkSpec = {
  table: 'row_changes',
  columns: ['sheet_id', 'row_key', 'revision', 'op', 'payload'],
};

/**
 * Writes a merge's effects as revision `revision`: the rows' new state (a delete leaves a
 * tombstone for pull) and one log entry per row. Rows go in key order so that both B-trees
 * grow at their right edge instead of splitting pages all over: on a 100k-row push that is
 * about half the time. Answers the effects in that order (UTF-16 code units; keys are unique
 * within a plan).
 *
 * Created rows first: their log entry's payload is their cells, exactly as just written to
 * sheet_rows, so the database copies it over in one INSERT … SELECT (every row of the sheet at
 * this revision is one of them at that point) instead of the same 100k texts being bound a
 * second time. Then updates and deletes, whose entries differ from the row.
 */
export async function writeEffects(
  db: Kysely<Database>,
  dialect: DialectKind,
  sheetId: number,
  revision: number,
  effects: readonly RowEffect[],
): Promise<readonly RowEffect[]> {
  const ordered = effects.slice().sort(byKey);
  const creates = ordered.filter((e) => e.op === 'create');
  const others = creates.length === ordered.length ? [] : ordered.filter((e) => e.op !== 'create');

  if (creates.length > 0) {
    await bulkInsert(db, dialect, ROWS, creates.length, (i, out) => {
      const effect = creates[i]!;
      out.push(sheetId, effect.key, encodeCells(effect.cells), revision, 0);
    });
    await sql`insert into "row_changes" ("sheet_id", "row_key", "revision", "op", "payload")
      select "sheet_id", "row_key", "revision", ${'create' satisfies RowChangeOp}, "cells" from "sheet_rows"
      where "sheet_id" = ${sheetId} and "revision" = ${revision}`.execute(db);
  }
  if (others.length > 0) {
    const cellsJson = others.map((e) => (e.op === 'delete' ? '{}' : encodeCells(e.cells)));
    await bulkInsert(db, dialect, ROWS, others.length, (i, out) => {
      const effect = others[i]!;
      out.push(sheetId, effect.key, cellsJson[i], revision, effect.op === 'delete' ? 1 : 0);
    });
    await bulkInsert(db, dialect, CHANGES, others.length, (i, out) => {
      const effect = others[i]!;
      out.push(sheetId, effect.key, revision, effect.op, payloadOf(effect, cellsJson[i]!));
    });
  }
  return ordered;
}

/** Keys are unique within a plan, so one comparison decides (a third of the sort's time). */
function byKey(a: RowEffect, b: RowEffect): number {
  return a.key < b.key ? -1 : 1;
}
