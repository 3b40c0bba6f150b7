import { sql, type Kysely } from 'kysely';
import { errorCode } from './error-code';
import { scopedKey } from './idempotency';
import type { RowEffect } from './merge';
import { claimKeys, finishKeys, loadDelta, lockSheet, writePush, type LockedSheet } from './pg-push-statements';
import { mergeForPush, withSheetAfter, type PushContext } from './push';
import { rowCellsAfterPush, rowsAfterPush } from './rows-after-push';
import type { Database } from './schema';
import type { Settled } from './sheet-queue';
import { loadSheetState } from './sheet-state';
import type { PulledRow, PushObserver, PushOutcome, PushRequest, PushResult } from './store-types';
import { encodeEffects } from './write-plan';

/** One push waiting for its sheet, as the queue holds it. */
export interface QueuedPush {
  readonly request: PushRequest;
  readonly observer: PushObserver | undefined;
}

/**
 * Pushes to one existing PostgreSQL sheet, taken together from its queue, in ONE transaction
 * (group commit): the keys of all of them claimed in one statement, the sheet found and locked
 * once, then each push in turn, in queue order — its own merge against the state its
 * predecessor left (read committed: each statement sees this transaction's earlier writes), its
 * own revision, its own Idempotency-Key answer — and one COMMIT for all, after which each is
 * answered. With more than one push, each runs under a SAVEPOINT, so an error in one (a failed
 * statement, or the test seam throwing) rolls back that push alone; a refusal (stale base, kind,
 * delete right) is decided before that push writes anything and only drops its key's claim. A
 * batch of one is a plain transaction, all or nothing, as push.ts's.
 *
 * Round trips: BEGIN (with SET LOCAL lock_timeout, one simple query), the claims, the lock, then
 * per push a SAVEPOINT (batches only), one read and one write, then the keys' ends (only when a
 * push refused or wrote nothing) and COMMIT.
 *
 * Locks are taken keys first (in key order), then the sheet row, as push.ts does, so two
 * instances never wait on each other in a cycle. A key held by a concurrent transaction longer
 * than keyWaitMs answers 'in-progress' (a batch then falls back to one push per transaction, so
 * that only that push gets that answer). lock_timeout would also bound the wait for the sheet
 * row (another instance's batch holding it): should it ever run out there, the batch is simply
 * run again waiting without bound, as push.ts does.
 */
export async function runPostgresPushes(ctx: PushContext, items: readonly QueuedPush[]): Promise<Settled<PushResult>[]> {
  const first = await attempt(ctx, items, false);
  if (first.kind === 'done') return first.settled;
  if (first.kind === 'sheet-lock-timeout') {
    const patient = await attempt(ctx, items, true);
    if (patient.kind === 'done') return patient.settled;
    if (patient.kind === 'sheet-lock-timeout') throw new Error('push: lock_timeout waiting for the sheet with no lock_timeout set');
  }
  // A key another transaction held too long (or any failure claiming several keys at once).
  if (items.length === 1) return [{ ok: true, value: { status: 'in-progress' } }];
  const settled: Settled<PushResult>[] = [];
  for (const item of items) settled.push(...(await runPostgresPushes(ctx, [item])));
  return settled;
}

type Attempt =
  | { readonly kind: 'done'; readonly settled: Settled<PushResult>[] }
  | { readonly kind: 'key-claim-failed' }
  | { readonly kind: 'sheet-lock-timeout' };

/** A push's progress inside the batch. */
type Step =
  | { readonly kind: 'answered'; readonly result: PushResult }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'applied'; readonly result: PushResult };

async function attempt(ctx: PushContext, items: readonly QueuedPush[], patient: boolean): Promise<Attempt> {
  const batch = items.length > 1;
  const at = ctx.now().toISOString();
  const tenantId = items[0]!.request.ref.tenantId;
  const keys = items.map((i) => scopedKey(i.request.actor.userId, i.request.idempotencyKey));
  return ctx.db.connection().execute(async (conn) => {
    const waitMs = Math.max(1, Math.trunc(ctx.keyWaitMs));
    await sql.raw(`begin; set local lock_timeout = '${waitMs}ms'`).execute(conn);
    let open = true;
    const rollback = async (): Promise<void> => {
      open = false;
      await sql.raw('rollback').execute(conn);
    };
    try {
      const steps: (Step | null)[] = items.map(() => null);
      let claims;
      try {
        claims = await claimKeys(conn, tenantId, items.map((i, n) => ({ key: keys[n]!, requestHash: i.request.requestHash })), at);
      } catch (error) {
        if (!batch && errorCode(error) !== '55P03') throw error;
        await rollback();
        return { kind: 'key-claim-failed' };
      }
      claims.forEach((claim, n) => {
        if (claim.status === 'answered') steps[n] = { kind: 'answered', result: claim.result };
      });

      let sheet: LockedSheet | null = null;
      if (steps.some((s) => s === null)) {
        if (patient) await sql.raw('set local lock_timeout to default').execute(conn);
        try {
          sheet = await lockSheet(conn, items[0]!.request.ref);
        } catch (error) {
          if (errorCode(error) !== '55P03') throw error;
          await rollback();
          return { kind: 'sheet-lock-timeout' };
        }
      }

      let revision = sheet?.revision ?? 0;
      const ended: { scopedKey: string; answer: unknown }[] = [];
      const dropped: string[] = [];
      for (let n = 0; n < items.length; n++) {
        if (steps[n] !== null) continue;
        const { request, observer } = items[n]!;
        const refusal = refusalOf(request, sheet, revision);
        if (refusal !== null) {
          steps[n] = { kind: 'answered', result: refusal };
          dropped.push(keys[n]!);
          continue;
        }
        if (batch) await sql.raw(`savepoint push_${n}`).execute(conn);
        try {
          const one = await applyOne(ctx, conn, request, observer, sheet!, revision, keys[n]!, at);
          if (one.status === 'refused') {
            steps[n] = { kind: 'answered', result: one.result };
            dropped.push(keys[n]!);
          } else {
            if (!one.wrote) ended.push({ scopedKey: keys[n]!, answer: one.outcome });
            await ctx.beforeCommit?.(request.ref);
            revision = one.outcome.revision;
            steps[n] = { kind: 'applied', result: withSheetAfter({ status: 'applied', outcome: one.outcome }, request, one.rowsAfter) };
          }
        } catch (error) {
          if (!batch) throw error;
          await sql.raw(`rollback to savepoint push_${n}`).execute(conn);
          // The claim was made before the savepoint: dropped like a refused push's.
          const i = ended.findIndex((e) => e.scopedKey === keys[n]);
          if (i >= 0) ended.splice(i, 1);
          dropped.push(keys[n]!);
          steps[n] = { kind: 'failed', error };
        }
      }

      if (steps.some((s) => s?.kind === 'applied')) {
        await finishKeys(conn, tenantId, ended, dropped);
        open = false;
        try {
          await sql.raw('commit').execute(conn);
        } catch (error) {
          return { kind: 'done', settled: steps.map((s) => settle(s!, error)) };
        }
      } else {
        await rollback();
      }
      return { kind: 'done', settled: steps.map((s) => settle(s!, null)) };
    } catch (error) {
      if (open) await sql.raw('rollback').execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

/** Why a push may not go on this sheet at this revision, decided on the locked row; null when it may. */
function refusalOf(request: PushRequest, sheet: LockedSheet | null, revision: number): PushResult | null {
  if (sheet === null) return { status: 'not-found' };
  if (sheet.kind !== request.kind) return { status: 'kind-mismatch' };
  const base = request.baseRevision;
  if (base === null || base < 0 || base > revision || !Number.isInteger(base)) return { status: 'stale-unknown', current: revision };
  return null;
}

type OneResult =
  | { readonly status: 'refused'; readonly result: PushResult }
  | {
      readonly status: 'applied';
      readonly outcome: PushOutcome;
      readonly wrote: boolean;
      readonly rowsAfter: (() => PulledRow[] | null) | undefined;
    };

/** One push against the sheet as the pushes before it in this transaction left it. */
async function applyOne(
  ctx: PushContext,
  conn: Kysely<Database>,
  request: PushRequest,
  observer: PushObserver | undefined,
  sheet: LockedSheet,
  current: number,
  ownKey: string,
  at: string,
): Promise<OneResult> {
  const base = request.baseRevision!;
  const state =
    request.mode === 'full'
      ? await loadSheetState(conn, 'postgres', sheet.id, request, current, false)
      : await loadDelta(conn, sheet.id, [...new Set([...request.rows.map((r) => r.key), ...request.deletes])], base);
  const merged = mergeForPush(request, state);
  if (merged.status === 'refused') return merged;
  const { plan } = merged;
  const wrote = plan.effects.length > 0;
  const revision = wrote ? current + 1 : current;
  const outcome: PushOutcome = { revision, changedCells: plan.changedCells, conflicts: plan.conflicts };
  // A full push read every live row in key order: the sheet after it is known before writing.
  const knowsSheetAfter = request.mode === 'full';
  let ordered: readonly RowEffect[] = [];
  if (wrote) {
    const encoded = encodeEffects(plan.effects);
    ordered = encoded.ordered;
    if (observer !== undefined && knowsSheetAfter) {
      const rowCells = rowCellsAfterPush(state.current, ordered, (i) => encoded.cellsJson[i]!);
      if (rowCells !== null) observer.beforeWrite({ revision, rowCells });
    }
    const { actor } = request;
    await writePush(
      conn,
      { sheetId: sheet.id, revision, userId: actor.userId, email: actor.email, at, idempotencyKey: request.idempotencyKey, tenantId: request.ref.tenantId, scopedKey: ownKey, answer: outcome },
      encoded,
    );
  }
  const rowsAfter = knowsSheetAfter ? () => rowsAfterPush(state.current, ordered, revision) : undefined;
  return { status: 'applied', outcome, wrote, rowsAfter };
}

function settle(step: Step, commitError: unknown): Settled<PushResult> {
  switch (step.kind) {
    case 'answered':
      return { ok: true, value: step.result };
    case 'failed':
      return { ok: false, error: step.error };
    case 'applied':
      return commitError === null ? { ok: true, value: step.result } : { ok: false, error: commitError };
  }
}
