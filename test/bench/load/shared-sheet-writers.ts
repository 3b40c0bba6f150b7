import { randomUUID } from 'node:crypto';
import type { PushResponse } from '../../../shared/api/sync';
import { send, type Target } from './http-client';
import { HOT_ROWS, hotMetric, ownMetric, pullShared, SHARED_SHEET_PATH, sharedCells, type LoadWorkspace } from './load-workspace';

/**
 * The writers of scenario 2 and the lost-update check of their shared sheet. Each push of
 * writer w changes its own row and one of the hot rows (so pushes from stale bases meet), with
 * a value used once in the whole run. After the run the sheet is pulled and judged:
 * - every accepted change (sent and not answered as a conflict) is in the final sheet, unless a
 *   later accepted change to the same cell was made by a push that had seen it (its base
 *   revision at or after the first one's revision) — anything else is a lost update;
 * - a cell's final value is its last accepted change (or, after a push whose outcome is
 *   unknown — a connection error or a 5xx — possibly that push's).
 */

interface Write {
  readonly metric: string;
  readonly value: number;
  /** The base revision the push was sent from, and the revision it was answered with. */
  readonly base: number;
  readonly revision: number;
}

export interface WriteLog {
  readonly accepted: Write[];
  /** Values sent by pushes whose outcome is unknown, per metric. */
  readonly unknown: Map<string, Set<number>>;
  conflicts: number;
  /** Pushes answered 409 or 412 as a whole (their cells not written). */
  refusedPushes: number;
  pushes: number;
}

export function newWriteLog(): WriteLog {
  return { accepted: [], unknown: new Map(), conflicts: 0, refusedPushes: 0, pushes: 0 };
}

/** Values unique across writers and pushes: writer × 1e6 + sequence. */
export interface Writer {
  readonly index: number;
  readonly headers: Record<string, string>;
  base: number;
  sequence: number;
}

export function writersOf(workspace: LoadWorkspace): Writer[] {
  return workspace.writers.map((headers, i) => ({ index: i + 1, headers, base: workspace.sharedRevision, sequence: 0 }));
}

/** One push of one writer; returns the answer's status and time for the route's statistics. */
export async function pushOnce(to: Target, w: Writer, workspace: LoadWorkspace, log: WriteLog): Promise<{ status: number; ms: number }> {
  w.sequence += 1;
  const value = w.index * 1_000_000 + w.sequence;
  const own = ownMetric(w.index);
  const hot = hotMetric(((w.index + w.sequence) % HOT_ROWS) + 1);
  const base = w.base;
  const answer = await send(to, {
    method: 'PUT',
    path: SHARED_SHEET_PATH,
    headers: { ...w.headers, 'If-Match': `"${base}"`, 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ kind: 'metrics', mode: 'delta', rows: [{ cells: sharedCells(own, value) }, { cells: sharedCells(hot, value) }], deletes: [] }),
    keepBody: true,
  });
  log.pushes += 1;
  if (answer.status === 200) {
    const reply = JSON.parse(answer.text) as PushResponse;
    const conflicted = new Set(reply.conflicts.map((c) => c.key));
    log.conflicts += reply.conflicts.length;
    for (const metric of [own, hot]) {
      const key = workspace.sharedKeys.get(metric);
      if (key !== undefined && !conflicted.has(key)) log.accepted.push({ metric, value, base, revision: reply.revision });
    }
    w.base = reply.revision;
  } else if (answer.status === 409 || answer.status === 412) {
    log.refusedPushes += 1;
  } else {
    for (const metric of [own, hot]) {
      const seen = log.unknown.get(metric) ?? new Set<number>();
      seen.add(value);
      log.unknown.set(metric, seen);
    }
  }
  return { status: answer.status, ms: answer.ms };
}

export interface LostUpdateCheck {
  readonly pushes: number;
  readonly acceptedChanges: number;
  readonly conflictsAnswered: number;
  readonly refusedPushes: number;
  /** Accepted changes missing from the final sheet without a later change that had seen them. */
  readonly lostUpdates: number;
  readonly examples: readonly string[];
}

export async function checkLostUpdates(to: Target, workspace: LoadWorkspace, log: WriteLog): Promise<LostUpdateCheck> {
  const final = await pullShared(to, workspace.admin);
  const finalValue = new Map(final.rows.filter((r) => !r.deleted).map((r) => [String(r.cells['metric']), r.cells['value']]));
  const byMetric = new Map<string, Write[]>();
  for (const write of log.accepted) byMetric.set(write.metric, [...(byMetric.get(write.metric) ?? []), write]);
  let lost = 0;
  const examples: string[] = [];
  for (const [metric, writes] of byMetric) {
    writes.sort((a, b) => a.revision - b.revision);
    // Overwritten by a push that had not seen it: the first change was lost.
    for (let i = 0; i + 1 < writes.length; i++) {
      const earlier = writes[i]!;
      const later = writes[i + 1]!;
      if (later.base < earlier.revision) {
        lost += 1;
        if (examples.length < 5) examples.push(`${metric}: ${earlier.value} (r${earlier.revision}) overwritten by ${later.value} from base r${later.base}`);
      }
    }
    const last = writes[writes.length - 1]!;
    const allowed = new Set<unknown>([last.value, ...(log.unknown.get(metric) ?? [])]);
    if (!allowed.has(finalValue.get(metric))) {
      lost += 1;
      if (examples.length < 5) examples.push(`${metric}: final ${String(finalValue.get(metric))}, last accepted ${last.value} (r${last.revision})`);
    }
  }
  return { pushes: log.pushes, acceptedChanges: log.accepted.length, conflictsAnswered: log.conflicts, refusedPushes: log.refusedPushes, lostUpdates: lost, examples };
}
