import { errorCode } from './error-code';
import { scopedKey } from './idempotency';
import type { GroupSheet } from './pg-batch-sheet';
import type { LaneConnection, Send } from './pg-pipeline';
import {
  claimKeys,
  claimsOf,
  groupOf,
  lockSheet,
  readGroup,
  seenKeys,
  writeGroup,
  type KeyToClaim,
  type LockedSheet,
  type RevisionMade,
  type RowOrLogRow,
  type StoredKeyRow,
} from './pg-push-statements';
import { mergeForPush, withRowsAfter, type PushContext, type RowsAfter } from './push';
import { rowsWrittenBy } from './rows-after-push';
import type { Settled } from './sheet-queue';
import type { PushObserver, PushOutcome, PushRequest, PushResult } from './store-types';
import { encodeEffects } from './write-plan';

/** One push waiting for its sheet, as the queue holds it. */
export interface QueuedPush {
  readonly request: PushRequest;
  readonly observer: PushObserver | undefined;
}

/**
 * Delta pushes to one existing PostgreSQL sheet, taken together from its queue, in ONE
 * transaction (group commit). Each push is still applied on its own, in queue order: its own
 * merge against the sheet as the pushes before it left it, its own revision, its own
 * Idempotency-Key answer; all are answered after the one COMMIT.
 *
 * Two waits for answers, whatever the number of pushes, because every answer waits behind
 * whatever else the service's one thread is doing (~15–20 ms each with 50 readers beside the
 * writers on 2 cores): BEGIN with SET LOCAL lock_timeout, the keys claimed and read back, the
 * sheet found and locked, and the rows the pushes name read with their log entries since the
 * oldest base, all sent at once (pipelined, pg-pipeline.ts; each its own statement, in that
 * order); then the pushes merged in memory (pg-batch-sheet.ts carries each push's effects
 * forward to the next); then everything written in one statement and COMMIT, sent together.
 *
 * A refusal (the base the sheet never had, another kind, the delete right) is decided in memory
 * before the push writes anything, so it takes back nothing but its own key's claim, dropped in
 * the same write. An error (a failed statement, the test seam throwing before COMMIT) rolls the
 * transaction back, and the pushes are applied again one per transaction, so that only the push
 * that fails fails. A create or a full push is not here (push.ts: they read the whole sheet).
 *
 * Locks are taken keys first (in key order), then the sheet row, as push.ts does, so two
 * instances never wait on each other in a cycle. A key held by a concurrent transaction longer
 * than keyWaitMs answers 'in-progress' (a group first falls back to one push per transaction, so
 * that only that push gets that answer). lock_timeout would also bound the wait for the sheet
 * row (another instance holding it): should it ever run out there, the group runs again waiting
 * without bound, as push.ts does. The test seam (beforeCommit) runs after the write, once per
 * applied push, with COMMIT sent only after it.
 */
export async function runPostgresPushes(ctx: PushContext, connection: LaneConnection, items: readonly QueuedPush[]): Promise<Settled<PushResult>[]> {
  if (items.some((i) => i.request.mode === 'full' || i.request.baseRevision === null)) {
    throw new Error('push group: full pushes and creates go through push.ts');
  }
  let outcome = await attempt(ctx, connection, items, false);
  if (outcome.kind === 'sheet-lock-timeout') outcome = await attempt(ctx, connection, items, true);
  if (outcome.kind === 'done') return outcome.settled;
  if (outcome.kind === 'sheet-lock-timeout') throw new Error('push: lock_timeout waiting for the sheet with no lock_timeout set');
  if (items.length === 1) return [{ ok: true, value: { status: 'in-progress' } }];
  // The group failed as a whole: each push alone, so that only the push that fails fails.
  const settled: Settled<PushResult>[] = [];
  for (const item of items) {
    try {
      settled.push(...(await runPostgresPushes(ctx, connection, [item])));
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

async function attempt(ctx: PushContext, connection: LaneConnection, items: readonly QueuedPush[], patient: boolean): Promise<Attempt> {
  const group = items.length > 1;
  const { ref } = items[0]!.request;
  const keys = items.map((i) => scopedKey(i.request.actor.userId, i.request.idempotencyKey));
  const toClaim: KeyToClaim[] = items.map((i, n) => ({ key: keys[n]!, requestHash: i.request.requestHash }));
  const names = [...new Set(items.flatMap((i) => keysOf(i.request)))];
  const bases = items.map((i) => i.request.baseRevision).filter((b): b is number => b !== null && Number.isInteger(b) && b >= 0);
  // Log entries after the oldest base any push may merge from (one past the sheet's revision is refused).
  const since = bases.length === 0 ? 0 : Math.min(...bases);

  return connection.use(async (send): Promise<Attempt> => {
    const rollback = async (): Promise<void> => {
      await send({ text: 'rollback' });
    };
    /** A failure after BEGIN: rolled back, then thrown (one push: all or nothing) or told (a group, tried again push by push). */
    const failed = async (error: unknown): Promise<Attempt> => {
      await rollback();
      if (!group) throw error;
      return { kind: 'failed' };
    };

    const waitMs = Math.max(1, Math.trunc(ctx.keyWaitMs));
    const sent = [
      send({ text: `begin; set local lock_timeout = '${waitMs}ms'` }),
      send<{ key: string }>(claimKeys(ref.tenantId, toClaim, ctx.now().toISOString())),
      send<StoredKeyRow>(seenKeys(ref.tenantId, toClaim)),
      patient ? send({ text: 'set local lock_timeout to default' }) : Promise.resolve([]),
      send<LockedSheet>(lockSheet(ref)),
      send<RowOrLogRow>(readGroup(ref, names, since)),
    ] as const;
    const [begun, inserted, seen, reset, locked, read] = await Promise.allSettled(sent);
    // A failed BEGIN: the connection is gone (nothing else fails there); the pool drops it.
    if (begun.status === 'rejected') throw begun.reason;
    if (inserted.status === 'rejected') {
      // 55P03: a concurrent transaction held one of the keys past keyWaitMs.
      if (!group && errorCode(inserted.reason) === '55P03') {
        await rollback();
        return { kind: 'failed' };
      }
      return failed(inserted.reason);
    }
    if (seen.status === 'rejected') return failed(seen.reason);
    if (reset.status === 'rejected') return failed(reset.reason);
    if (locked.status === 'rejected') {
      if (errorCode(locked.reason) === '55P03') {
        await rollback();
        return { kind: 'sheet-lock-timeout' };
      }
      return failed(locked.reason);
    }
    if (read.status === 'rejected') return failed(read.reason);

    const results: (PushResult | null)[] = claimsOf(toClaim, inserted.value, seen.value).map((c) => (c.status === 'answered' ? c.result : null));
    const live = items.flatMap((_, n) => (results[n] === null ? [n] : []));
    const sheet = locked.value[0];
    if (sheet === undefined) for (const n of live) results[n] = { status: 'not-found' };
    let plan: GroupPlan;
    try {
      plan = sheet === undefined ? EMPTY_PLAN : planGroup(ctx, items, live, sheet, keys, results, groupOf(read.value, since));
    } catch (error) {
      return failed(error);
    }
    if (plan.applied.length === 0) {
      await rollback();
      return done(results);
    }
    const write = writeGroup({ sheetId: sheet!.id, tenantId: ref.tenantId, revisions: plan.revisions, sheet: plan.sheet!, answered: plan.answered, dropped: plan.dropped });
    const committed = await writeAndCommit(ctx, send, write, plan.applied.map((n) => items[n]!.request));
    if (!committed.ok) return failed(committed.error);
    return done(results);
  });
}

function done(results: readonly (PushResult | null)[]): Attempt {
  return { kind: 'done', settled: results.map((r) => ({ ok: true, value: r! })) };
}

/**
 * The write and COMMIT, sent together. A failed write aborts the transaction, and the COMMIT behind
 * it then ends it as a rollback. With the test seam, COMMIT waits for the write and the seam.
 */
async function writeAndCommit(
  ctx: PushContext,
  send: Send,
  write: Parameters<Send>[0],
  applied: readonly PushRequest[],
): Promise<{ readonly ok: true } | { readonly ok: false; readonly error: unknown }> {
  if (ctx.beforeCommit === undefined) {
    const [written, committed] = await Promise.allSettled([send(write), send({ text: 'commit' })]);
    if (written.status === 'rejected') return { ok: false, error: written.reason };
    if (committed.status === 'rejected') throw committed.reason;
    return { ok: true };
  }
  try {
    await send(write);
    for (const request of applied) await ctx.beforeCommit(request.ref);
  } catch (error) {
    return { ok: false, error };
  }
  await send({ text: 'commit' });
  return { ok: true };
}

interface GroupPlan {
  readonly applied: readonly number[];
  readonly revisions: readonly RevisionMade[];
  readonly answered: readonly { readonly scopedKey: string; readonly answer: unknown }[];
  readonly dropped: readonly string[];
  readonly sheet: GroupSheet | null;
}

const EMPTY_PLAN: GroupPlan = { applied: [], revisions: [], answered: [], dropped: [], sheet: null };

/**
 * Merges every live push in turn against the group's sheet, carrying each one's effects forward;
 * fills `results` (applied or refused) and answers what the write must hold.
 */
function planGroup(
  ctx: PushContext,
  items: readonly QueuedPush[],
  live: readonly number[],
  sheet: LockedSheet,
  keys: readonly string[],
  results: (PushResult | null)[],
  group: GroupSheet,
): GroupPlan {
  let revision = sheet.revision;
  const revisions: RevisionMade[] = [];
  const answered: { scopedKey: string; answer: unknown }[] = [];
  const dropped: string[] = [];
  const applied: number[] = [];
  for (const n of live) {
    const { request } = items[n]!;
    const refusal = refusalOf(request, sheet, revision);
    if (refusal !== null) {
      results[n] = refusal;
      dropped.push(keys[n]!);
      continue;
    }
    const merged = mergeForPush(request, group.stateFor(keysOf(request), request.baseRevision!));
    if (merged.status === 'refused') {
      results[n] = merged.result;
      dropped.push(keys[n]!);
      continue;
    }
    const { plan } = merged;
    const made = plan.effects.length > 0 ? revision + 1 : revision;
    const after: RowsAfter = {};
    if (made > revision) {
      const encoded = encodeEffects(plan.effects);
      group.apply(encoded.ordered, encoded.cellsJson, made);
      after.written = () => rowsWrittenBy(encoded.ordered, made);
      const { actor } = request;
      revisions.push({ revision: made, userId: actor.userId, email: actor.email, at: ctx.now().toISOString(), idempotencyKey: request.idempotencyKey });
    }
    const outcome: PushOutcome = { revision: made, changedCells: plan.changedCells, conflicts: plan.conflicts };
    answered.push({ scopedKey: keys[n]!, answer: outcome });
    results[n] = withRowsAfter({ status: 'applied', outcome }, request, after);
    applied.push(n);
    revision = made;
  }
  return { applied, revisions, answered, dropped, sheet: group };
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
