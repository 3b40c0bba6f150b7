import type { Kysely } from 'kysely';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { DialectKind } from './dialect-kind';
import { ensureWorkbookId, ensureWorkspaceId, findSheet } from './directory';
import type { Database } from './schema';
import type { PushRequest, PushResult } from './store-types';

/**
 * The sheet a push writes to, locked for the rest of the transaction, or why the push is
 * refused. On SQLite the transaction already holds the database's write lock (BEGIN
 * IMMEDIATE); on PostgreSQL the sheet's row is locked FOR UPDATE, so pushes to one sheet
 * queue here and each reads the revision its predecessor committed.
 */
export type OpenedSheet =
  | { readonly status: 'open'; readonly id: number; readonly kind: SheetKind; readonly revision: number; readonly isNew: boolean }
  | { readonly status: 'refused'; readonly result: PushResult };

export async function openSheetForPush(db: Kysely<Database>, dialect: DialectKind, request: PushRequest, at: string): Promise<OpenedSheet> {
  const { ref } = request;
  if (request.baseRevision === null) {
    const workspaceId = await ensureWorkspaceId(db, ref.tenantId, ref.workspace, at);
    const workbookId = await ensureWorkbookId(db, workspaceId, ref.workbook, at);
    // A concurrent creator's uncommitted row makes PostgreSQL wait here, then do nothing.
    const created = await db
      .insertInto('sheets')
      .values({ workbook_id: workbookId, name: ref.sheet, kind: request.kind, revision: 0, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['workbook_id', 'name']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (created === undefined) return { status: 'refused', result: { status: 'exists' } };
    return { status: 'open', id: created.id, kind: request.kind, revision: 0, isNew: true };
  }

  const found = await findSheet(db, ref);
  if (found === null) return { status: 'refused', result: { status: 'not-found' } };
  // The lookup above ran unlocked; the revision that counts is the one read under the lock.
  let locked = db.selectFrom('sheets').select(['revision', 'kind']).where('id', '=', found.id);
  if (dialect === 'postgres') locked = locked.forUpdate();
  const row = await locked.executeTakeFirstOrThrow();
  if (row.kind !== request.kind) return { status: 'refused', result: { status: 'kind-mismatch' } };
  if (request.baseRevision < 0 || request.baseRevision > row.revision || !Number.isInteger(request.baseRevision)) {
    return { status: 'refused', result: { status: 'stale-unknown', current: row.revision } };
  }
  return { status: 'open', id: found.id, kind: found.kind, revision: row.revision, isNew: false };
}
