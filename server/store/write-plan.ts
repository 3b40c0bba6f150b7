import type { Kysely } from 'kysely';
import { bulkInsert, type BulkSpec } from './bulk';
import { payloadOf } from './change-log';
import type { DialectKind } from './dialect-kind';
import { encodeCells } from './json-cells';
import type { RowEffect } from './merge';
import type { Database } from './schema';

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
 * about half the time.
 */
export async function writeEffects(
  db: Kysely<Database>,
  dialect: DialectKind,
  sheetId: number,
  revision: number,
  effects: readonly RowEffect[],
): Promise<void> {
  // The default sort (UTF-16 code units, no comparator callback) is several times faster than
  // sorting the effects with a comparator; keys are unique within a plan.
  const byKey = new Map(effects.map((e) => [e.key, e]));
  const ordered = [...byKey.keys()].sort().flatMap((key) => byKey.get(key) ?? []);
  const cellsJson = ordered.map((e) => (e.op === 'delete' ? '{}' : encodeCells(e.cells)));

  await bulkInsert(db, dialect, ROWS, ordered.length, (i, out) => {
    const effect = ordered[i];
    if (effect === undefined) return;
    out.push(sheetId, effect.key, cellsJson[i], revision, effect.op === 'delete' ? 1 : 0);
  });
  await bulkInsert(db, dialect, CHANGES, ordered.length, (i, out) => {
    const effect = ordered[i];
    const json = cellsJson[i];
    if (effect === undefined || json === undefined) return;
    out.push(sheetId, effect.key, revision, effect.op, payloadOf(effect, json));
  });
}
