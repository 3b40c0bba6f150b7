import type { PushBody, PushResponse } from '../../shared/api/sync';
import { fail, ok, type Result } from '../../shared/result';
import type { WorkbookPort } from '../workbook-port';
import { openConflicts, resolutionPush, type ConflictState, type ResolutionFailure } from './conflicts';
import { computeDelta, deltaBody, fullBody, isEmptyDelta, keyRows, type DuplicateKeys, type KeyedRows } from './delta';
import { mergePulled } from './merge-pull';
import type { OfflineQueue } from './offline-queue';
import type { PushProgress } from './progress';
import { applyRectangles, planRectangles } from './sheet-writes';
import { readSheetTable, type Cells, type SheetTable } from './sheet-rows';
import type { Snapshot, SnapshotStore } from './snapshot-store';
import type { SheetRef, SyncClient, SyncFailure } from './sync-client';

/**
 * Push, pull and conflict resolution for one sheet, end to end: read the sheet through the
 * WorkbookPort, diff against the last synced snapshot, send through the offline queue, merge what
 * the service sends back into the sheet, keep the snapshot. Plain TypeScript over the port, so it
 * runs the same over Excel, the in-browser fake and the tests.
 */

export type SheetSyncFailure =
  | { readonly kind: 'not-recognised'; readonly sheet: string }
  | DuplicateKeys
  | ResolutionFailure
  | SyncFailure;

export type PushIssue = PushResponse['issues'][number];

export interface PushSummary {
  /** Nothing changed since the last sync: nothing was sent. */
  readonly upToDate: boolean;
  readonly revision: number;
  readonly changedCells: number;
  readonly conflicts: ConflictState | null;
  /** The service's own check of the stored sheet. */
  readonly issues: readonly PushIssue[];
}

export interface PullSummary {
  readonly revision: number;
  /** Cells written into the sheet, appended and cleared rows included. */
  readonly applied: number;
  readonly conflicts: ConflictState | null;
}

export interface SheetSyncDeps {
  readonly workbook: WorkbookPort;
  readonly client: SyncClient;
  readonly queue: OfflineQueue;
  readonly snapshots: SnapshotStore;
}

interface LocalSheet {
  readonly table: SheetTable;
  readonly rows: KeyedRows;
}

export class SheetSync {
  constructor(private readonly deps: SheetSyncDeps) {}

  private async readLocal(ref: SheetRef): Promise<Result<LocalSheet, SheetSyncFailure>> {
    const grid = await this.deps.workbook.readSheet(ref.sheet);
    const table = readSheetTable(grid);
    if (!table) return fail({ kind: 'not-recognised', sheet: ref.sheet });
    const keyed = keyRows(table.kind, table.rows.map((r) => r.cells));
    if (!keyed.ok) return keyed;
    return ok({ table, rows: keyed.value.rows });
  }

  /**
   * The base a push is computed against: the snapshot, or — the first time this pane pushes the
   * sheet — the service's copy (so pushing into an existing sheet is a delta against it, not a
   * blind overwrite), or nothing when the service has no such sheet yet.
   */
  private async baseOf(ref: SheetRef, local: LocalSheet): Promise<Result<Snapshot | null, SheetSyncFailure>> {
    const held = this.deps.snapshots.get(ref);
    if (held && held.kind === local.table.kind) return ok(held);
    const pulled = await this.deps.client.pull(ref, 0);
    if (!pulled.ok) {
      if (pulled.error.kind === 'problem' && pulled.error.problem.code === 'not-found') return ok(null);
      // Offline: push as a creation; if the sheet exists after all, the service says so (412).
      if (pulled.error.kind === 'unreachable') return ok(null);
      return pulled;
    }
    const rows = new Map<string, Cells>();
    for (const row of pulled.value.rows) if (!row.deleted) rows.set(row.key, row.cells);
    const snapshot: Snapshot = { kind: pulled.value.kind, revision: pulled.value.revision, rows };
    this.deps.snapshots.set(ref, snapshot);
    return ok(snapshot);
  }

  async push(ref: SheetRef, onProgress?: (p: PushProgress) => void): Promise<Result<PushSummary, SheetSyncFailure>> {
    const local = await this.readLocal(ref);
    if (!local.ok) return local;
    const { table, rows } = local.value;
    const base = await this.baseOf(ref, local.value);
    if (!base.ok) return base;
    let body: PushBody;
    if (base.value === null) {
      body = fullBody(table.kind, rows);
    } else {
      const delta = computeDelta(table.kind, rows, base.value.rows);
      if (isEmptyDelta(delta)) {
        return ok({ upToDate: true, revision: base.value.revision, changedCells: 0, conflicts: null, issues: [] });
      }
      body = deltaBody(table.kind, delta);
    }
    const baseRevision = base.value?.revision ?? null;
    const sent = await this.send(ref, body, baseRevision, onProgress);
    if (!sent.ok) return sent;
    const response = sent.value;
    await this.afterPush(ref, table.kind, baseRevision, rows, response);
    const conflicts = response.conflicts.length > 0 ? openConflicts(table.kind, response.revision, response.conflicts, table) : null;
    return ok({ upToDate: false, revision: response.revision, changedCells: response.changedCells, conflicts, issues: response.issues });
  }

  private async send(
    ref: SheetRef,
    body: PushBody,
    base: number | null,
    onProgress?: (p: PushProgress) => void,
  ): Promise<Result<PushResponse, SyncFailure>> {
    const { id, done } = this.deps.queue.enqueue({ ref, body, base });
    const unsubscribe = onProgress
      ? this.deps.queue.subscribe((state) => {
          if (state.inFlight?.id === id && state.inFlight.progress) onProgress(state.inFlight.progress);
        })
      : () => undefined;
    try {
      return (await done).result;
    } finally {
      unsubscribe();
    }
  }

  /**
   * The snapshot after a push is what was pushed. When others pushed in between (the revision
   * jumped by more than one), their changes are pulled in right away, so the sheet shows what the
   * service now holds.
   */
  private async afterPush(ref: SheetRef, kind: Snapshot['kind'], base: number | null, pushed: KeyedRows, response: PushResponse): Promise<void> {
    const from = base ?? 0;
    if (response.revision === from + 1 || base === null) {
      this.deps.snapshots.set(ref, { kind, revision: response.revision, rows: pushed });
      return;
    }
    this.deps.snapshots.set(ref, { kind, revision: from, rows: pushed });
    await this.pull(ref);
  }

  async pull(ref: SheetRef): Promise<Result<PullSummary, SheetSyncFailure>> {
    const local = await this.readLocal(ref);
    if (!local.ok) return local;
    const { table, rows } = local.value;
    const held = this.deps.snapshots.get(ref);
    const since = held && held.kind === table.kind ? held.revision : 0;
    const baseRows: KeyedRows = held && held.kind === table.kind ? held.rows : new Map();
    const pulled = await this.deps.client.pull(ref, since);
    if (!pulled.ok) return pulled;
    const plan = mergePulled(rows, baseRows, pulled.value.rows);
    await applyRectangles(this.deps.workbook, ref.sheet, planRectangles(table, plan));
    this.deps.snapshots.set(ref, { kind: table.kind, revision: pulled.value.revision, rows: plan.base });
    const applied = plan.writes.length + plan.appends.length + plan.removals.length;
    const conflicts = plan.conflicts.length > 0 ? openConflicts(table.kind, pulled.value.revision, plan.conflicts, table) : null;
    return ok({ revision: pulled.value.revision, applied, conflicts });
  }

  /** Sends the user's picks, writes the picks the sheet does not show yet, moves the snapshot on. */
  async resolve(ref: SheetRef, state: ConflictState): Promise<Result<PushSummary, SheetSyncFailure>> {
    const local = await this.readLocal(ref);
    if (!local.ok) return local;
    const resolution = resolutionPush(state, local.value.rows);
    if (!resolution.ok) return resolution;
    const { body, baseRevision, sheetWrites } = resolution.value;
    const sent = await this.send(ref, body, baseRevision);
    if (!sent.ok) return sent;
    const response = sent.value;
    await applyRectangles(this.deps.workbook, ref.sheet, planRectangles(local.value.table, { writes: sheetWrites, appends: [], removals: [] }));
    const held = this.deps.snapshots.get(ref);
    const rows = new Map<string, Cells>(held?.rows ?? local.value.rows);
    for (const cell of state.cells) {
      const row = rows.get(cell.key) ?? local.value.rows.get(cell.key) ?? {};
      rows.set(cell.key, { ...row, [cell.field]: cell.choice === null ? null : cell[cell.choice] });
    }
    await this.afterPush(ref, state.kind, baseRevision, rows, response);
    const conflicts = response.conflicts.length > 0 ? openConflicts(state.kind, response.revision, response.conflicts, local.value.table) : null;
    return ok({ upToDate: false, revision: response.revision, changedCells: response.changedCells, conflicts, issues: response.issues });
  }
}
