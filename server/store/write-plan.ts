import { sql, type Kysely } from 'kysely';
import { bulkInsert, type BulkSpec } from './bulk';
import { payloadOf, UNLOGGED_CREATES_REVISION } from './change-log';
import type { DialectKind } from './dialect-kind';
import { encodeCells, type Cells } from './json-cells';
import { inKeyOrder, sortedByKey, type RowEffect } from './merge';
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
 * Writes a merge's effects as revision `revision` on SQLite (PostgreSQL has its own bulk paths,
 * pg-write.ts): the rows' new state (a delete leaves a tombstone for pull) and one log entry per row. Rows go in key order so that both B-trees
 * grow at their right edge instead of splitting pages all over: on a 100k-row push that is
 * about half the time (encodeEffects orders them, by UTF-16 code units; keys are unique within
 * a plan).
 *
 * Created rows first: their log entry's payload is their cells, exactly as just written to
 * sheet_rows, so the database copies it over in one INSERT … SELECT (every row of the sheet at
 * this revision is one of them at that point) instead of the same 100k texts being bound a
 * second time; at revision 1 (a new sheet) they are not logged at all, being implied by the rows.
 * Then updates and deletes, whose entries differ from the row.
 */
export async function writeEffects(db: Kysely<Database>, dialect: DialectKind, sheetId: number, revision: number, effects: EncodedEffects): Promise<void> {
  const { ordered, cellsJson } = effects;
  const allCreates = ordered.every((e) => e.op === 'create');
  const creates = allCreates ? ordered : ordered.filter((e) => e.op === 'create');
  const createsJson = allCreates ? cellsJson : cellsJson.filter((_, i) => ordered[i]!.op === 'create');
  const others = allCreates ? [] : ordered.filter((e) => e.op !== 'create');
  const othersJson = allCreates ? [] : cellsJson.filter((_, i) => ordered[i]!.op !== 'create');

  if (creates.length > 0) {
    await bulkInsert(db, dialect, ROWS, creates.length, (i, out) => {
      out.push(sheetId, creates[i]!.key, createsJson[i], revision, 0);
    });
    // The sheet's first revision: its creates are implied by the rows (schema.ts, RowChangesTable).
    if (revision !== UNLOGGED_CREATES_REVISION) {
      await sql`insert into "row_changes" ("sheet_id", "row_key", "revision", "op", "payload")
      select "sheet_id", "row_key", "revision", ${'create' satisfies RowChangeOp}, "cells" from "sheet_rows"
      where "sheet_id" = ${sheetId} and "revision" = ${revision}`.execute(db);
    }
  }
  if (others.length > 0) {
    await bulkInsert(db, dialect, ROWS, others.length, (i, out) => {
      const effect = others[i]!;
      out.push(sheetId, effect.key, othersJson[i], revision, effect.op === 'delete' ? 1 : 0);
    });
    await bulkInsert(db, dialect, CHANGES, others.length, (i, out) => {
      const effect = others[i]!;
      out.push(sheetId, effect.key, revision, effect.op, payloadOf(effect, othersJson[i]!));
    });
  }
}

/** A plan's effects in key order, each with the text sheet_rows will hold for it ('{}' for a delete). */
export interface EncodedEffects {
  readonly ordered: readonly RowEffect[];
  readonly cellsJson: readonly string[];
}

/**
 * Encoded once per push: the same texts are written to sheet_rows and told to the push's
 * observer (the rows the sheet will hold).
 */
export function encodeEffects(effects: readonly RowEffect[]): EncodedEffects {
  // A merge plan's effects are in key order already (and known to be, see inKeyOrder).
  const ordered = inKeyOrder(effects) ? effects : sortedByKey(effects);
  return { ordered, cellsJson: encodeEach(ordered) };
}

const ENCODE_BATCH = 256;
const BETWEEN_ROWS = '},{';

/**
 * The text sheet_rows holds for each effect: encodeCells(cells), '{}' for a delete.
 *
 * One JSON.stringify call per row spends more on the call than on the row (4 short fields),
 * so rows are encoded a batch at a time as one array and the text is cut at the "},{"
 * between them. An element of an array is encoded exactly as on its own, and cells are flat
 * objects, so "},{" outside strings occurs only between rows; inside a string it is possible,
 * and then there are more of them than row boundaries: that batch is encoded row by row.
 * The pieces share the batch's text instead of being copied out of it.
 */
export function encodeEach(effects: readonly RowEffect[]): string[] {
  const texts = new Array<string>(effects.length);
  const batch: Cells[] = [];
  for (let from = 0; from < effects.length; from += ENCODE_BATCH) {
    const to = Math.min(effects.length, from + ENCODE_BATCH);
    batch.length = 0;
    for (let i = from; i < to; i++) batch.push(cellsOf(effects[i]!));
    const text = JSON.stringify(batch);
    let start = 1;
    let i = from;
    for (; i < to - 1; i++) {
      const end = text.indexOf(BETWEEN_ROWS, start);
      if (end < 0) break;
      texts[i] = text.slice(start, end + 1);
      start = end + 2;
    }
    if (i === to - 1 && text.indexOf(BETWEEN_ROWS, start) < 0) {
      texts[i] = text.slice(start, text.length - 1);
    } else {
      for (let j = from; j < to; j++) texts[j] = encodeCells(cellsOf(effects[j]!));
    }
  }
  return texts;
}

const NO_CELLS: Cells = Object.freeze({});

function cellsOf(effect: RowEffect): Cells {
  return effect.op === 'delete' ? NO_CELLS : effect.cells;
}
