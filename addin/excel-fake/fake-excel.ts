/// <reference types="office-js" preserve="true" />
import { compareVersions, type ApiRequirements, type ExcelHost } from '../excel/excel-host';
import { formatRect, parseAddress, type Rect } from './a1';
import { strict } from './client-object';
import { FakeRequestContext, type ChangedRange, type FakeHost, type HandlerRegistration, type RunStats, type SyncRecord } from './context';
import { FakeExcelError } from './errors';
import { ensureCell, sheetByName } from './lookup';
import { emptySheet, emptyWorkbook, type ModelValue, type SheetModel, type WorkbookModel } from './model';
import { PAYLOAD_LIMIT_BYTES } from './payload';
import { writeCell } from './range';
import { FakeWorkbookView } from './view';
import { FakeWorkbook } from './workbook';

export interface FakeExcelOptions {
  /** The highest ExcelApi version the simulated Excel supports; "1.18" by default. */
  readonly apiVersion?: string;
  readonly payloadLimitBytes?: number;
}

/** A cell as seeded by a test: a raw value (stored as is, not parsed) or a value with its look. */
export type CellSeed = ModelValue | null | { readonly value: ModelValue; readonly numberFormat?: string; readonly fill?: string };

class FakeExcelContext extends FakeRequestContext {
  readonly workbook = strict(new FakeWorkbook(this));
}

/**
 * A strict in-memory Excel for tests and the task pane's preview mode. `excel` stands in for
 * the `Excel` namespace and `requirements` for `Office.context.requirements`; the rest is for
 * the preview and for tests: seed sheets, type into cells as a user would (firing onChanged),
 * and read what a user would see (values, displayed text, fills, notes, tables, charts, rules).
 */
export class FakeExcel implements FakeHost {
  model: WorkbookModel = emptyWorkbook();
  readonly payloadLimitBytes: number;
  readonly apiVersion: string;
  /** One entry per Excel.run, in order. */
  readonly runs: RunStats[] = [];
  syncCount = 0;
  /** The biggest request + response any successful sync carried. */
  maxSyncBytes = 0;
  /** The biggest request and the biggest response of a successful sync (each has its 5 MB limit). */
  maxRequestBytes = 0;
  maxResponseBytes = 0;
  /**
   * The user is typing in a cell (Excel's Edit cell mode): every request fails with
   * InvalidOperationInCellEditMode until `userLeavesCell()`. See context.ts for the source.
   */
  inCellEditMode = false;
  /** Errors thrown by event handlers (Excel swallows them; tests may want to see them). */
  readonly handlerErrors: unknown[] = [];

  private handlers: HandlerRegistration[] = [];
  private handlerSeq = 0;
  private inFlight = new Set<Promise<unknown>>();
  private readonly listeners = new Set<() => void>();

  readonly excel: ExcelHost;
  readonly requirements: ApiRequirements;
  /** What a user would see; reading it never counts as a sync. */
  readonly view = new FakeWorkbookView(() => this.model);

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? '1.18';
    this.payloadLimitBytes = options.payloadLimitBytes ?? PAYLOAD_LIMIT_BYTES;
    const run = this.run.bind(this) as ExcelHost['run'];
    this.excel = { run };
    this.requirements = { isSetSupported: (name, version) => this.isSetSupported(name, version) };
  }

  isSetSupported(name: string, version = '1.1'): boolean {
    return name === 'ExcelApi' && compareVersions(version, this.apiVersion) <= 0;
  }

  // -------------------------------------------------------------------------------------------
  // Excel.run and what request contexts call back

  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(context: OfficeExtension.ClientRequestContext, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  async run<T>(first: unknown, second?: unknown): Promise<T> {
    const batch = (typeof first === 'function' ? first : second) as ((context: Excel.RequestContext) => Promise<T>) | undefined;
    if (typeof batch !== 'function') throw new FakeExcelError('InvalidArgument', 'Excel.run needs a batch function.');
    const stats: RunStats = { syncs: 0, payloads: [], requests: [], responses: [], failures: [] };
    this.runs.push(stats);
    // Excel.run(context, batch) goes on with an existing context (how a handler is removed).
    const reused = first instanceof FakeRequestContext ? first : null;
    if (reused) reused.stats = stats;
    const context = reused ?? strict(new FakeExcelContext(this, stats));
    // The one cast between the fake and Office.js's types: the fake implements the subset the
    // adapter uses, and any member it lacks throws NotImplemented when touched.
    const result = await batch(context as unknown as Excel.RequestContext);
    // Excel.run sends whatever the batch left queued.
    if (context.pendingCommands > 0) await context.sync();
    return result;
  }

  requireApi(version: string, what: string): void {
    if (!this.isSetSupported('ExcelApi', version)) {
      throw new FakeExcelError('ApiNotFound', `${what} needs ExcelApi ${version}; this Excel supports ${this.apiVersion}.`);
    }
  }

  recordSync(run: RunStats, sync: SyncRecord): void {
    const bytes = sync.requestBytes + sync.responseBytes;
    run.syncs += 1;
    run.payloads.push(bytes);
    run.requests.push(sync.requestBytes);
    run.responses.push(sync.responseBytes);
    this.syncCount += 1;
    if (sync.failure !== null) run.failures.push(sync.failure);
    else {
      this.maxSyncBytes = Math.max(this.maxSyncBytes, bytes);
      this.maxRequestBytes = Math.max(this.maxRequestBytes, sync.requestBytes);
      this.maxResponseBytes = Math.max(this.maxResponseBytes, sync.responseBytes);
      this.notify();
    }
  }

  emitChanges(changes: readonly ChangedRange[]): void {
    for (const change of changes) this.dispatch(change, 'ThisLocalAddin');
  }

  registerHandler(registration: HandlerRegistration): void {
    this.handlers.push(registration);
  }

  unregisterHandler(id: number): void {
    this.handlers = this.handlers.filter((h) => h.id !== id);
  }

  nextHandlerId(): number {
    this.handlerSeq += 1;
    return this.handlerSeq;
  }

  get handlerCount(): number {
    return this.handlers.length;
  }

  /**
   * Worksheet onChanged: one event per changed rectangle, with the fields of
   * Excel.WorksheetChangedEventArgs (type, worksheetId, address without the sheet name,
   * changeType, source, triggerSource — 1.14),
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs. Whether a
   * change made by this add-in's own batch raises the event, the docs do not say; Excel does,
   * with triggerSource "ThisLocalAddin", and so does the fake. Handlers run after the change.
   */
  private dispatch(change: ChangedRange, triggerSource: 'ThisLocalAddin' | 'Unknown'): void {
    const args = {
      type: 'WorksheetChanged',
      worksheetId: change.sheetId,
      address: formatRect(change.rect),
      changeType: 'RangeEdited',
      source: 'Local',
      triggerSource,
    };
    for (const h of this.handlers) {
      if (h.sheetId !== null && h.sheetId !== change.sheetId) continue;
      // Excel calls handlers asynchronously, after the change is in the workbook.
      const p: Promise<unknown> = Promise.resolve()
        .then(() => h.handler(args))
        .catch((error: unknown) => {
          this.handlerErrors.push(error);
        })
        .finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }

  /** Resolves once every event handler started so far (and any they started) has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  resetStats(): void {
    this.runs.length = 0;
    this.syncCount = 0;
    this.maxSyncBytes = 0;
    this.maxRequestBytes = 0;
    this.maxResponseBytes = 0;
  }

  /** The preview re-renders when the workbook changes (after a sync or a user edit). */
  onModelChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  // -------------------------------------------------------------------------------------------
  // Seeding (no Excel.run, no sync counted)

  /** Adds a sheet with raw values from A1 (or `at`); strings are stored verbatim, not parsed. */
  addSheet(name: string, rows: readonly (readonly CellSeed[])[] = [], at = 'A1'): void {
    if (sheetByName(this.model, name)) throw new FakeExcelError('ItemAlreadyExists', `A worksheet named '${name}' already exists.`);
    const sheet = emptySheet(this.model, name);
    this.model.sheets.push(sheet);
    this.model.activeSheetId ??= sheet.id;
    this.seed(name, at, rows);
  }

  seed(sheetName: string, topLeft: string, rows: readonly (readonly CellSeed[])[]): void {
    const sheet = this.sheetModel(sheetName);
    const origin = this.rectOf(topLeft);
    rows.forEach((row, r) =>
      row.forEach((seed, c) => {
        if (seed === null) return;
        const cell = ensureCell(sheet, origin.top + r, origin.left + c);
        if (typeof seed === 'object') {
          cell.value = seed.value;
          if (seed.numberFormat !== undefined) cell.numberFormat = seed.numberFormat;
          if (seed.fill !== undefined) cell.fill = seed.fill;
        } else cell.value = seed;
      }),
    );
  }

  // -------------------------------------------------------------------------------------------
  // What a user does

  /** The user starts typing in a cell and has not pressed Enter yet: the add-in's requests fail meanwhile. */
  userEntersCell(): void {
    this.inCellEditMode = true;
  }

  /** Enter, Tab, Esc or a click elsewhere: Excel answers requests again. */
  userLeavesCell(): void {
    this.inCellEditMode = false;
  }

  /** Types text into a cell as a user would (Excel parses it) and fires onChanged. */
  async userEdit(sheetName: string, address: string, text: string): Promise<void> {
    await this.userPaste(sheetName, address, [[text]]);
  }

  /** Types a block of text from `topLeft`, one change event for the block, as a paste does. */
  async userPaste(sheetName: string, topLeft: string, rows: readonly (readonly string[])[]): Promise<void> {
    const sheet = this.sheetModel(sheetName);
    const origin = this.rectOf(topLeft);
    let right = origin.left;
    rows.forEach((row, r) =>
      row.forEach((text, c) => {
        writeCell(ensureCell(sheet, origin.top + r, origin.left + c), text);
        right = Math.max(right, origin.left + c);
      }),
    );
    const rect: Rect = { top: origin.top, left: origin.left, bottom: origin.top + Math.max(rows.length, 1) - 1, right };
    this.notify();
    this.dispatch({ sheetId: sheet.id, rect }, 'Unknown');
    await this.idle();
  }

  // -------------------------------------------------------------------------------------------
  // What a user sees

  sheetModel(name: string): SheetModel {
    const sheet = sheetByName(this.model, name);
    if (!sheet) throw new FakeExcelError('ItemNotFound', `No worksheet named '${name}'.`);
    return sheet;
  }

  private rectOf(address: string): Rect {
    const parsed = parseAddress(address);
    if (!parsed) throw new FakeExcelError('InvalidArgument', `'${address}' is not an address.`);
    return parsed.rect;
  }
}
