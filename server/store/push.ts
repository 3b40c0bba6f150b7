import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { DialectKind } from './dialect-kind';
import { insertPendingChanges } from './approvals';
import { claimKey, completeKey, scopedKey } from './idempotency';
import { mergePush, type MergePlan, type RowEffect } from './merge';
import type { Database } from './schema';
import { openSheetForPush } from './sheet-lock';
import { loadSheetState, type SheetState } from './sheet-state';
import { rowCellsAfterPush, rowsAfterPush, rowsWrittenBy } from './rows-after-push';
import type { PulledRow, PullResult, PushObserver, PushOutcome, PushRequest, PushResult, SheetRef } from './store-types';
import { writeTransaction } from './transaction';
import { writeEffectsPostgres } from './pg-write';
import { encodeEffects, writeEffects } from './write-plan';

export interface PushContext {
  readonly db: Kysely<Database>;
  readonly dialect: DialectKind;
  readonly now: () => Date;
  readonly keyWaitMs: number;
  readonly beforeCommit: ((ref: SheetRef) => void | Promise<void>) | undefined;
  /** PostgreSQL: the pool under `db` (pg-push-batch.ts pipelines a hot sheet's statements on it). */
  readonly pgPool?: pg.Pool | undefined;
}

/**
 * One push, in one write transaction: claim the Idempotency-Key, lock the sheet, merge against
 * the base revision, write the rows, their log entries and the revision, record the answer
 * under the key, commit. Any refusal rolls everything back (the key included, so fixing the
 * request and retrying with the same key works); any exception does too.
 *
 * A push that changes nothing (every cell already so, or all conflicts) makes no revision:
 * the answer carries the current one. Creating a sheet always makes revision 1.
 */
export async function executePush(ctx: PushContext, request: PushRequest, observer?: PushObserver): Promise<PushResult> {
  if (request.actor.tenantId !== request.ref.tenantId) {
    // The route builds both from the token; a difference is a bug, never a client's doing.
    throw new Error('push: the actor and the sheet belong to different tenants');
  }
  const at = ctx.now().toISOString();
  const ownKey = scopedKey(request.actor.userId, request.idempotencyKey);
  // The sheet as the push leaves it, built after the commit if asked for (see below).
  const sheetAfter: RowsAfter = {};
  const result = await writeTransaction<PushResult>(ctx.db, async (trx) => {
    const claim = await claimKey(
      trx,
      ctx.dialect,
      { tenantId: request.ref.tenantId, key: ownKey, requestHash: request.requestHash, at },
      ctx.keyWaitMs,
    );
    if (claim.status === 'answered') return { commit: false, value: claim.result };

    const sheet = await openSheetForPush(trx, ctx.dialect, request, at);
    if (sheet.status === 'refused') return { commit: false, value: sheet.result };

    const state = await loadSheetState(trx, ctx.dialect, sheet.id, request, sheet.revision, sheet.isNew);
    const merged = mergeForPush(request, state);
    if (merged.status === 'refused') return { commit: false, value: merged.result };
    const { plan } = merged;

    const writes = sheet.isNew || plan.effects.length > 0;
    const revision = writes ? sheet.revision + 1 : sheet.revision;
    // A full push (or a new sheet) read every live row in key order (code points, on both
    // dialects: see the bytewise-row-keys migration): the sheet after it is known before
    // anything is written.
    const knowsSheetAfter = request.mode === 'full' || sheet.isNew;
    let ordered: readonly RowEffect[] = [];
    if (writes) {
      const encoded = encodeEffects(plan.effects);
      ordered = encoded.ordered;
      if (observer !== undefined && knowsSheetAfter) {
        const rowCells = rowCellsAfterPush(state.current, ordered, (i) => encoded.cellsJson[i]!);
        if (rowCells !== null) observer.beforeWrite({ revision, rowCells });
      }
      await trx
        .insertInto('sheet_revisions')
        .values({
          sheet_id: sheet.id,
          revision,
          user_id: request.actor.userId,
          email: request.actor.email,
          at,
          idempotency_key: request.idempotencyKey,
        })
        .execute();
      if (ctx.dialect === 'postgres') await writeEffectsPostgres(trx, sheet.id, revision, encoded, sheet.isNew);
      else await writeEffects(trx, ctx.dialect, sheet.id, revision, encoded);
      await trx.updateTable('sheets').set({ revision, updated_at: at }).where('id', '=', sheet.id).execute();
    }

    const outcome: PushOutcome = { revision, changedCells: plan.changedCells, conflicts: plan.conflicts };
    // What it held for approval, in this same transaction (PushRequest.held).
    const pending = request.held !== undefined && request.held.length > 0 ? await insertPendingChanges(trx, request.ref.tenantId, request.ref.workspace, request.held, at) : undefined;
    await completeKey(trx, request.ref.tenantId, ownKey, 200, outcome);
    await ctx.beforeCommit?.(request.ref);
    if (knowsSheetAfter) sheetAfter.rows = () => rowsAfterPush(state.current, ordered, revision);
    else if (writes) sheetAfter.written = () => rowsWrittenBy(ordered, revision);
    return { commit: true, value: { status: 'applied', outcome, ...(pending !== undefined ? { pending } : {}) } };
  });
  return withRowsAfter(result, request, sheetAfter);
}

/**
 * The merge of one push against the sheet's state, and the delete right decided on exactly the
 * rows this merge removes (explicit deletes, and rows a full push leaves out), inside the
 * transaction: nothing in between can change them. Shared by both dialects' push paths.
 */
export function mergeForPush(
  request: PushRequest,
  state: SheetState,
): { readonly status: 'merged'; readonly plan: MergePlan } | { readonly status: 'refused'; readonly result: PushResult } {
  const plan = mergePush({
    mode: request.mode,
    rows: request.rows,
    deletes: request.deletes,
    current: state.current,
    atBase: state.atBase,
    // Rows pushed exactly as stored (the same JSON text): nothing to merge, nothing to decode.
    unchanged: state.current.size === 0 ? undefined : (key, yours) => state.current.holds(key, yours),
  });
  const mayDelete = request.mayDelete;
  if (mayDelete !== undefined) {
    const refused = plan.effects.filter((e) => e.op === 'delete' && !mayDelete(e.key, e.cells)).map((e) => e.key);
    if (refused.length > 0) return { status: 'refused', result: { status: 'delete-refused', keys: refused } };
  }
  return { status: 'merged', plan };
}

/** What a push can tell of the rows after it, each built only when asked for. */
export interface RowsAfter {
  /** The whole sheet as it left it (a full push, or a new sheet). */
  rows?: () => PulledRow[] | null;
  /** The rows it wrote (a delta push). */
  written?: () => PulledRow[] | null;
}

/**
 * When the push read the whole sheet (full, or a new one), it answers the sheet as it left it,
 * so that the caller need not pull 100k rows back to check them; a delta push answers the rows
 * it wrote, so that the issues of those rows are not read back either. Built when first read: a
 * caller that had the observer's rows may never need these.
 */
export function withRowsAfter(result: PushResult, request: PushRequest, after: RowsAfter): PushResult {
  if (result.status !== 'applied' || (after.rows === undefined && after.written === undefined)) return result;
  const { outcome, pending } = result;
  const pulled = (rows: () => PulledRow[] | null): (() => PullResult | undefined) => {
    let built: PullResult | undefined | null = null;
    return () => {
      if (built === null) {
        const made = rows();
        built = made === null ? undefined : { kind: request.kind, revision: outcome.revision, rows: made };
      }
      return built;
    };
  };
  const sheet = after.rows === undefined ? undefined : pulled(after.rows);
  const written = after.written === undefined ? undefined : pulled(after.written);
  return {
    status: 'applied',
    outcome,
    ...(pending !== undefined ? { pending } : {}),
    get sheet(): PullResult | undefined {
      return sheet?.();
    },
    get written(): PullResult | undefined {
      return written?.();
    },
  };
}
