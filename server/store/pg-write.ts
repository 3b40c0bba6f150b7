import { CompiledQuery, type Kysely } from 'kysely';
import { payloadOf, UNLOGGED_CREATES_REVISION } from './change-log';
import type { Database, RowChangeOp } from './schema';
import { CopyRows, copyField, copyJsonField } from './pg-connection';
import type { EncodedEffects } from './write-plan';

/**
 * A merge's effects written to PostgreSQL the way PostgreSQL takes many rows fast: no
 * statement per row, no statement text that grows with the rows.
 *
 * - A new sheet (every effect a create, no row of it stored, not even a tombstone): the rows
 *   go in with one COPY FROM STDIN in key order, streamed as they are encoded. Their creates are
 *   not logged: a sheet's first revision is implied by its rows (schema.ts, RowChangesTable),
 *   so the 100k texts are written once. (Were it not revision 1, their log entries would be
 *   copied over by the server in one INSERT … SELECT, a create's payload being the row's cells.)
 * - Anything else: one upsert of all the rows from arrays (INSERT … SELECT FROM unnest(…) ON
 *   CONFLICT DO UPDATE) and one INSERT … SELECT FROM unnest(…) of their log entries: two
 *   prepared statements whatever the number of rows.
 */
export async function writeEffectsPostgres(db: Kysely<Database>, sheetId: number, revision: number, effects: EncodedEffects, sheetIsNew: boolean): Promise<void> {
  const { ordered, cellsJson } = effects;
  if (ordered.length === 0) return;
  if (sheetIsNew && ordered.every((e) => e.op === 'create')) {
    await copyNewRows(db, sheetId, revision, effects);
    // The sheet's first revision: its creates are implied by the rows (schema.ts, RowChangesTable).
    if (revision === UNLOGGED_CREATES_REVISION) return;
    await db.executeQuery(
      CompiledQuery.raw(
        `insert into "row_changes" ("sheet_id", "row_key", "revision", "op", "payload")
         select "sheet_id", "row_key", "revision", 'create', "cells" from "sheet_rows" where "sheet_id" = $1 and "revision" = $2`,
        [sheetId, revision],
      ),
    );
    return;
  }
  const keys = new Array<string>(ordered.length);
  const deleted = new Array<number>(ordered.length);
  const ops = new Array<RowChangeOp>(ordered.length);
  const payloads = new Array<string>(ordered.length);
  for (let i = 0; i < ordered.length; i++) {
    const effect = ordered[i]!;
    keys[i] = effect.key;
    deleted[i] = effect.op === 'delete' ? 1 : 0;
    ops[i] = effect.op;
    payloads[i] = payloadOf(effect, cellsJson[i]!);
  }
  await db.executeQuery(
    CompiledQuery.raw(
      `insert into "sheet_rows" ("sheet_id", "row_key", "cells", "revision", "deleted")
       select $1, "k", "c", $2, "d" from unnest($3::text[], $4::text[], $5::int[]) as u("k", "c", "d")
       on conflict ("sheet_id", "row_key") do update set "cells" = excluded."cells", "revision" = excluded."revision", "deleted" = excluded."deleted"`,
      [sheetId, revision, keys, cellsJson, deleted],
    ),
  );
  await db.executeQuery(
    CompiledQuery.raw(
      `insert into "row_changes" ("sheet_id", "row_key", "revision", "op", "payload")
       select $1, "k", $2, "o", "p" from unnest($3::text[], $4::text[], $5::text[]) as u("k", "o", "p")`,
      [sheetId, revision, keys, ops, payloads],
    ),
  );
}

/** Rows per COPY data message: ~100 KB of text, so the server starts on the rows while the rest are made. */
const ROWS_PER_CHUNK = 1000;

async function copyNewRows(db: Kysely<Database>, sheetId: number, revision: number, effects: EncodedEffects): Promise<void> {
  const { ordered, cellsJson } = effects;
  const tail = `\t${revision}\t0\n`;
  const head = `${sheetId}\t`;
  const rows = new CopyRows(function* () {
    for (let start = 0; start < ordered.length; start += ROWS_PER_CHUNK) {
      const end = Math.min(ordered.length, start + ROWS_PER_CHUNK);
      let chunk = '';
      for (let i = start; i < end; i++) chunk += head + copyField(ordered[i]!.key) + '\t' + copyJsonField(cellsJson[i]!) + tail;
      yield chunk;
    }
  });
  await db.executeQuery(CompiledQuery.raw(`copy "sheet_rows" ("sheet_id", "row_key", "cells", "revision", "deleted") from stdin`, [rows]));
}
