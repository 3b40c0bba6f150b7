import { PushResponseSchema, type PushResponse } from '../../shared/api/sync';
import { syncRefusal, type SyncRefusal } from '../../shared/api/sync-refusals';
import { fail, ok, type Result } from '../../shared/result';
import type { GroupLookup } from '../access/group-lookup';
import { restoreMaskedCells } from '../access/masking/round-trip';
import { departmentOfCells, rowAccessor } from '../access/masking/row-access';
import type { Cells } from '../access/masking/sheet-masking';
import { policyFromMatrixRows } from '../access/policy-from-matrix';
import { locksOut } from '../access/governance';
import type { IssueAnalyser } from '../analysis/issue-analyser';
import type { PullResult, PushRequest, SheetRef, Store, SyncRow } from '../store/store-types';
import { issuesSince, issuesWhileWriting, storedIssues } from './push-issues';
import type { Caller, PreparedPush, PushAnswer, PushCommand } from './push-types';
import { keyedRows } from './row-keys';
import { outsideScope } from './scope-check';

/**
 * The sync service: a push checked, merged and stored, as every caller needs it — the sheet
 * route, the delete of one row, uploads with ?store=true, the demo seed. Built once per app by
 * createPushService; routes map its refusals to problem+json (refusal-problem.ts) and never
 * hold any of its steps.
 *
 * prepare checks everything that can be checked before the store is touched (row limit,
 * natural keys, department scope, masked round trips, the matrix lock-out); commit writes
 * through the store in one transaction and turns its answer into the API's. Uploads prepare
 * every sheet before committing any. Refusals are data (SyncRefusal); a throw is a bug.
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

export function createPushService(deps: PushServiceDeps): PushService {
  const { store } = deps;

  async function prepare(caller: Caller, command: PushCommand): Promise<Result<PreparedPush, SyncRefusal>> {
    const { body, ref } = command;
    const access = caller.view.access;
    if (body.rows.length + body.deletes.length > deps.maxRows) return fail(syncRefusal('too-many-rows', { limit: deps.maxRows }));
    const keyed = keyedRows(body.kind, body.rows.map((r) => r.cells));
    if (!keyed.ok) return keyed;
    let rows = keyed.value;
    let deletes = [...body.deletes];
    const outside = outsideScope(access, body.kind, rows, deletes);
    if (outside !== null) return fail(outside);

    const decide = rowAccessor(access, body.kind);
    const maskedFor = (cells: Cells): boolean => decide(departmentOfCells(cells)).masked;
    const masking = !caller.view.seesEveryRowInClear() && rows.some((r) => maskedFor(r.cells)) ? await caller.view.masking(body.kind) : null;
    const scopedFull = access.scope.kind !== 'global' && body.mode === 'full' && command.baseRevision !== null;
    const needsCurrent = (masking !== null && masking.active) || scopedFull || body.kind === 'permissions';
    const current = needsCurrent && command.baseRevision !== null ? await store.pull(ref, 0) : null;
    if (current !== null && current.kind !== body.kind) return fail(syncRefusal('kind-mismatch', { kind: body.kind }));

    if (masking !== null && masking.active && current !== null) {
      // Masked values pushed back unchanged must not overwrite what they mask.
      const restored = keyedRows(body.kind, restoreMaskedCells(body.kind, rows.map((r) => r.cells), current.rows, masking, maskedFor));
      if (!restored.ok) return restored;
      rows = restored.value;
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

    if (body.kind === 'permissions') {
      const policy = policyFromMatrixRows(matrixAfter(body.mode, rows, deletes, current));
      const groups = await deps.groupsOf(caller.principal, caller.assertion, policy);
      if (!groups.ok) return fail(syncRefusal('groups-unavailable', {}));
      if (locksOut(policy, caller.principal, groups.value)) return fail(syncRefusal('admin-lockout', {}));
    }

    const request: PushRequest = {
      ref,
      kind: body.kind,
      baseRevision: command.baseRevision,
      mode,
      rows,
      deletes,
      actor: { tenantId: caller.principal.tenantId, userId: caller.principal.userId, email: caller.principal.email },
      idempotencyKey: command.idempotencyKey,
      requestHash: await command.requestHash,
    };
    return ok({ request });
  }

  /** The stored matrix, compiled, becomes the workspace policy. */
  async function applyMatrix(ref: SheetRef, revision: number, known?: PullResult): Promise<void> {
    const pulled = known ?? (await store.pull(ref, 0));
    if (pulled === null || pulled.kind !== 'permissions') return;
    const policy = policyFromMatrixRows(pulled.rows.filter((r) => !r.deleted).map((r) => r.cells));
    await store.setPolicy(ref.tenantId, ref.workspace, policy, revision);
  }

  async function commit(caller: Caller, prepared: PreparedPush): Promise<Result<PushAnswer, SyncRefusal>> {
    const { request } = prepared;
    const early = issuesWhileWriting(deps.issueAnalyser, caller, request);
    const result = await store.push(request, early.observer);
    switch (result.status) {
      case 'applied': {
        const { outcome } = result;
        const since = issuesSince(request, outcome.revision, outcome.changedCells);
        if (request.kind === 'permissions') await applyMatrix(request.ref, outcome.revision, result.sheet);
        const analysed = since === 0 ? early.issues() : null;
        const body: PushResponse = {
          revision: outcome.revision,
          changedCells: outcome.changedCells,
          conflicts: await caller.view.conflicts(request.kind, outcome.conflicts),
          issues: analysed !== null ? await analysed : await storedIssues(store, caller, request.ref, request.kind, since, result.sheet),
        };
        return ok({ status: 200, body, replayed: false });
      }
      case 'replay': {
        const stored = StoredOutcomeSchema.safeParse(result.body);
        if (!stored.success) throw new Error('store: a replayed push answer is not a push outcome');
        // The first answer's revision and conflicts, as stored; issues of the sheet as it is now.
        const body: PushResponse = {
          ...stored.data,
          conflicts: await caller.view.conflicts(request.kind, stored.data.conflicts),
          issues: await storedIssues(store, caller, request.ref, request.kind, issuesSince(request, stored.data.revision, stored.data.changedCells)),
        };
        return ok({ status: result.httpStatus, body, replayed: true });
      }
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
