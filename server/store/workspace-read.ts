import { sql, type Kysely } from 'kysely';
import { SHEET_KINDS, type SheetKind } from '../../shared/kinds/sheet-kind';
import { decodeCells } from './json-cells';
import type { Database } from './schema';
import type { PulledRow, SheetName, WorkspaceRevisions, WorkspaceSheet } from './store-types';

/**
 * Whole-workspace reads for answers computed from many sheets at once (the scorecard): one
 * statement each, however many sheets the workspace holds. A scorecard used to list the sheets
 * and then pull them one by one, ~90 sequential round trips on PostgreSQL for the demo-sized
 * workspace; a single statement is also a consistent snapshot on both dialects without a
 * transaction around it.
 */

function asKind(kind: string): SheetKind {
  const known = SHEET_KINDS.find((k) => k === kind);
  if (known === undefined) throw new Error(`stored sheet has an unknown kind: ${kind}`);
  return known;
}

/**
 * Everything of a workspace that a computed answer may depend on, in one query: every sheet
 * with its revision, the governance designations (which sheet classifies, which is the
 * matrix), the policy's revision and time, and how many changes to KPI definitions wait for
 * approval. Any push, row delete, policy change, designation, proposed or decided change moves
 * one of them; cheap enough to ask on every request (a scorecard answered from the cache reads
 * nothing else of the workspace).
 */
export async function workspaceRevisions(db: Kysely<Database>, tenantId: string, workspace: string): Promise<WorkspaceRevisions> {
  const sheets = db
    .selectFrom('sheets as s')
    .innerJoin('workbooks as wb', 'wb.id', 's.workbook_id')
    .innerJoin('workspaces as ws', 'ws.id', 'wb.workspace_id')
    .where('ws.tenant_id', '=', tenantId)
    .where('ws.name', '=', workspace)
    .select([sql<string>`'sheet'`.as('part'), 'wb.name as a', 's.name as b', 's.kind as c', 's.revision as n', 's.updated_at as at']);
  const governance = db
    .selectFrom('governance_sources as g')
    .innerJoin('workspaces as ws', 'ws.id', 'g.workspace_id')
    .where('ws.tenant_id', '=', tenantId)
    .where('ws.name', '=', workspace)
    .select([sql<string>`'governance'`.as('part'), 'g.workbook as a', 'g.sheet as b', 'g.kind as c', sql<number>`0`.as('n'), 'g.updated_at as at']);
  const policy = db
    .selectFrom('policies as p')
    .innerJoin('workspaces as ws', 'ws.id', 'p.workspace_id')
    .where('ws.tenant_id', '=', tenantId)
    .where('ws.name', '=', workspace)
    .select([sql<string>`'policy'`.as('part'), sql<string>`''`.as('a'), sql<string>`''`.as('b'), sql<string>`''`.as('c'), 'p.revision as n', 'p.updated_at as at']);
  // The scorecard counts them beside its report (docs/approval.md). An aggregate without GROUP BY
  // is always one row, 0 when nothing waits or the workspace does not exist. Cast: PostgreSQL's
  // count is a bigint, which would turn the whole column into text.
  const pending = db
    .selectFrom('pending_changes as pc')
    .innerJoin('workspaces as ws', 'ws.id', 'pc.workspace_id')
    .where('ws.tenant_id', '=', tenantId)
    .where('ws.name', '=', workspace)
    .where('pc.status', '=', 'pending')
    .where('pc.kind', '=', 'kpi')
    .select([sql<string>`'pending'`.as('part'), sql<string>`''`.as('a'), sql<string>`''`.as('b'), sql<string>`''`.as('c'), sql<number>`cast(count(*) as integer)`.as('n'), sql<string>`''`.as('at')]);
  const rows = await sheets.unionAll(governance).unionAll(policy).unionAll(pending).execute();

  const result: { sheets: WorkspaceRevisions['sheets'][number][]; governance: WorkspaceRevisions['governance'][number][]; policy: WorkspaceRevisions['policy']; pendingApprovals: number } = {
    sheets: [],
    governance: [],
    policy: null,
    pendingApprovals: 0,
  };
  for (const r of rows) {
    if (r.part === 'sheet') result.sheets.push({ workbook: r.a, sheet: r.b, kind: asKind(r.c), revision: Number(r.n), updatedAt: r.at });
    else if (r.part === 'governance') result.governance.push({ kind: r.c, workbook: r.a, sheet: r.b, updatedAt: r.at });
    else if (r.part === 'policy') result.policy = { revision: Number(r.n), updatedAt: r.at };
    else result.pendingApprovals = Number(r.n);
  }
  // The union's order is the database's: sorted here, in code, so both dialects answer alike.
  const byName = (x: { workbook: string; sheet: string }, y: { workbook: string; sheet: string }): number =>
    x.workbook < y.workbook ? -1 : x.workbook > y.workbook ? 1 : x.sheet < y.sheet ? -1 : x.sheet > y.sheet ? 1 : 0;
  result.sheets.sort(byName);
  result.governance.sort((x, y) => (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : 0));
  return result;
}

/**
 * Every sheet of the given kinds in a workspace at its latest revision, with its live rows, in
 * one query: sheets by workbook and sheet name, rows by key (the order listSheets and pull
 * answer). A sheet without live rows is answered with none.
 */
export async function pullWorkspace(
  db: Kysely<Database>,
  tenantId: string,
  workspace: string,
  kinds: readonly SheetKind[],
  only?: readonly SheetName[],
): Promise<WorkspaceSheet[]> {
  if (kinds.length === 0 || (only !== undefined && only.length === 0)) return [];
  let query = db
    .selectFrom('sheets as s')
    .innerJoin('workbooks as wb', 'wb.id', 's.workbook_id')
    .innerJoin('workspaces as ws', 'ws.id', 'wb.workspace_id')
    .leftJoin('sheet_rows as r', (join) => join.onRef('r.sheet_id', '=', 's.id').on('r.deleted', '=', 0))
    .select(['wb.name as workbook', 's.name as sheet', 's.kind', 's.revision', 'r.row_key', 'r.cells', 'r.revision as row_revision'])
    .where('ws.tenant_id', '=', tenantId)
    .where('ws.name', '=', workspace)
    .where('s.kind', 'in', [...kinds]);
  if (only !== undefined) {
    query = query.where((eb) => eb.or(only.map((n) => eb.and([eb('wb.name', '=', n.workbook), eb('s.name', '=', n.sheet)]))));
  }
  const rows = await query.orderBy('wb.name').orderBy('s.name').orderBy('r.row_key').execute();
  const sheets: WorkspaceSheet[] = [];
  let current: { workbook: string; sheet: string; kind: SheetKind; revision: number; rows: PulledRow[] } | null = null;
  for (const r of rows) {
    if (current === null || current.workbook !== r.workbook || current.sheet !== r.sheet) {
      current = { workbook: r.workbook, sheet: r.sheet, kind: asKind(r.kind), revision: r.revision, rows: [] };
      sheets.push(current);
    }
    if (r.row_key === null || r.cells === null || r.row_revision === null) continue;
    current.rows.push({ key: r.row_key, cells: decodeCells(r.cells), deleted: false, revision: r.row_revision });
  }
  return sheets;
}
