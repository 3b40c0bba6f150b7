import { sql } from 'kysely';
import { errorCode } from './error-code';
import { scopedKey } from './idempotency';
import { GroupSheet } from './pg-batch-sheet';
import { claimKeys, lockSheet, readGroup, writeGroup, type LockedSheet, type RevisionMade } from './pg-push-statements';
import { mergeForPush, withSheetAfter, type PushContext } from './push';
import { rowCellsAfterPush, rowsAfterPush } from './rows-after-push';
import type { Settled } from './sheet-queue';
import { loadSheetState, type SheetState } from './sheet-state';
import type { PushObserver, PushOutcome, PushRequest, PushResult } from './store-types';
import { encodeEffects } from './write-plan';

/** One push waiting for its sheet, as the queue holds it. */
export interface QueuedPush {
  readonly request: PushRequest;
  readonly observer: PushObserver | undefined;
}

/**
 * Pushes to one existing PostgreSQL sheet, taken together from its queue, in ONE transaction
 * (group commit). Each push is still applied on its own, in queue order: its own merge against
 * the sheet as the pushes before it left it, its own revision, its own Idempotency-Key answer;
 * all are answered after the one COMMIT.
 *
 * Round trips, whatever the number of pushes: BEGIN with SET LOCAL lock_timeout (one simple
 * query), the keys claimed, the sheet found and locked, the rows the pushes name read with their
 * log entries since the oldest base, everything written in one statement, COMMIT. Between the
 * read and the write the pushes are merged in memory (pg-batch-sheet.ts carries each push's
 * effects forward to the next), because every round trip waits behind whatever else the
 * service's one thread is doing: ~15 ms each with 50 readers beside the writers on 2 cores.
 *
 * A refusal (the base the sheet never had, another kind, the delete right) is decided in memory
 * before the push writes anything, so it takes back nothing but its own key's claim, dropped in
 * the same write. An error (a failed statement, the test seam throwing before COMMIT) rolls the
 * transaction back, and the pushes are applied again one per transaction, so that only the push
 * that fails fails. A full push goes alone (it reads the whole sheet: sheet-state.ts).
 *
 * Locks are taken keys first (in key order), then the sheet row, as push.ts does, so two
 * instances never wait on each other in a cycle. A key held by a concurrent transaction longer
 * than keyWaitMs answers 'in-progress' (a group first falls back to one push per transaction, so
 * that only that push gets that answer). lock_timeout would also bound the wait for the sheet
 * row (another instance holding it): should it ever run out there, the group runs again waiting
 * without bound, as push.ts does.
 */
export async function runPostgresPushes(ctx: PushContext, items: readonly QueuedPush[]): Promise<Settled<PushResult>[]> {
  if (items.length > 1 && items.some((i) => i.request.mode === 'full' || i.request.baseRevision === null)) {
    throw new Error('push group: full pushes and creates go alone');
  }
  let outcome = await attempt(ctx, items, false);
  if (outcome.kind === 'sheet-lock-timeout') outcome = await attempt(ctx, items, true);
  if (outcome.kind === 'done') return outcome.settled;
  if (outcome.kind === 'sheet-lock-timeout') throw new Error('push: lock_timeout waiting for the sheet with no lock_timeout set');
  if (items.length === 1) return [{ ok: true, value: { status: 'in-progress' } }];
  // The group failed as a whole: each push alone, so that only the push that fails fails.
  const settled: Settled<PushResult>[] = [];
  for (const item of items) {
    try {
      settled.push(...(await runPostgresPushes(ctx, [item])));
    } catch (error) {
      settled.push({ ok: false, error });
    }
  }
  return settled;
}

type Attempt =
  | { readonly kind: 'done'; readonly settled: Settled<PushResult>[] }
  /** A group (or the claim of one key, past keyWaitMs) that did not go through: nothing was kept. */
  | { readonly kind: 'failed' }
  | { readonly kind: 'sheet-lock-timeout' };

async function attempt(ctx: PushContext, items: readonly QueuedPush[], patient: boolean): Promise<Attempt> {
  const group = items.length > 1;
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
      const results: (PushResult | null)[] = items.map(() => null);
      let claims;
      try {
        const at = ctx.now().toISOString();
        claims = await claimKeys(conn, tenantId, items.map((i, n) => ({ key: keys[n]!, requestHash: i.request.requestHash })), at);
      } catch (error) {
        if (!group && errorCode(error) !== '55P03') throw error;
        await rollback();
        return { kind: 'failed' };
      }
      claims.forEach((claim, n) => {
        if (claim.status === 'answered') results[n] = claim.result;
      });
      const live = items.flatMap((_, n) => (results[n] === null ? [n] : []));
      if (live.length === 0) {
        await rollback();
        return { kind: 'done', settled: results.map((r) => ({ ok: true, value: r! })) };
      }

      let sheet: LockedSheet | null;
      if (patient) await sql.raw('set local lock_timeout to default').execute(conn);
      try {
        sheet = await lockSheet(conn, items[0]!.request.ref);
      } catch (error) {
        if (errorCode(error) !== '55P03') throw error;
        await rollback();
        return { kind: 'sheet-lock-timeout' };
      }

      let applied: number[];
      try {
        applied = sheet === null ? [] : await applyAll(ctx, conn, items, live, sheet, keys, results);
      } catch (error) {
        if (!group) throw error;
        await rollback();
        return { kind: 'failed' };
      }
      for (const n of live) results[n] ??= { status: 'not-found' };
      if (applied.length === 0) {
        await rollback();
      } else {
        open = false;
        await sql.raw('commit').execute(conn);
      }
      return { kind: 'done', settled: results.map((r) => ({ ok: true, value: r! })) };
    } catch (error) {
      if (open) await sql.raw('rollback').execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

type Conn = Parameters<typeof claimKeys>[0];

/**
 * Merges every live push in turn and writes what they made in one statement; fills `results`
 * (applied or refused) and answers the indexes applied. Throws on any error: the caller rolls back.
 */
async function applyAll(
  ctx: PushContext,
  conn: Conn,
  items: readonly QueuedPush[],
  live: readonly number[],
  sheet: LockedSheet,
  keys: readonly string[],
  results: (PushResult | null)[],
): Promise<number[]> {
  let revision = sheet.revision;
  const first = items[live[0]!]!.request;
  // A full push is alone (runPostgresPushes): it reads the whole sheet itself.
  const full = first.mode === 'full';
  const valid = live.map((n) => items[n]!.request.baseRevision).filter((b): b is number => b !== null && Number.isInteger(b) && b >= 0 && b <= revision);
  const since = valid.length === 0 ? revision : Math.min(...valid);
  const names = full ? [] : [...new Set(live.flatMap((n) => keysOf(items[n]!.request)))];
  const group = full || valid.length === 0 ? new GroupSheet(new Map(), [], since) : await readGroup(conn, sheet.id, names, since);

  const revisions: RevisionMade[] = [];
  const answered: { scopedKey: string; answer: unknown }[] = [];
  const dropped: string[] = [];
  const applied: number[] = [];
  for (const n of live) {
    const { request, observer } = items[n]!;
    const refusal = refusalOf(request, sheet, revision);
    if (refusal !== null) {
      results[n] = refusal;
      dropped.push(keys[n]!);
      continue;
    }
    const base = request.baseRevision!;
    const state: SheetState = full ? await loadSheetState(conn, 'postgres', sheet.id, request, revision, false) : group.stateFor(keysOf(request), base);
    const merged = mergeForPush(request, state);
    if (merged.status === 'refused') {
      results[n] = merged.result;
      dropped.push(keys[n]!);
      continue;
    }
    const { plan } = merged;
    const wrote = plan.effects.length > 0;
    const made = wrote ? revision + 1 : revision;
    const encoded = encodeEffects(plan.effects);
    if (wrote) {
      if (observer !== undefined && full) {
        const rowCells = rowCellsAfterPush(state.current, encoded.ordered, (i) => encoded.cellsJson[i]!);
        if (rowCells !== null) observer.beforeWrite({ revision: made, rowCells });
      }
      group.apply(encoded.ordered, encoded.cellsJson, made);
      const { actor } = request;
      revisions.push({ revision: made, userId: actor.userId, email: actor.email, at: ctx.now().toISOString(), idempotencyKey: request.idempotencyKey });
    }
    const outcome: PushOutcome = { revision: made, changedCells: plan.changedCells, conflicts: plan.conflicts };
    answered.push({ scopedKey: keys[n]!, answer: outcome });
    // A full push read every live row in key order: it answers the sheet as it left it.
    const rowsAfter = full ? () => rowsAfterPush(state.current, encoded.ordered, made) : undefined;
    results[n] = withSheetAfter({ status: 'applied', outcome }, request, rowsAfter);
    applied.push(n);
    revision = made;
  }
  if (applied.length === 0) return applied;
  await writeGroup(conn, { sheetId: sheet.id, tenantId: first.ref.tenantId, revisions, sheet: group, answered, dropped });
  for (const n of applied) await ctx.beforeCommit?.(items[n]!.request.ref);
  return applied;
}

function keysOf(request: PushRequest): string[] {
  return [...new Set([...request.rows.map((r) => r.key), ...request.deletes])];
}

/** Why a push may not go on this sheet at this revision, decided on the locked row; null when it may. */
function refusalOf(request: PushRequest, sheet: LockedSheet, revision: number): PushResult | null {
  if (sheet.kind !== request.kind) return { status: 'kind-mismatch' };
  const base = request.baseRevision;
  if (base === null || base < 0 || base > revision || !Number.isInteger(base)) return { status: 'stale-unknown', current: revision };
  return null;
}
