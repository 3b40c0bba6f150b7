import type { Kysely } from 'kysely';
import type { DialectKind } from './dialect-kind';
import { findSheet } from './directory';
import { decodeCells, emptyCells } from './json-cells';
import type { Database } from './schema';
import type { PulledRow, PullResult, SheetRef } from './store-types';
import { readTransaction } from './transaction';

/**
 * Changes since a revision, from one snapshot: the rows whose last change is after `since`,
 * deleted ones as tombstones; since 0 (or less) is every live row. Rows come in key order.
 */
export function pullSheet(db: Kysely<Database>, dialect: DialectKind, ref: SheetRef, since: number): Promise<PullResult | null> {
  return readTransaction(db, dialect, async (trx) => {
    const sheet = await findSheet(trx, ref);
    if (sheet === null) return null;
    let query = trx.selectFrom('sheet_rows').select(['row_key', 'cells', 'deleted', 'revision']).where('sheet_id', '=', sheet.id);
    query = since > 0 ? query.where('revision', '>', since) : query.where('deleted', '=', 0);
    const rows = await query.orderBy('row_key').execute();
    const pulled: PulledRow[] = rows.map((r) => ({
      key: r.row_key,
      cells: r.deleted === 1 ? emptyCells() : decodeCells(r.cells),
      deleted: r.deleted === 1,
      revision: r.revision,
    }));
    return { kind: sheet.kind, revision: sheet.revision, rows: pulled };
  });
}
