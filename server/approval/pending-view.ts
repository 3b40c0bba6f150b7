import type { PendingCell } from '../../shared/api/pending-cell';
import type { PendingChangeDto } from '../../shared/api/approvals';
import { KIND_DEFINITIONS } from '../../shared/kinds/definitions';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { CallerView } from '../access/masking/caller-view';
import { departmentOfKey, type RowAccess } from '../access/masking/row-access';
import type { Person, PendingChange } from '../store/approval-types';

/**
 * Pending changes on their way out, through the caller's view like any stored value: a change
 * to a row the caller may not see is left out; for a masked caller its key, proposed and
 * original values are masked like the row's, and the people on it (proposer, approvers) are
 * pseudonyms, as in a cell's history.
 */

/** What a caller may see of a row of this kind and key; KPI definitions are reference data (as in the scorecard). */
export function pendingRowAccess(view: CallerView, kind: SheetKind, key: string): RowAccess {
  const department = departmentOfKey(kind, key);
  if (kind === 'kpi' && department === null) return { visible: view.access.reaches(KIND_DEFINITIONS[kind].subject), masked: view.access.masked };
  return view.rowAccess(kind)(department);
}

export interface SeenPending {
  readonly change: PendingChange;
  readonly masked: boolean;
  readonly key: string;
  readonly proposed: Record<string, PendingChange['proposed'][string]>;
  readonly original: Record<string, PendingChange['original'][string]>;
  readonly person: <P extends Person>(p: P) => P;
}

export async function seePending(view: CallerView, change: PendingChange): Promise<SeenPending | null> {
  const seen = pendingRowAccess(view, change.kind, change.key);
  if (!seen.visible) return null;
  if (!seen.masked) return { change, masked: false, key: change.key, proposed: { ...change.proposed }, original: { ...change.original }, person: (p) => p };
  const mask = await view.masking(change.kind);
  return {
    change,
    masked: true,
    key: mask.key(change.key),
    proposed: mask.cells(change.proposed),
    original: mask.cells(change.original),
    person: (p) => ({ ...p, userId: view.pseudonym(p.userId), email: p.email === '' ? '' : view.pseudonym(p.email.toLowerCase()) }),
  };
}

/** The push answer's `pending`: one entry per held cell (a new row: each of its cells; a removal: the row). */
export async function pendingCells(view: CallerView, changes: readonly PendingChange[]): Promise<PendingCell[]> {
  const out: PendingCell[] = [];
  for (const change of changes) {
    const seen = await seePending(view, change);
    if (seen === null) continue;
    const base = { id: change.id, change: change.change, key: seen.key };
    if (change.field !== null) out.push({ ...base, field: change.field, proposed: seen.proposed[change.field] ?? null });
    else if (Object.keys(seen.proposed).length === 0) out.push({ ...base, field: null, proposed: null });
    else for (const [field, value] of Object.entries(seen.proposed)) out.push({ ...base, field, proposed: value });
  }
  return out;
}

/** A pending change as the approvals API answers it. */
export function pendingDto(seen: SeenPending, canDecide: boolean): PendingChangeDto {
  const c = seen.change;
  return {
    id: c.id,
    status: c.status,
    change: c.change,
    workbook: c.workbook,
    sheet: c.sheet,
    kind: c.kind,
    key: seen.key,
    field: c.field,
    proposed: seen.proposed,
    original: seen.original,
    baseRevision: c.baseRevision,
    proposer: seen.person({ userId: c.proposer.userId, email: c.proposer.email }),
    proposedAt: c.proposedAt,
    level: { mode: c.level.mode, roles: [...c.level.roles] },
    approvals: c.approvals.map((a) => seen.person({ ...a })),
    decision: c.decision === null ? null : seen.person({ ...c.decision }),
    appliedRevision: c.appliedRevision,
    canDecide,
  };
}
