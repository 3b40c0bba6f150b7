import { sql, type Kysely } from 'kysely';
import { rowAtBase, UNLOGGED_CREATES_REVISION, type LogEntry } from './change-log';
import type { DialectKind } from './dialect-kind';
import type { Cells } from './json-cells';
import type { Database } from './schema';
import type { PushRequest } from './store-types';
import { StoredRows } from './stored-rows';

/**
 * What the merge needs to know about the sheet, read inside the push transaction:
 * the live rows the push touches (all of them for a full push) and, when the base revision is
 * behind, how the rows changed since looked at the base (undoing their log entries).
 *
 * A delta push reads only its own keys, through the primary key; nothing here scans the
 * sheet unless the push is full. The live rows are kept as read (JSON text, decoded on use);
 * on SQLite a full push reads them in key order, which is the primary key's and pull's order.
 */
export interface SheetState {
  readonly current: StoredRows;
  readonly atBase: Map<string, Cells | null>;
}

const KEYS_PER_QUERY = 500;

interface StateRow {
  readonly row_key: string;
  readonly cells: string;
  readonly deleted: number;
  readonly revision: number;
}

export async function loadSheetState(
  db: Kysely<Database>,
  dialect: DialectKind,
  sheetId: number,
  request: PushRequest,
  revision: number,
  isNew: boolean,
): Promise<SheetState> {
  const current = new StoredRows();
  const atBase = new Map<string, Cells | null>();
  if (isNew) return { current, atBase };
  const base = request.baseRevision ?? revision;
  const stale = base < revision;

  const changedKeys: string[] = [];
  const take = (row: StateRow): void => {
    if (row.deleted === 0) current.add(row.row_key, row.cells, row.revision);
    if (row.revision > base) changedKeys.push(row.row_key);
  };

  if (request.mode === 'full') {
    // The primary key's order (code points on both dialects), so no sort step, and the rows
    // after the push can be told in pull's order without reading them again.
    const rows = await db
      .selectFrom('sheet_rows')
      .select(['row_key', 'cells', 'deleted', 'revision'])
      .where('sheet_id', '=', sheetId)
      .where((eb) => eb.or([eb('deleted', '=', 0), eb('revision', '>', base)]))
      .orderBy('row_key')
      .execute();
    for (const row of rows) take(row);
  } else if (dialect === 'postgres') {
    // One array parameter: one prepared statement whatever the number of keys.
    const keys = [...new Set([...request.rows.map((r) => r.key), ...request.deletes])];
    const { rows } = await sql<StateRow>`select "row_key", "cells", "deleted", "revision" from "sheet_rows"
      where "sheet_id" = ${sheetId} and "row_key" = any(${keys}::text[])`.execute(db);
    for (const row of rows) take(row);
  } else {
    const keys = [...new Set([...request.rows.map((r) => r.key), ...request.deletes])];
    for (const chunk of chunks(keys, KEYS_PER_QUERY)) {
      const rows = await db
        .selectFrom('sheet_rows')
        .select(['row_key', 'cells', 'deleted', 'revision'])
        .where('sheet_id', '=', sheetId)
        .where('row_key', 'in', chunk)
        .execute();
      for (const row of rows) take(row);
    }
  }
  if (!stale || changedKeys.length === 0) return { current, atBase };
  if (base < UNLOGGED_CREATES_REVISION) {
    // Before the sheet's first revision it held no rows (rowAtBase): no log to read.
    for (const key of changedKeys) atBase.set(key, rowAtBase(current.get(key) ?? null, base, []));
    return { current, atBase };
  }

  const entries = new Map<string, LogEntry[]>();
  const collect = (rows: readonly (LogEntry & { readonly row_key: string })[]): void => {
    for (const row of rows) {
      const list = entries.get(row.row_key);
      if (list) list.push(row);
      else entries.set(row.row_key, [row]);
    }
  };
  if (dialect === 'postgres') {
    const { rows } = await sql<LogEntry & { row_key: string }>`select "row_key", "revision", "op", "payload" from "row_changes"
      where "sheet_id" = ${sheetId} and "row_key" = any(${changedKeys}::text[]) and "revision" > ${base}`.execute(db);
    collect(rows);
  } else {
    for (const chunk of chunks(changedKeys, KEYS_PER_QUERY)) {
      collect(
        await db
          .selectFrom('row_changes')
          .select(['row_key', 'revision', 'op', 'payload'])
          .where('sheet_id', '=', sheetId)
          .where('row_key', 'in', chunk)
          .where('revision', '>', base)
          .execute(),
      );
    }
  }
  for (const key of changedKeys) atBase.set(key, rowAtBase(current.get(key) ?? null, base, entries.get(key) ?? []));
  return { current, atBase };
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
