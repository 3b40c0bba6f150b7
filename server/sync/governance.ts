import { isGovernanceKind } from '../../shared/kinds/definitions';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import { policyFromMatrixRows } from '../access/policy-from-matrix';
import type { GovernanceKind, PullResult, SheetRef, Store } from '../store/store-types';

/**
 * Governance sheets: the permission matrix (the workspace's policy) and the data classification
 * (its masking rules). Each workspace has one designated sheet of each, the first one an
 * administrator pushed; a push to it (or the first, designating one) is an administrator's
 * alone. A matrix or classification pushed anywhere else is an ordinary sheet: it decides
 * nothing, so anyone who may modify may push it.
 */
export interface GovernanceTarget {
  readonly kind: GovernanceKind;
  /** 'designate': the workspace has none of this kind yet; this push makes the sheet its source. */
  readonly role: 'source' | 'designate';
}

export async function governanceTarget(store: Pick<Store, 'getGovernanceSources'>, ref: SheetRef, kind: SheetKind): Promise<GovernanceTarget | null> {
  if (!isGovernanceKind(kind)) return null;
  const source = (await store.getGovernanceSources(ref.tenantId, ref.workspace))[kind];
  if (source === null) return { kind, role: 'designate' };
  return source.workbook === ref.workbook && source.sheet === ref.sheet ? { kind, role: 'source' } : null;
}

/** After a push to a governance source: the designation, and for a matrix the policy it now is. */
export async function applyGovernance(store: Store, ref: SheetRef, target: GovernanceTarget, revision: number, known?: PullResult): Promise<void> {
  const name = { workbook: ref.workbook, sheet: ref.sheet };
  if (target.kind === 'classification') {
    if (target.role === 'designate') await store.setGovernanceSource(ref.tenantId, ref.workspace, 'classification', name);
    return;
  }
  const pulled = known ?? (await store.pull(ref, 0));
  if (pulled === null || pulled.kind !== 'permissions') return;
  const policy = policyFromMatrixRows(pulled.rows.filter((r) => !r.deleted).map((r) => r.cells));
  await store.setGovernanceSource(ref.tenantId, ref.workspace, 'permissions', name, { policy, revision });
}
