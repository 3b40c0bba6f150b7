import type { Kysely } from 'kysely';
import { SHEET_KINDS, type SheetKind } from '../../shared/kinds/sheet-kind';
import type { Database } from './schema';
import type { SheetRef, SheetSummary } from './store-types';

/**
 * Tenants → workspaces → workbooks → sheets: finding and creating them. Every lookup starts
 * from the tenant id, so the same names under another tenant are simply not found.
 *
 * Creation is INSERT … ON CONFLICT DO NOTHING followed by a SELECT: two requests creating the
 * same workspace at once both succeed (on PostgreSQL the second insert waits for the first
 * transaction and then does nothing), and no statement fails, which on PostgreSQL would abort
 * the surrounding transaction.
 */

export async function ensureWorkspaceId(db: Kysely<Database>, tenantId: string, workspace: string, at: string): Promise<number> {
  await db.insertInto('tenants').values({ id: tenantId, created_at: at }).onConflict((oc) => oc.column('id').doNothing()).execute();
  await db
    .insertInto('workspaces')
    .values({ tenant_id: tenantId, name: workspace, created_at: at })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
    .execute();
  const row = await db
    .selectFrom('workspaces')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', workspace)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function ensureWorkbookId(db: Kysely<Database>, workspaceId: number, workbook: string, at: string): Promise<number> {
  await db
    .insertInto('workbooks')
    .values({ workspace_id: workspaceId, name: workbook, created_at: at })
    .onConflict((oc) => oc.columns(['workspace_id', 'name']).doNothing())
    .execute();
  const row = await db
    .selectFrom('workbooks')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', workbook)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findWorkspaceId(db: Kysely<Database>, tenantId: string, workspace: string): Promise<number | null> {
  const row = await db
    .selectFrom('workspaces')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', workspace)
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface SheetRecord {
  readonly id: number;
  readonly kind: SheetKind;
  readonly revision: number;
  readonly updatedAt: string;
}

export async function findSheet(db: Kysely<Database>, ref: SheetRef): Promise<SheetRecord | null> {
  const row = await db
    .selectFrom('sheets as s')
    .innerJoin('workbooks as wb', 'wb.id', 's.workbook_id')
    .innerJoin('workspaces as ws', 'ws.id', 'wb.workspace_id')
    .select(['s.id', 's.kind', 's.revision', 's.updated_at'])
    .where('ws.tenant_id', '=', ref.tenantId)
    .where('ws.name', '=', ref.workspace)
    .where('wb.name', '=', ref.workbook)
    .where('s.name', '=', ref.sheet)
    .executeTakeFirst();
  return row ? { id: row.id, kind: asKind(row.kind), revision: row.revision, updatedAt: row.updated_at } : null;
}

export async function listWorkspaces(db: Kysely<Database>, tenantId: string): Promise<string[]> {
  const rows = await db.selectFrom('workspaces').select('name').where('tenant_id', '=', tenantId).orderBy('name').execute();
  return rows.map((r) => r.name);
}

export async function listSheets(db: Kysely<Database>, tenantId: string, workspace: string): Promise<SheetSummary[]> {
  const rows = await db
    .selectFrom('sheets as s')
    .innerJoin('workbooks as wb', 'wb.id', 's.workbook_id')
    .innerJoin('workspaces as ws', 'ws.id', 'wb.workspace_id')
    .select(['wb.name as workbook', 's.name as sheet', 's.kind', 's.revision', 's.updated_at'])
    .where('ws.tenant_id', '=', tenantId)
    .where('ws.name', '=', workspace)
    .orderBy('wb.name')
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({ workbook: r.workbook, sheet: r.sheet, kind: asKind(r.kind), revision: r.revision, updatedAt: r.updated_at }));
}

function asKind(kind: string): SheetKind {
  const known = SHEET_KINDS.find((k) => k === kind);
  if (known === undefined) throw new Error(`stored sheet has an unknown kind: ${kind}`);
  return known;
}
