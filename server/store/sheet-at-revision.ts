import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { rowBefore, type LogEntry } from './change-log';
import type { DialectKind } from './dialect-kind';
import { findSheet } from './directory';
import { decodeCells, type Cells } from './json-cells';
import type { Database } from './schema';
import type { SheetAtRevision, SheetRef } from './store-types';
import { readTransaction } from './transaction';

/**
 * A sheet's live rows as they were at an earlier revision, in key order, from one snapshot: the rows now,
 * with every change-log entry after that revision undone (change-log.ts). What a backup taken at
 * that revision must hold, so that writes made after the backup are not mistaken for damage.
 *
 * Reads the live rows plus the tombstones and log entries newer than the revision; a revision
 * the sheet has not reached yet (or a missing sheet) answers null.
 */
export function sheetAtRevision(db: Kysely<Database>, dialect: DialectKind, ref: SheetRef, revision: number): Promise<SheetAtRevision | null> {
  return readTransaction(db, dialect, async (trx) => {
    const sheet = await findSheet(trx, ref);
    if (sheet === null || revision > sheet.revision || revision < 1) return null;
    const rows = await trx
      .selectFrom('sheet_rows')
      .select(['row_key', 'cells', 'deleted', 'revision'])
      .where('sheet_id', '=', sheet.id)
      .where((eb) => eb.or([eb('deleted', '=', 0), eb('revision', '>', revision)]))
      // The primary key's order, as pull's: a checksum over them need not sort again.
      .orderBy('row_key')
      .execute();
    const newer = new Map<string, LogEntry[]>();
    if (sheet.revision > revision) {
      const entries = await trx
        .selectFrom('row_changes')
        .select(['row_key', 'revision', 'op', 'payload'])
        .where('sheet_id', '=', sheet.id)
        .where('revision', '>', revision)
        .execute();
      for (const entry of entries) {
        const list = newer.get(entry.row_key);
        if (list) list.push(entry);
        else newer.set(entry.row_key, [entry]);
      }
    }
    const out: Array<{ key: string; cells: Cells }> = [];
    for (const row of rows) {
      const current = row.deleted === 1 ? null : decodeCells(row.cells);
      const entries = newer.get(row.row_key);
      const then = entries === undefined ? current : rowBefore(current, entries.sort((a, b) => b.revision - a.revision));
      if (then !== null) out.push({ key: row.row_key, cells: then });
    }
    return { kind: sheet.kind, revision, rows: out };
  });
}

/** Rows per hash update: one update per row costs more than the hash. */
const DIGEST_CHUNK_CHARS = 1 << 16;

/** Store.storedRowsDigest: the live rows' stored text hashed in key order, if the sheet is still at `revision`. */
export function storedRowsDigest(db: Kysely<Database>, dialect: DialectKind, ref: SheetRef, revision: number): Promise<{ digest: string; rows: number } | null> {
  return readTransaction(db, dialect, async (trx) => {
    const sheet = await findSheet(trx, ref);
    if (sheet === null || sheet.revision !== revision) return null;
    const rows = await trx.selectFrom('sheet_rows').select(['row_key', 'cells']).where('sheet_id', '=', sheet.id).where('deleted', '=', 0).orderBy('row_key').execute();
    const hash = createHash('sha256');
    let chunk = '';
    for (const row of rows) {
      // Keys and cells never hold a raw tab or newline (cells are JSON; keys are escaped here too).
      chunk += `${JSON.stringify(row.row_key)}\t${row.cells}\n`;
      if (chunk.length >= DIGEST_CHUNK_CHARS) {
        hash.update(chunk);
        chunk = '';
      }
    }
    hash.update(chunk);
    return { digest: hash.digest('hex'), rows: rows.length };
  });
}

/** Every sheet of every tenant with its current revision, in a stable order. */
export async function listEverySheet(db: Kysely<Database>): Promise<Array<SheetRef & { readonly revision: number }>> {
  const rows = await db
    .selectFrom('sheets as s')
    .innerJoin('workbooks as wb', 'wb.id', 's.workbook_id')
    .innerJoin('workspaces as ws', 'ws.id', 'wb.workspace_id')
    .select(['ws.tenant_id', 'ws.name as workspace', 'wb.name as workbook', 's.name as sheet', 's.revision'])
    .orderBy('ws.tenant_id')
    .orderBy('ws.name')
    .orderBy('wb.name')
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({ tenantId: r.tenant_id, workspace: r.workspace, workbook: r.workbook, sheet: r.sheet, revision: r.revision }));
}
