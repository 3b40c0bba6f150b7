import { executePush, type PushContext } from './push';
import { LaneQueue, type Settled } from './sheet-queue';
import type { PushObserver, PushRequest, PushResult, SheetRef } from './store-types';

/** One push waiting for its sheet. */
interface QueuedPush {
  readonly request: PushRequest;
  readonly observer: PushObserver | undefined;
}

export type PushPath = (request: PushRequest, observer?: PushObserver) => Promise<PushResult>;

/**
 * How the store's push() reaches the database. SQLite: straight in (BEGIN IMMEDIATE queues
 * writers on the file's lock, which holds no pooled connection). PostgreSQL: through a FIFO
 * queue per sheet (sheet-queue.ts), so a push waiting behind others on a hot sheet holds no
 * pool connection; the sheet row's FOR UPDATE stays, for several instances.
 */
export function pushPath(ctx: PushContext): PushPath {
  if (ctx.dialect !== 'postgres') return (request, observer) => executePush(ctx, request, observer);
  const queue = new LaneQueue<QueuedPush, PushResult>(
    {
      async run(items) {
        const settled: Settled<PushResult>[] = [];
        for (const { request, observer } of items) {
          try {
            settled.push({ ok: true, value: await executePush(ctx, request, observer) });
          } catch (error) {
            settled.push({ ok: false, error });
          }
        }
        return settled;
      },
    },
    1,
  );
  return (request, observer) => queue.enqueue(laneOf(request.ref), { request, observer });
}

/** The sheet's lane: its full name under its tenant (a JSON array, so no two names share a lane). */
function laneOf(ref: SheetRef): string {
  return JSON.stringify([ref.tenantId, ref.workspace, ref.workbook, ref.sheet]);
}
