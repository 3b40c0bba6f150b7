import type { Rect } from './a1';
import { FakeExcelError } from './errors';
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
  readonly payloads: number[];
  readonly failures: string[];
}

/** What a request context needs from the fake application behind it. */
export interface FakeHost {
  model: WorkbookModel;
  readonly payloadLimitBytes: number;
  requireApi(version: string, what: string): void;
  recordSync(run: RunStats, bytes: number, failure: string | null): void;
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
 * `sync()`, which runs them in order, answers loads, counts itself and refuses a batch whose
 * payload is over the limit (rolled back whole, as Excel refuses the request). A command that
 * fails midway leaves the earlier ones applied, as Excel does.
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
    if (requestBytes > limit) {
      this.host.recordSync(this.stats, requestBytes, 'RequestPayloadSizeLimitExceeded');
      throw new FakeExcelError(
        'RequestPayloadSizeLimitExceeded',
        `The request payload size (${requestBytes} bytes) has exceeded the limit (${limit} bytes).`,
      );
    }
    const snapshot = batch.some((c) => c.write) ? structuredClone(this.host.model) : null;
    const exec = new BatchExecution(this.host.model);
    try {
      for (const c of batch) c.run(exec);
    } catch (error) {
      this.host.recordSync(this.stats, requestBytes + exec.responseBytes, error instanceof FakeExcelError ? error.code : 'Error');
      throw error;
    }
    const total = requestBytes + exec.responseBytes;
    if (total > limit) {
      if (snapshot) this.host.model = snapshot;
      this.host.recordSync(this.stats, total, 'ResponsePayloadSizeLimitExceeded');
      throw new FakeExcelError(
        'ResponsePayloadSizeLimitExceeded',
        `The response payload size (${total} bytes with the request) has exceeded the limit (${limit} bytes).`,
      );
    }
    this.host.recordSync(this.stats, total, null);
    for (const p of exec.publishes) p();
    if (exec.changes.length > 0) this.host.emitChanges(exec.changes);
  }
}
