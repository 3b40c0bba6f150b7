import { runPostgresPushes, type QueuedPush } from './pg-push-batch';
import { LaneConnection } from './pg-pipeline';
import { executePush, type PushContext } from './push';
import { LaneQueue, type Settled } from './sheet-queue';
import type { PushObserver, PushRequest, PushResult, SheetRef } from './store-types';

export type PushPath = (request: PushRequest, observer?: PushObserver) => Promise<PushResult>;

/**
 * How the store's push() reaches the database. SQLite: straight in (BEGIN IMMEDIATE queues
 * writers on the file's lock, which holds no pooled connection). PostgreSQL: through a FIFO
 * queue per sheet (sheet-queue.ts), so a push waiting behind others on a hot sheet holds no
 * pool connection; the sheet row's FOR UPDATE stays, for several instances. Up to
 * `maxBatch` pushes waiting for one existing sheet are applied in one transaction
 * (pg-push-batch.ts); a push that creates its sheet, or a full push, goes alone, through push.ts.
 */
export function pushPath(ctx: PushContext, maxBatch: number): PushPath {
  const pool = ctx.pgPool;
  if (ctx.dialect !== 'postgres' || pool === undefined) return (request, observer) => executePush(ctx, request, observer);
  // The connection each busy lane keeps between its transactions (pg-pipeline.ts).
  const connections = new Map<string, LaneConnection>();
  const queue = new LaneQueue<QueuedPush, PushResult>(
    {
      async run(items, lane): Promise<Settled<PushResult>[]> {
        const only = items[0]!;
        if (items.length === 1 && !joins(only.request)) {
          // push.ts takes its own connection: the lane's goes back first (a pool of one would
          // otherwise wait for itself).
          connections.get(lane)?.release();
          return [await settled(executePush(ctx, only.request, only.observer))];
        }
        let connection = connections.get(lane);
        if (connection === undefined) connections.set(lane, (connection = new LaneConnection(pool)));
        return runPostgresPushes(ctx, connection, items);
      },
      drained(lane) {
        connections.get(lane)?.release();
        connections.delete(lane);
      },
      mayJoin(taken, next) {
        // A create and a full push go alone (each reads the sheet its own way); one key twice
        // waits for its first attempt's answer (then a replay).
        if (!joins(next.request) || !joins(taken[0]!.request)) return false;
        const key = keyOf(next.request);
        return taken.every((t) => keyOf(t.request) !== key);
      },
    },
    maxBatch,
  );
  return (request, observer) => {
    if (request.actor.tenantId !== request.ref.tenantId) {
      // The route builds both from the token; a difference is a bug, never a client's doing.
      return Promise.reject(new Error('push: the actor and the sheet belong to different tenants'));
    }
    return queue.enqueue(laneOf(request.ref), { request, observer });
  };
}

async function settled(result: Promise<PushResult>): Promise<Settled<PushResult>> {
  try {
    return { ok: true, value: await result };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Whether a push may be applied together with others: a delta push to an existing sheet that
 * holds nothing for approval (one that does records its pending changes in its own transaction,
 * through push.ts).
 */
function joins(request: PushRequest): boolean {
  return request.baseRevision !== null && request.mode === 'delta' && (request.held === undefined || request.held.length === 0);
}

function keyOf(request: PushRequest): string {
  return JSON.stringify([request.actor.userId, request.idempotencyKey]);
}

/** The sheet's lane: its full name under its tenant (a JSON array, so no two names share a lane). */
function laneOf(ref: SheetRef): string {
  return JSON.stringify([ref.tenantId, ref.workspace, ref.workbook, ref.sheet]);
}
