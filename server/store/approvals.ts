import type { Kysely, Selectable } from 'kysely';
import { ApprovalLevelSchema, ApprovalRulesSchema, type ApprovalRules, type ApprovalStatus } from '../../shared/api/approvals';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { ApprovalRecord, ApprovalStore, DecisionRecord, NewPendingChange, PendingChange, PendingFilter } from './approval-types';
import { ensureWorkspaceId, findWorkspaceId } from './directory';
import { decodeCells } from './json-cells';
import type { Database, PendingChangesTable } from './schema';
import { writeTransaction } from './transaction';

/**
 * The approval tables (migration 0004) through kysely, the same on SQLite and PostgreSQL.
 * Documents (rules, cells, approvals, decisions) are JSON text written only here.
 */
export function approvalStore(db: Kysely<Database>, at: () => string): ApprovalStore {
  return {
    async getApprovalRules(tenantId, workspace) {
      const row = await db
        .selectFrom('approval_rules as r')
        .innerJoin('workspaces as ws', 'ws.id', 'r.workspace_id')
        .select('r.rules')
        .where('ws.tenant_id', '=', tenantId)
        .where('ws.name', '=', workspace)
        .executeTakeFirst();
      return row === undefined ? null : ApprovalRulesSchema.parse(JSON.parse(row.rules));
    },

    setApprovalRules(tenantId, workspace, rules: ApprovalRules, by) {
      const now = at();
      const text = JSON.stringify(rules);
      return writeTransaction(db, async (trx) => {
        const workspaceId = await ensureWorkspaceId(trx, tenantId, workspace, now);
        await trx
          .insertInto('approval_rules')
          .values({ workspace_id: workspaceId, rules: text, updated_by: by.email, updated_at: now })
          .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ rules: text, updated_by: by.email, updated_at: now }))
          .execute();
        return { commit: true, value: undefined };
      });
    },

    addPendingChanges(tenantId, workspace, changes) {
      const now = at();
      return writeTransaction(db, async (trx) => ({ commit: true, value: await insertPendingChanges(trx, tenantId, workspace, changes, now) }));
    },

    async listPendingChanges(tenantId, workspace, filter, limit) {
      const workspaceId = await findWorkspaceId(db, tenantId, workspace);
      if (workspaceId === null) return [];
      const rows = await filtered(db, workspaceId, filter).selectAll().orderBy('id', 'desc').limit(limit).execute();
      return rows.map(changeOf);
    },

    async getPendingChange(tenantId, workspace, id) {
      const workspaceId = await findWorkspaceId(db, tenantId, workspace);
      if (workspaceId === null) return null;
      const row = await db.selectFrom('pending_changes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : changeOf(row);
    },

    async updatePendingChange(tenantId, workspace, id, version, update) {
      const workspaceId = await findWorkspaceId(db, tenantId, workspace);
      if (workspaceId === null) return false;
      const result = await db
        .updateTable('pending_changes')
        .set({
          status: update.status,
          approvals: JSON.stringify(update.approvals),
          decision: update.decision === null ? null : JSON.stringify(update.decision),
          applied_revision: update.appliedRevision,
          version: version + 1,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async countPendingChanges(tenantId, workspace, filter) {
      const workspaceId = await findWorkspaceId(db, tenantId, workspace);
      if (workspaceId === null) return 0;
      const row = await filtered(db, workspaceId, filter)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

function filtered(db: Kysely<Database>, workspaceId: number, filter: PendingFilter) {
  let q = db.selectFrom('pending_changes').where('workspace_id', '=', workspaceId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.workbook !== undefined) q = q.where('workbook', '=', filter.workbook);
  if (filter.sheet !== undefined) q = q.where('sheet', '=', filter.sheet);
  if (filter.key !== undefined) q = q.where('row_key', '=', filter.key);
  if (filter.kinds !== undefined) q = filter.kinds.length === 0 ? q.where('id', '<', 0) : q.where('kind', 'in', [...filter.kinds]);
  if (filter.idempotencyKey !== undefined) q = q.where('idempotency_key', '=', filter.idempotencyKey);
  if (filter.proposerId !== undefined) q = q.where('proposer_id', '=', filter.proposerId);
  return q;
}

/**
 * Records changes as pending, inside the caller's transaction: addPendingChanges' own, or a
 * push's (push.ts), so that a push and the changes it held are stored together or not at all.
 */
export async function insertPendingChanges(trx: Kysely<Database>, tenantId: string, workspace: string, changes: readonly NewPendingChange[], now: string): Promise<PendingChange[]> {
  const workspaceId = await ensureWorkspaceId(trx, tenantId, workspace, now);
  const out: PendingChange[] = [];
  for (const change of changes) {
    const row = await trx.insertInto('pending_changes').values(rowOf(workspaceId, change, now)).returning('id').executeTakeFirstOrThrow();
    out.push({ ...change, id: row.id, status: 'pending', proposedAt: now, approvals: [], decision: null, appliedRevision: null, version: 1 });
  }
  return out;
}

function rowOf(workspaceId: number, c: NewPendingChange, now: string) {
  return {
    workspace_id: workspaceId,
    workbook: c.workbook,
    sheet: c.sheet,
    kind: c.kind,
    change: c.change,
    row_key: c.key,
    field: c.field,
    proposed: JSON.stringify(c.proposed),
    original: JSON.stringify(c.original),
    base_revision: c.baseRevision,
    level: JSON.stringify(c.level),
    proposer_id: c.proposer.userId,
    proposer_email: c.proposer.email,
    proposed_at: now,
    idempotency_key: c.idempotencyKey,
    status: 'pending',
    approvals: '[]',
    decision: null,
    applied_revision: null,
    version: 1,
  };
}

function changeOf(row: Selectable<PendingChangesTable>): PendingChange {
  // Written only by rowOf and updatePendingChange above: the shapes are ours.
  return {
    id: row.id,
    workbook: row.workbook,
    sheet: row.sheet,
    kind: row.kind as SheetKind,
    change: row.change as PendingChange['change'],
    key: row.row_key,
    field: row.field,
    proposed: decodeCells(row.proposed),
    original: decodeCells(row.original),
    baseRevision: row.base_revision,
    level: ApprovalLevelSchema.parse(JSON.parse(row.level)),
    proposer: { userId: row.proposer_id, email: row.proposer_email },
    idempotencyKey: row.idempotency_key,
    status: row.status as ApprovalStatus,
    proposedAt: row.proposed_at,
    approvals: JSON.parse(row.approvals) as ApprovalRecord[],
    decision: row.decision === null ? null : (JSON.parse(row.decision) as DecisionRecord),
    appliedRevision: row.applied_revision,
    version: row.version,
  };
}
