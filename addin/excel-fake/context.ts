import type { Rect } from './a1';
import { FakeExcelError, type FakeErrorCode } from './errors';
import type { WorkbookModel } from './model';
import { BYTES_PER_OPERATION } from './payload';

/** One queued step of a batch: an action, a property set or a load. */
export interface Command {
  /** Changes the workbook (a batch that fails on payload size is rolled back). */
  readonly write: boolean;
  /** What the command itself sends besides its envelope (values, formats, text). */
  readonly requestBytes: number;
  run(exec: Execution): void;
}

export interface ChangedRange {
  readonly sheetId: string;
  readonly rect: Rect;
}

/** What a running batch can do: read and change the model, answer loads, report changes. */
export interface Execution {
  readonly model: WorkbookModel;
  /** Bytes a load brings back in the response. */
  respond(bytes: number): void;
  /** Runs once the whole batch has succeeded: loaded values become readable then, not before. */
  publish(fn: () => void): void;
  /** A value write, for worksheet onChanged events. */
  changed(change: ChangedRange): void;
}

/** Per `Excel.run`: how many syncs it made and how big each was. */
export interface RunStats {
  syncs: number;
  /** Request + response of each sync, in bytes. */
  readonly payloads: number[];
  /** What each sync sent (the queued commands) and what came back (the loaded values), in bytes. */
  readonly requests: number[];
  readonly responses: number[];
  readonly failures: string[];
}

export interface SyncRecord {
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly failure: string | null;
}

/** What a request context needs from the fake application behind it. */
export interface FakeHost {
  model: WorkbookModel;
  readonly payloadLimitBytes: number;
  /** The user is typing in a cell: every request fails until they leave it (see sync()). */
  readonly inCellEditMode: boolean;
  requireApi(version: string, what: string): void;
  recordSync(run: RunStats, sync: SyncRecord): void;
  emitChanges(changes: readonly ChangedRange[]): void;
  registerHandler(registration: HandlerRegistration): void;
  unregisterHandler(id: number): void;
  nextHandlerId(): number;
}

export interface HandlerRegistration {
  readonly id: number;
  /** A worksheet id, or null for the whole workbook. */
  readonly sheetId: string | null;
  readonly handler: (args: unknown) => Promise<unknown>;
}

class BatchExecution implements Execution {
  responseBytes = 0;
  readonly publishes: (() => void)[] = [];
  readonly changes: ChangedRange[] = [];

  constructor(readonly model: WorkbookModel) {}

  respond(bytes: number): void {
    this.responseBytes += bytes;
  }

  publish(fn: () => void): void {
    this.publishes.push(fn);
  }

  changed(change: ChangedRange): void {
    this.changes.push(change);
  }
}

/**
 * Excel.RequestContext, faked: commands queue up and nothing reaches the workbook until
 * `sync()`, which runs them in order, answers loads, counts itself and refuses what Excel
 * refuses. A command that fails midway leaves the earlier ones applied, as Excel does.
 *
 * Sources (Microsoft Learn):
 * - Queued commands, nothing sent before `context.sync()`: "Application-specific API model",
 *   https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#sync
 * - The 5 MB limits, checked apart: "Excel on the web has a payload size limit for requests and
 *   responses of 5MB", https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins;
 *   the codes RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded from
 *   https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-error-handling.
 *   Whether a refused response leaves the batch's writes applied, the docs do not say: the fake
 *   rolls them back, the stricter reading (a caller must not count on any of it).
 * - Cell-edit mode: "InvalidOperationInCellEditMode: the operation isn't available while Excel is
 *   in Edit cell mode" (same error-handling page), for every batch unless it is run with
 *   `delayForCellEdit`, https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit.
 *   The fake refuses the whole request, before any command runs.
 */
export class FakeRequestContext {
  private queue: Command[] = [];

  constructor(
    readonly host: FakeHost,
    /** Replaced when `Excel.run(context, …)` reuses this context for another run. */
    public stats: RunStats,
  ) {}

  enqueue(command: Command): void {
    this.queue.push(command);
  }

  get pendingCommands(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    // The round trip to Excel is asynchronous; code that forgets to await sees nothing.
    await Promise.resolve();
    const batch = this.queue;
    this.queue = [];
    const limit = this.host.payloadLimitBytes;
    let requestBytes = 0;
    for (const c of batch) requestBytes += BYTES_PER_OPERATION + c.requestBytes;
    const refuse = (code: FakeErrorCode, responseBytes: number, message: string): never => {
      this.host.recordSync(this.stats, { requestBytes, responseBytes, failure: code });
      throw new FakeExcelError(code, message);
    };
    if (this.host.inCellEditMode) {
      refuse('InvalidOperationInCellEditMode', 0, 'The operation is not available while Excel is in Edit cell mode. Exit Edit mode and try again.');
    }
    if (requestBytes > limit) {
      refuse('RequestPayloadSizeLimitExceeded', 0, `The request payload size (${requestBytes} bytes) has exceeded the limit (${limit} bytes).`);
    }
    const snapshot = batch.some((c) => c.write) ? structuredClone(this.host.model) : null;
    const exec = new BatchExecution(this.host.model);
    try {
      for (const c of batch) c.run(exec);
    } catch (error) {
      this.host.recordSync(this.stats, { requestBytes, responseBytes: exec.responseBytes, failure: error instanceof FakeExcelError ? error.code : 'Error' });
      throw error;
    }
    if (exec.responseBytes > limit) {
      if (snapshot) this.host.model = snapshot;
      refuse(
        'ResponsePayloadSizeLimitExceeded',
        exec.responseBytes,
        `The response payload size (${exec.responseBytes} bytes) has exceeded the limit (${limit} bytes).`,
      );
    }
    this.host.recordSync(this.stats, { requestBytes, responseBytes: exec.responseBytes, failure: null });
    for (const p of exec.publishes) p();
    if (exec.changes.length > 0) this.host.emitChanges(exec.changes);
  }
}
