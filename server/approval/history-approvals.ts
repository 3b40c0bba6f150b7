import type { HistoryApproval } from '../../shared/api/pending-cell';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { CallerView } from '../access/masking/caller-view';
import type { SheetRef, Store } from '../store/store-types';
import { seePending } from './pending-view';

/**
 * A cell's history names, for each change that an approval applied, who proposed it and who
 * approved it (the change itself is under the last approver's name). People are pseudonyms
 * for a caller who sees the row masked, like the editors of the history.
 */
export async function approvalsByRevision(store: Pick<Store, 'listPendingChanges'>, view: CallerView, ref: SheetRef, kind: SheetKind, key: string, field: string): Promise<Map<number, HistoryApproval>> {
  const applied = await store.listPendingChanges(ref.tenantId, ref.workspace, { status: 'approved', workbook: ref.workbook, sheet: ref.sheet, key }, 1000);
  const out = new Map<number, HistoryApproval>();
  for (const change of applied) {
    if (change.appliedRevision === null || (change.field !== null && change.field !== field)) continue;
    const seen = await seePending(view, change);
    if (seen === null || seen.change.kind !== kind) continue;
    out.set(change.appliedRevision, {
      id: change.id,
      proposer: seen.person({ userId: change.proposer.userId, email: change.proposer.email }),
      approvers: change.approvals.map((a) => seen.person({ userId: a.userId, email: a.email, role: a.role, at: a.at, comment: a.comment })),
    });
  }
  return out;
}
