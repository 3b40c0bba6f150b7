import { PushResponseSchema, type PushResponse } from '../../shared/api/sync';
import { syncRefusal, type SyncRefusal } from '../../shared/api/sync-refusals';
import { KIND_DEFINITIONS } from '../../shared/kinds/definitions';
import { fail, ok, type Result } from '../../shared/result';
import type { GroupLookup } from '../access/group-lookup';
import { locksOut } from '../access/governance';
import { restoreMaskedCells } from '../access/masking/round-trip';
import { departmentOfCells } from '../access/masking/row-access';
import type { Cells } from '../access/masking/sheet-masking';
import { policyFromMatrixRows } from '../access/policy-from-matrix';
import type { IssueAnalyser } from '../analysis/issue-analyser';
import { holdChanges, mayHold } from '../approval/hold-changes';
import { pendingCells } from '../approval/pending-view';
import type { NewPendingChange, PendingChange } from '../store/approval-types';
import type { PulledRow, PullResult, PushRequest, Store, SyncRow } from '../store/store-types';
import { applyGovernance, governanceTarget } from './governance';
import { issuesSince, issuesWhileWriting, storedIssues } from './push-issues';
import type { Caller, PreparedPush, PushAnswer, PushCommand } from './push-types';
import { keyedRows } from './row-keys';
import { outsideScope } from './scope-check';
import { deletePermission, deleteRefusal } from './write-door';

/**
 * The sync service: a push checked, merged and stored, as every caller needs it — the sheet
 * route, the delete of one row, uploads with ?store=true, the demo seed. Built once per app by
 * createPushService; routes map its refusals to problem+json (refusal-problem.ts) and never
 * hold any of its steps.
 *
 * prepare checks everything that can be checked before the store is touched: the row limit,
 * governance sheets (administrators only), natural keys, department scope, masked values
 * coming back (the write door: unchanged masks restored, unmatched ones refused), the delete
 * right, the matrix lock-out. commit writes through the store in one transaction and turns its
 * answer into the API's. Uploads prepare every sheet before committing any. Refusals are data
 * (SyncRefusal); a throw is a bug.
 */
export interface PushService {
  prepare(caller: Caller, command: PushCommand): Promise<Result<PreparedPush, SyncRefusal>>;
  commit(caller: Caller, prepared: PreparedPush): Promise<Result<PushAnswer, SyncRefusal>>;
  /** prepare, then commit. */
  push(caller: Caller, command: PushCommand): Promise<Result<PushAnswer, SyncRefusal>>;
}

export interface PushServiceDeps {
  readonly store: Store;
  readonly maxRows: number;
  readonly groupsOf: GroupLookup;
  readonly issueAnalyser?: IssueAnalyser;
}

/** The stored answer of a first attempt, as store.push keeps it. */
const StoredOutcomeSchema = PushResponseSchema.omit({ issues: true });

/** The matrix as it would stand after this push, if nothing else changes meanwhile. */
function matrixAfter(mode: 'full' | 'delta', rows: readonly SyncRow[], deletes: readonly string[], current: PullResult | null): Cells[] {
  if (mode === 'full' || current === null) return rows.map((r) => r.cells);
  const result = new Map<string, Cells>(current.rows.filter((r) => !r.deleted).map((r) => [r.key, r.cells]));
  for (const r of rows) result.set(r.key, { ...(result.get(r.key) ?? {}), ...r.cells });
  for (const k of deletes) result.delete(k);
  return [...result.values()];
}

/**
 * The rows a push would remove, as the merge decides (store/merge.ts): its deletes, and for a
 * full push the rows it leaves out that existed at its base and are unchanged since (a row
 * created or changed by someone else after the base is not the pusher's to remove).
 */
function removedRows(mode: 'full' | 'delta', rows: readonly SyncRow[], deletes: readonly string[], current: PullResult, base: number): PulledRow[] {
  const pushed = new Set(rows.map((r) => r.key));
  const live = current.rows.filter((r) => !r.deleted && !pushed.has(r.key));
  if (mode === 'full') return live.filter((r) => r.revision <= base);
  const wanted = new Set(deletes);
  return live.filter((r) => wanted.has(r.key));
}

export function createPushService(deps: PushServiceDeps): PushService {
  const { store } = deps;

  async function prepare(caller: Caller, command: PushCommand): Promise<Result<PreparedPush, SyncRefusal>> {
    const { body, ref } = command;
    const { view } = caller;
    const access = view.access;
    const kind = body.kind;
    if (body.rows.length + body.deletes.length > deps.maxRows) return fail(syncRefusal('too-many-rows', { limit: deps.maxRows }));

    // Every row of a kind is of its subject: a grant about other data does not reach it.
    if (!access.reaches(KIND_DEFINITIONS[kind].subject)) return fail(syncRefusal('other-subject', { operation: access.operation }));
    // Governance sheets decide who sees what: their designated sheets are an administrator's.
    const governance = await governanceTarget(store, ref, kind);
    if (governance !== null && !access.administers) return fail(syncRefusal('admin-only', { kind: governance.kind }));

    const keyed = keyedRows(kind, body.rows.map((r) => r.cells));
    if (!keyed.ok) return keyed;
    let rows = keyed.value;
    let deletes = [...body.deletes];
    const outside = outsideScope(access, kind, rows, deletes);
    if (outside !== null) return fail(outside);

    const decide = view.rowAccess(kind);
    const maskedFor = (cells: Cells): boolean => decide(departmentOfCells(cells)).masked;
    const masked = !view.seesEveryRowInClear(kind) && (rows.some((r) => maskedFor(r.cells)) || deletes.length > 0);
    const scopedFull = access.scope.kind !== 'global' && body.mode === 'full' && command.baseRevision !== null;
    const mayDelete = deletePermission(access, kind);
    const needsCurrent = masked || scopedFull || kind === 'permissions' || (mayDelete !== undefined && (body.mode === 'full' || deletes.length > 0));
    let current = needsCurrent && command.baseRevision !== null ? await store.pull(ref, 0) : null;
    if (current !== null && current.kind !== kind) return fail(syncRefusal('kind-mismatch', { kind }));

    if (masked) {
      // Masked values pushed back unchanged must not overwrite what they mask.
      const restored = restoreMaskedCells(kind, rows.map((r) => r.cells), deletes, current?.rows ?? [], await view.masking(kind), maskedFor);
      if (restored.unmatched.length > 0) {
        return fail(
          syncRefusal(
            'masked-value-unmatched',
            { rows: restored.unmatched.length },
            restored.unmatched.slice(0, 50).map((i) => ({ in: 'body' as const, path: `/rows/${i}`, code: 'masked-value-unmatched', message: `row ${i} holds masked values` })),
          ),
        );
      }
      const rekeyed = keyedRows(kind, restored.rows);
      if (!rekeyed.ok) return rekeyed;
      rows = rekeyed.value;
      deletes = restored.deletes;
    }

    let mode = body.mode;
    if (scopedFull && current !== null) {
      // A full push from an own-department caller replaces their department's rows, never the
      // others' (which it cannot see, so its absence of them means nothing): a delta that deletes
      // the caller's own rows the push leaves out.
      const pushed = new Set(rows.map((r) => r.key));
      const own = current.rows.filter((r) => !r.deleted && decide(departmentOfCells(r.cells)).visible);
      deletes = [...new Set([...deletes, ...own.filter((r) => !pushed.has(r.key)).map((r) => r.key)])];
      mode = 'delta';
    }

    if (mayDelete !== undefined && current !== null && command.baseRevision !== null) {
      // Refused before anything is written (an upload checks every sheet before storing any);
      // the store decides again on the rows the merge really removes (a race in between).
      const refused = removedRows(mode, rows, deletes, current, command.baseRevision).filter((r) => !mayDelete(r.key, r.cells));
      if (refused.length > 0) return fail(await deleteRefusal(view, kind, refused.map((r) => r.key), deletes));
    }

    // Tiered approval (docs/approval.md): the changes this caller may not apply alone wait as
    // pending changes; the rest of the push goes on. Bootstrap administrators (no policy yet) and
    // the service itself hold no roles and are never held.
    let held: NewPendingChange[] = [];
    const governed = governance !== null && governance.role === 'source' ? governance.kind : null;
    // Rules govern KPI sheets and the governance sources only: other pushes skip the read.
    const rules = access.via === 'policy' && (kind === 'kpi' || governed !== null) ? await store.getApprovalRules(ref.tenantId, ref.workspace) : null;
    if (rules !== null && mayHold({ kind, governance: governed, rules, roles: access.roles })) {
      if (current === null && command.baseRevision !== null) current = await store.pull(ref, 0);
      if (current !== null && current.kind !== kind) return fail(syncRefusal('kind-mismatch', { kind }));
      const hold = holdChanges({ kind, governance: governed, rules, roles: access.roles, mode, rows, deletes, current, baseRevision: command.baseRevision });
      rows = hold.rows;
      deletes = hold.deletes;
      const proposer = { userId: caller.principal.userId, email: caller.principal.email };
      held = hold.held.map((h) => ({ ...h, workbook: ref.workbook, sheet: ref.sheet, kind, baseRevision: current?.revision ?? 0, proposer, idempotencyKey: command.idempotencyKey }));
    }

    if (governance !== null && kind === 'permissions') {
      const policy = policyFromMatrixRows(matrixAfter(mode, rows, deletes, current));
      const groups = await deps.groupsOf(caller.principal, caller.assertion, policy);
      if (!groups.ok) return fail(syncRefusal('groups-unavailable', {}));
      if (locksOut(policy, caller.principal, groups.value)) return fail(syncRefusal('admin-lockout', {}));
    }

    const request: PushRequest = {
      ref,
      kind,
      baseRevision: command.baseRevision,
      mode,
      rows,
      deletes,
      actor: { tenantId: caller.principal.tenantId, userId: caller.principal.userId, email: caller.principal.email },
      idempotencyKey: command.idempotencyKey,
      requestHash: await command.requestHash,
      ...(mayDelete !== undefined ? { mayDelete } : {}),
      ...(held.length > 0 ? { held } : {}),
    };
    return ok({ request, governance });
  }

  /** The changes the first attempt of this push held, as they stand now (a replay answers them again). */
  async function heldBy(request: PushRequest): Promise<PendingChange[]> {
    const { ref } = request;
    const filter = { workbook: ref.workbook, sheet: ref.sheet, idempotencyKey: request.idempotencyKey, proposerId: request.actor.userId };
    return (await store.listPendingChanges(ref.tenantId, ref.workspace, filter, 10_000)).reverse();
  }

  async function commit(caller: Caller, prepared: PreparedPush): Promise<Result<PushAnswer, SyncRefusal>> {
    const { request } = prepared;
    const early = issuesWhileWriting(deps.issueAnalyser, caller, request);
    const result = await store.push(request, early.observer);
    switch (result.status) {
      case 'applied': {
        const { outcome } = result;
        const since = issuesSince(request, outcome.revision, outcome.changedCells);
        if (prepared.governance !== null && (outcome.changedCells > 0 || prepared.governance.role === 'designate')) {
          await applyGovernance(store, request.ref, prepared.governance, outcome.revision, result.sheet);
        }
        const analysed = since === 0 ? early.issues() : null;
        // Recorded by the store in the push's own transaction (PushRequest.held).
        const pending = result.pending ?? [];
        const body: PushResponse = {
          revision: outcome.revision,
          changedCells: outcome.changedCells,
          conflicts: await caller.view.conflicts(request.kind, outcome.conflicts),
          issues: analysed !== null ? await analysed : await storedIssues(store, deps.issueAnalyser, caller, request.ref, request.kind, since, since === 0 ? result.sheet : result.written),
          ...(pending.length > 0 ? { pending: await pendingCells(caller.view, pending) } : {}),
        };
        return ok({ status: 200, body, replayed: false });
      }
      case 'replay': {
        const stored = StoredOutcomeSchema.safeParse(result.body);
        if (!stored.success) throw new Error('store: a replayed push answer is not a push outcome');
        // The first answer's revision and conflicts, as stored; issues of the sheet as it is now.
        const pending = await heldBy(request);
        const body: PushResponse = {
          ...stored.data,
          conflicts: await caller.view.conflicts(request.kind, stored.data.conflicts),
          issues: await storedIssues(store, deps.issueAnalyser, caller, request.ref, request.kind, issuesSince(request, stored.data.revision, stored.data.changedCells)),
          ...(pending.length > 0 ? { pending: await pendingCells(caller.view, pending) } : {}),
        };
        return ok({ status: result.httpStatus, body, replayed: true });
      }
      case 'delete-refused':
        return fail(await deleteRefusal(caller.view, request.kind, result.keys, request.deletes));
      case 'key-reused':
      case 'in-progress':
      case 'exists':
      case 'not-found':
        return fail(syncRefusal(result.status, {}));
      case 'kind-mismatch':
        return fail(syncRefusal('kind-mismatch', { kind: request.kind }));
      case 'stale-unknown':
        return fail(syncRefusal('stale-unknown', { current: result.current }));
    }
  }

  return {
    prepare,
    commit,
    async push(caller, command) {
      const prepared = await prepare(caller, command);
      return prepared.ok ? commit(caller, prepared.value) : prepared;
    },
  };
}

