import type { Actor, PushOutcome, PushRequest, PushResult, SheetRef, SyncRow } from '../../../server/store/store-types';
import type { CellValue } from '../../../shared/table/grid';

/** Shared by the store suites: refs, requests and a clock, so each test writes only what it checks. */

export const alice: Actor = { tenantId: 'tenant-a', userId: 'u-alice', email: 'alice@example.com' };
export const bob: Actor = { tenantId: 'tenant-a', userId: 'u-bob', email: 'bob@example.com' };

let sequence = 0;

/** A sheet no other test uses (tests of one suite share a database). */
export function freshRef(tenantId = alice.tenantId): SheetRef {
  sequence += 1;
  return { tenantId, workspace: 'ops', workbook: `book-${sequence}-${process.pid}`, sheet: 'KPI' };
}

let keys = 0;
export function freshKey(): string {
  keys += 1;
  return `key-${keys}-${process.pid}-${Math.random().toString(36).slice(2)}`;
}

export function row(key: string, cells: Record<string, CellValue>): SyncRow {
  return { key, cells };
}

export function pushRequest(ref: SheetRef, over: Partial<PushRequest> = {}): PushRequest {
  const actor = over.actor ?? { ...alice, tenantId: ref.tenantId };
  const idempotencyKey = over.idempotencyKey ?? freshKey();
  return {
    ref,
    kind: 'kpi',
    baseRevision: null,
    mode: 'full',
    rows: [],
    deletes: [],
    actor,
    idempotencyKey,
    requestHash: `hash-of-${idempotencyKey}`,
    ...over,
  };
}

export function outcomeOf(result: PushResult): PushOutcome {
  if (result.status !== 'applied') throw new Error(`expected the push to apply, got ${JSON.stringify(result)}`);
  return result.outcome;
}

/** A clock that moves one second per reading, from a fixed instant. */
export function steppingClock(startIso = '2026-03-01T05:00:00.000Z'): { now: () => Date; readings: () => number } {
  let at = Date.parse(startIso);
  let count = 0;
  return {
    now: () => {
      count += 1;
      at += 1000;
      return new Date(at);
    },
    readings: () => count,
  };
}
