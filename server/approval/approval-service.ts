import type { ApprovalStatus, DecisionResponse, PendingChangeDto } from '../../shared/api/approvals';
import type { CellValue } from '../../shared/table/grid';
import { fail, ok, type Result } from '../../shared/result';
import type { Clock } from '../deps';
import { apiError, type ApiError } from '../http/api-error';
import type { ApprovalRecord, PendingChange, PendingUpdate } from '../store/approval-types';
import type { Conflict, SheetRef, Store, SyncRow } from '../store/store-types';
import { applyGovernance, governanceTarget } from '../sync/governance';
import type { Caller } from '../sync/push-types';
import { listedRolesHeld } from './hold-changes';
import { leavesAnAdministrator, policyAfter } from './matrix-after';
import { pendingDto, seePending } from './pending-view';

/**
 * Deciding on pending changes (docs/approval.md). Approvers are holders of a role the change's
 * level lists, never its proposer. Level `any`: the first approval applies it. Level `all`:
 * each approval counts for one listed role the approver holds and no one has approved for yet,
 * each approver once; the approval of the last role applies it. Applying is a push under the
 * last approver's name, merged against the proposal's base revision: a change the sheet has
 * moved past since (the cell, or the row for a whole-row change, changed after the base) is
 * marked `conflicted` and nothing is written. A rejection (with its comment) ends it.
 *
 * Refusals are ApiErrors as data; the routes throw them.
 */
export interface ApprovalService {
  list(caller: Caller, status: ApprovalStatus | 'all'): Promise<PendingChangeDto[]>;
  approve(caller: Caller, id: number, comment: string | null): Promise<Result<DecisionResponse, ApiError>>;
  reject(caller: Caller, id: number, comment: string): Promise<Result<DecisionResponse, ApiError>>;
}

const LIST_LIMIT = 500;

export function createApprovalService(deps: { readonly store: Store; readonly clock: Clock }): ApprovalService {
  const { store } = deps;

  const refOf = (caller: Caller, c: PendingChange): SheetRef => ({ tenantId: caller.principal.tenantId, workspace: caller.view.access.workspace, workbook: c.workbook, sheet: c.sheet });

  /** Why this caller may not reject this change now; null when they may (any approver of it may stop it). */
  function rejectRefusal(caller: Caller, c: PendingChange): ApiError | null {
    if (c.status !== 'pending') return apiError('conflict', `This change is already ${c.status}.`, { reason: 'decided', outcome: c.status });
    if (c.proposer.userId === caller.principal.userId) return apiError('forbidden', 'You proposed this change: someone else must approve or reject it.', { reason: 'own-change' });
    if (listedRolesHeld(c.level, caller.view.access.roles).length === 0) {
      return apiError('forbidden', `Only holders of these roles decide on this change: ${c.level.roles.join(', ')}.`, { reason: 'not-an-approver', roles: [...c.level.roles] });
    }
    return null;
  }

  /** Why this caller may not approve this change now; null when they may. */
  function refusal(caller: Caller, c: PendingChange): ApiError | null {
    const first = rejectRefusal(caller, c);
    if (first !== null) return first;
    if (c.approvals.some((a) => a.userId === caller.principal.userId)) return apiError('conflict', 'You have approved this change already.', { reason: 'approved-already' });
    if (openRole(caller, c) === null) return apiError('conflict', 'Every role you hold has approved this change already; the others must.', { reason: 'role-approved' });
    return null;
  }

  /** The listed role an approval by this caller counts for: one they hold that no one has approved for yet. */
  function openRole(caller: Caller, c: PendingChange): string | null {
    const done = new Set(c.approvals.map((a) => a.role));
    return listedRolesHeld(c.level, caller.view.access.roles).find((r) => !done.has(r)) ?? null;
  }

  async function load(caller: Caller, id: number): Promise<Result<PendingChange, ApiError>> {
    const c = await store.getPendingChange(caller.principal.tenantId, caller.view.access.workspace, id);
    // A change to a row the caller may not see is not found (not forbidden, which would confirm it).
    if (c === null || (await seePending(caller.view, c)) === null) return fail(apiError('not-found', 'No such pending change.'));
    return ok(c);
  }

  async function answer(caller: Caller, c: PendingChange, outcome: DecisionResponse['outcome'], extra: Partial<DecisionResponse> = {}): Promise<DecisionResponse> {
    const seen = await seePending(caller.view, c);
    if (seen === null) throw new Error('approvals: a change the caller decided on is no longer visible to them');
    return { outcome, approval: pendingDto(seen, refusal(caller, c) === null), ...extra };
  }

  async function update(caller: Caller, c: PendingChange, next: PendingUpdate): Promise<Result<PendingChange, ApiError>> {
    const written = await store.updatePendingChange(caller.principal.tenantId, caller.view.access.workspace, c.id, c.version, next);
    if (!written) return fail(apiError('conflict', 'Someone else decided on this change at the same moment; look at it again.', { reason: 'decided-meanwhile' }));
    return ok({ ...c, ...next, version: c.version + 1 });
  }

  /** What stands in the way of applying it: cells the sheet changed after the proposal's base revision. */
  async function movedPast(ref: SheetRef, c: PendingChange): Promise<Conflict[]> {
    if (c.field !== null) {
      const history = (await store.cellHistory(ref, c.key, c.field)) ?? [];
      const later = history.filter((h) => h.revision > c.baseRevision);
      const last = later[later.length - 1];
      if (last === undefined) return [];
      return [{ key: c.key, field: c.field, yours: c.proposed[c.field] ?? null, theirs: last.newValue, original: c.original[c.field] ?? null }];
    }
    const sheet = await store.pull(ref, 0);
    const row = sheet?.rows.find((r) => r.key === c.key);
    const added = Object.keys(c.original).length === 0;
    if (added) {
      // Someone created the row since: each of its cells is theirs now.
      if (row === undefined || row.deleted) return [];
      return Object.keys(c.proposed).map((field) => ({ key: c.key, field, yours: c.proposed[field] ?? null, theirs: row.cells[field] ?? null, original: null }));
    }
    if (row !== undefined && !row.deleted && row.revision <= c.baseRevision) return [];
    // Removed or changed since: removing it now would remove what the approvers never saw.
    return Object.keys(c.original).map((field) => ({ key: c.key, field, yours: null, theirs: row === undefined || row.deleted ? null : (row.cells[field] ?? null), original: c.original[field] ?? null }));
  }

  async function apply(caller: Caller, c: PendingChange): Promise<Result<DecisionResponse, ApiError>> {
    const ref = refOf(caller, c);
    const conflicts = await movedPast(ref, c);
    if (conflicts.length > 0) return ok(await conflicted(caller, c, conflicts));
    if (c.kind === 'permissions') {
      const sheet = await store.pull(ref, 0);
      if (sheet !== null && !leavesAnAdministrator(policyAfter(sheet, c))) {
        // Left pending (the claim undone): it can still be rejected.
        await update(caller, c, { status: 'pending', approvals: c.approvals.slice(0, -1), decision: null, appliedRevision: null });
        return fail(apiError('conflict', 'Applied, this change would leave the workspace without an administrator; it stays pending (reject it, or propose another).', { reason: 'admin-lockout' }));
      }
    }
    const cells: Record<string, CellValue> = { ...c.proposed };
    const rows: SyncRow[] = c.field === null && Object.keys(c.original).length > 0 ? [] : [{ key: c.key, cells }];
    const deletes = rows.length === 0 ? [c.key] : [];
    const result = await store.push({
      ref,
      kind: c.kind,
      // Merged against the proposal's base: a race since the check above is a conflict, not an overwrite.
      baseRevision: Math.max(1, c.baseRevision),
      mode: 'delta',
      rows,
      deletes,
      actor: { tenantId: caller.principal.tenantId, userId: caller.principal.userId, email: caller.principal.email },
      idempotencyKey: `approval:${c.id}`,
      requestHash: `approval:${c.id}:${c.version}`,
    });
    if (result.status !== 'applied') return ok(await conflicted(caller, c, []));
    if (result.outcome.conflicts.length > 0) return ok(await conflicted(caller, c, result.outcome.conflicts));
    const target = await governanceTarget(store, ref, c.kind);
    if (target !== null && target.role === 'source') await applyGovernance(store, ref, target, result.outcome.revision, result.sheet);
    const done = await update(caller, c, { status: 'approved', approvals: c.approvals, decision: c.decision, appliedRevision: result.outcome.revision });
    if (!done.ok) return done;
    return ok(await answer(caller, done.value, 'applied', { revision: result.outcome.revision }));
  }

  async function conflicted(caller: Caller, c: PendingChange, conflicts: readonly Conflict[]): Promise<DecisionResponse> {
    const marked = await update(caller, c, { status: 'conflicted', approvals: c.approvals, decision: c.decision, appliedRevision: null });
    const now = marked.ok ? marked.value : c;
    return answer(caller, now, 'conflict', { conflicts: await caller.view.conflicts(c.kind, conflicts) });
  }

  const record = (caller: Caller, comment: string | null) => ({
    userId: caller.principal.userId,
    email: caller.principal.email,
    at: deps.clock.now().toISOString(),
    comment: comment === null || comment === '' ? null : comment,
  });

  return {
    async list(caller, status) {
      const changes = await store.listPendingChanges(caller.principal.tenantId, caller.view.access.workspace, status === 'all' ? {} : { status }, LIST_LIMIT);
      const out: PendingChangeDto[] = [];
      for (const c of changes) {
        const seen = await seePending(caller.view, c);
        if (seen !== null) out.push(pendingDto(seen, refusal(caller, c) === null));
      }
      return out;
    },

    async approve(caller, id, comment) {
      const loaded = await load(caller, id);
      if (!loaded.ok) return loaded;
      const c = loaded.value;
      const refused = refusal(caller, c);
      if (refused !== null) return fail(refused);
      const role = openRole(caller, c) ?? '';
      const mine = record(caller, comment);
      const approvals: ApprovalRecord[] = [...c.approvals, { ...mine, role }];
      const complete = c.level.mode === 'any' || c.level.roles.every((r) => approvals.some((a) => a.role === r));
      if (!complete) {
        const waiting = await update(caller, c, { status: 'pending', approvals, decision: null, appliedRevision: null });
        return waiting.ok ? ok(await answer(caller, waiting.value, 'waiting')) : waiting;
      }
      // Claimed first (the version check): two last approvals at once apply it once.
      const claimed = await update(caller, c, { status: 'approved', approvals, decision: mine, appliedRevision: null });
      if (!claimed.ok) return claimed;
      return apply(caller, claimed.value);
    },

    async reject(caller, id, comment) {
      const loaded = await load(caller, id);
      if (!loaded.ok) return loaded;
      const c = loaded.value;
      const refused = rejectRefusal(caller, c);
      if (refused !== null) return fail(refused);
      const done = await update(caller, c, { status: 'rejected', approvals: c.approvals, decision: record(caller, comment), appliedRevision: null });
      return done.ok ? ok(await answer(caller, done.value, 'rejected')) : done;
    },
  };
}
