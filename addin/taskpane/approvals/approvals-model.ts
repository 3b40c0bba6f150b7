import type { DecisionResponse, PendingChangeDto } from '../../../shared/api/approvals';
import type { Locale } from '../../../shared/i18n/locale';
import type { CellValue } from '../../../shared/table/grid';
import { fail, type Result } from '../../../shared/result';
import type { SyncClient, SyncFailure } from '../../sync/sync-client';
import { fieldLabel } from '../field-label';
import { approvalStrings } from './strings';

/**
 * The Approvals view's logic, plain TypeScript (the React component only renders it): the
 * changes waiting in the workspace, each described in the user's language, and the decisions
 * on them through the sync client. What the service answers is already what this user may see
 * (masked values stay masked).
 */

export interface ApprovalCard {
  readonly id: number;
  /** "KPI target · 转化率" */
  readonly title: string;
  /** "目标值: ≥3% → ≥4%", or the new row's cells, or "row removed". */
  readonly lines: readonly string[];
  readonly proposedBy: string;
  readonly level: string;
  readonly approvedSoFar: string | null;
  readonly canDecide: boolean;
}

const show = (value: CellValue | undefined, empty: string): string => (value === null || value === undefined || value === '' ? empty : String(value));

export function describeChange(change: PendingChangeDto, locale: Locale): ApprovalCard {
  const s = approvalStrings(locale);
  const label = (field: string) => fieldLabel(change.kind, field, locale);
  const lines: string[] = [];
  if (change.field !== null) {
    lines.push(`${label(change.field)}: ${show(change.original[change.field], s.empty)} → ${show(change.proposed[change.field], s.empty)}`);
  } else if (Object.keys(change.proposed).length > 0) {
    lines.push(s.rowAdded);
    for (const [field, value] of Object.entries(change.proposed)) if (value !== null && value !== '') lines.push(`${label(field)}: ${show(value, s.empty)}`);
  } else {
    lines.push(s.rowRemoved);
    for (const [field, value] of Object.entries(change.original)) if (value !== null && value !== '') lines.push(`${label(field)}: ${show(value, s.empty)}`);
  }
  const who = (p: { readonly email: string; readonly userId: string }) => p.email || p.userId;
  return {
    id: change.id,
    title: `${s.changes[change.change]} · ${change.key}`,
    lines,
    proposedBy: s.proposedBy(who(change.proposer), change.proposedAt.slice(0, 10)),
    level: s.level(change.level.mode, change.level.roles.join(locale === 'zh-CN' ? '、' : ', ')),
    approvedSoFar: change.approvals.length === 0 ? null : s.approvedSoFar(change.approvals.map((a) => `${who(a)} (${a.role})`).join(locale === 'zh-CN' ? '、' : ', ')),
    canDecide: change.canDecide,
  };
}

/** What the user is told after a decision. */
export function outcomeText(answer: DecisionResponse, locale: Locale): string {
  const o = approvalStrings(locale).outcomes;
  switch (answer.outcome) {
    case 'waiting':
      return o.waiting;
    case 'applied':
      return o.applied(answer.revision ?? answer.approval.appliedRevision ?? 0);
    case 'conflict':
      return o.conflict(answer.conflicts?.length ?? 0);
    case 'rejected':
      return o.rejected;
  }
}

export async function loadCards(client: SyncClient, workspace: string, locale: Locale): Promise<Result<ApprovalCard[], SyncFailure>> {
  const listed = await client.approvals(workspace, 'pending');
  if (!listed.ok) return listed;
  return { ok: true, value: listed.value.approvals.map((c) => describeChange(c, locale)) };
}

export type DecideFailure = SyncFailure | { readonly kind: 'comment-required' };

/** A rejection says why: refused here before anything is sent. */
export async function decide(client: SyncClient, workspace: string, id: number, decision: 'approve' | 'reject', comment: string): Promise<Result<DecisionResponse, DecideFailure>> {
  if (decision === 'reject' && comment.trim() === '') return fail({ kind: 'comment-required' });
  return client.decideApproval(workspace, id, decision, comment);
}
