import type { Kysely } from 'kysely';
import type { Policy } from '../../shared/engine/policy';
import { ensureWorkspaceId } from './directory';
import type { Database } from './schema';
import type { GovernanceKind, GovernanceSources, SheetName } from './store-types';
import { writeTransaction } from './transaction';

export async function getGovernanceSources(db: Kysely<Database>, tenantId: string, workspace: string): Promise<GovernanceSources> {
  const rows = await db
    .selectFrom('governance_sources as g')
    .innerJoin('workspaces as ws', 'ws.id', 'g.workspace_id')
    .select(['g.kind', 'g.workbook', 'g.sheet'])
    .where('ws.tenant_id', '=', tenantId)
    .where('ws.name', '=', workspace)
    .execute();
  const of = (kind: GovernanceKind): SheetName | null => {
    const row = rows.find((r) => r.kind === kind);
    return row === undefined ? null : { workbook: row.workbook, sheet: row.sheet };
  };
  return { permissions: of('permissions'), classification: of('classification') };
}

export function setGovernanceSource(
  db: Kysely<Database>,
  tenantId: string,
  workspace: string,
  kind: GovernanceKind,
  sheet: SheetName,
  policy: { readonly policy: Policy; readonly revision: number } | undefined,
  at: string,
): Promise<void> {
  return writeTransaction(db, async (trx) => {
    const workspaceId = await ensureWorkspaceId(trx, tenantId, workspace, at);
    await trx
      .insertInto('governance_sources')
      .values({ workspace_id: workspaceId, kind, workbook: sheet.workbook, sheet: sheet.sheet, updated_at: at })
      .onConflict((oc) => oc.columns(['workspace_id', 'kind']).doUpdateSet({ workbook: sheet.workbook, sheet: sheet.sheet, updated_at: at }))
      .execute();
    if (policy !== undefined) {
      const text = JSON.stringify(policy.policy);
      await trx
        .insertInto('policies')
        .values({ workspace_id: workspaceId, policy: text, revision: policy.revision, updated_at: at })
        .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ policy: text, revision: policy.revision, updated_at: at }))
        .execute();
    }
    return { commit: true, value: undefined };
  });
}
