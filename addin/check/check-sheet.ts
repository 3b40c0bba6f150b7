import { localizeIssue, type LocalizedIssue } from '../../shared/i18n/messages';
import type { Locale } from '../../shared/i18n/locale';
import type { SheetGrid } from '../../shared/table/grid';
import { analyseWorkbook, type RecognisedSheet } from '../../shared/workbook/analyse';
import type { CellMark, SheetAnalysis, SheetCheck, SheetInfo, WorkbookPort } from '../workbook-port';
import { isCellEditRefusal, officeCode } from './office-errors';

/**
 * Checking in place, as plain TypeScript over a WorkbookPort (Excel, the fake, or arrays).
 *
 * Cross-sheet checks (an owner who holds no role, a formula naming a metric of another sheet)
 * need every sheet, but re-reading a whole workbook on each keystroke would cost a read per
 * sheet per check. So grids are cached by sheet name, and a check re-reads only
 *   - the sheets it is told changed (from onChanged),
 *   - sheets not read yet (new, renamed, or the first check),
 *   - sheets whose used range changed size since they were read (a change we missed).
 * What the cache cannot see is an edit of the same size on a sheet no event named; `checkAll`
 * re-reads everything for the pane's "Check now".
 *
 * Each sheet to read is checked by one WorkbookPort.checkSheet: one Excel.run that lists the
 * sheets, reads this one, waits for the analysis and marks it — 3 syncs for a sheet of up to
 * ~83k cells (10k rows × 7 columns), 2 + its 4 MB slices beyond that. The sheet list comes with
 * it, so deleted and renamed sheets drop out and new ones are seen without a listSheets. When a
 * check needs more sheets than it was told about (the first check, a new sheet, one that changed
 * size), each gets its own checkSheet, started as soon as the list is in; all of them wait for
 * one analysis of the whole workbook, then each marks its sheet. So:
 *   - a re-check after an edit of one sheet: 3 syncs;
 *   - the first check of a workbook: 3 syncs per sheet with data (an empty sheet is only marked:
 *     markCells, 1 sync when there is nothing to clear);
 *   - "Check now" before any check: one listSheets (2 syncs) first, as there is no sheet to start
 *     from.
 * listSheets is otherwise used only if every checkSheet of a check failed before listing.
 *
 * Marks are written for the sheets checked (inside their run), and with markCells for any
 * other sheet whose marks changed (issues can appear on a sheet nobody touched: fixing a role
 * in the permission matrix clears an owner mark on the plan). The first check marks every
 * sheet once, which also clears marks a previous session left.
 *
 * A port without checkSheet (one over plain arrays) gets the same check out of listSheets,
 * readSheet and markCells (each one Excel.run: 2 + 2 + 3 syncs on Excel).
 */
export interface CheckOptions {
  readonly locale: Locale;
  /** The user's local date, YYYY-MM-DD: without it nothing is judged overdue. */
  readonly today?: () => string;
}

export interface UnreadableSheet {
  readonly sheet: string;
  readonly reason: string;
  /** The Office error code (ItemNotFound, InvalidOperation…) when the failure carried one. */
  readonly code: string | null;
}

export interface CheckResult {
  readonly sheets: readonly RecognisedSheet[];
  /** Every issue of the workbook, in the user's language, in reading order. */
  readonly issues: readonly LocalizedIssue[];
  /** Sheets that could not be read this time (deleted mid-check, Excel refused): left out, not fatal. */
  readonly unreadable: readonly UnreadableSheet[];
  /**
   * Sheets Excel would not read because the user is typing in a cell (InvalidOperationInCellEditMode):
   * not unreadable, only not yet. Their last grid, if any, stands in; check them again shortly.
   */
  readonly busy: readonly string[];
  /** Sheets whose marks could not be written this time; the issues are listed all the same. */
  readonly unmarked: readonly UnreadableSheet[];
}

interface Cached {
  readonly grid: SheetGrid;
  readonly rows: number;
  readonly columns: number;
  /** An event named the sheet since: read it again, but keep the grid for a check Excel refuses meanwhile. */
  readonly stale?: boolean;
}

/** Several issues on one cell become one mark: the worst severity, every message (and its fix). */
export function marksBySheet(issues: readonly LocalizedIssue[]): Map<string, CellMark[]> {
  const bySheet = new Map<string, Map<string, CellMark>>();
  for (const issue of issues) {
    let cells = bySheet.get(issue.sheet);
    if (!cells) bySheet.set(issue.sheet, (cells = new Map()));
    const text = issue.suggestion ? `${issue.message}\n→ ${issue.suggestion}` : issue.message;
    const held = cells.get(issue.cell);
    cells.set(issue.cell, {
      cell: issue.cell,
      severity: held?.severity === 'error' || issue.severity === 'error' ? 'error' : 'warning',
      message: held ? `${held.message}\n${text}` : text,
    });
  }
  return new Map([...bySheet].map(([sheet, cells]) => [sheet, [...cells.values()]]));
}

export class SheetChecker {
  private readonly cache = new Map<string, Cached>();
  /** What was last written per sheet (a signature); absent: never written this session. */
  private readonly written = new Map<string, string>();
  /** The sheets as last listed; null before the first check. */
  private known: readonly SheetInfo[] | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly port: WorkbookPort,
    private readonly options: CheckOptions,
  ) {}

  /** Checks after `changed` changed. Checks run one at a time, in the order asked. */
  checkSheet(changed: string | readonly string[]): Promise<CheckResult> {
    const names = typeof changed === 'string' ? [changed] : [...changed];
    return this.serial(() => this.run(names, false));
  }

  /** Re-reads every sheet ("Check now"). */
  checkAll(): Promise<CheckResult> {
    return this.serial(() => this.run([], true));
  }

  /** A sheet is stale (an event named it): the next check re-reads it. */
  invalidate(sheet: string): void {
    const held = this.cache.get(sheet);
    if (held) this.cache.set(sheet, { ...held, stale: true });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async run(changed: readonly string[], everything: boolean): Promise<CheckResult> {
    const firstCheck = this.known === null;
    const round: CheckRound = new CheckRound(this.port, (sheets) => this.listed(round, sheets, everything || firstCheck));
    for (const name of changed) round.start(name);
    if (everything) for (const info of this.known ?? []) if (info.rows > 0 && info.columns > 0) round.start(info.name);

    // Every run reaches the analysis (or fails) before it runs; without a list, ask for one.
    let listing: readonly SheetInfo[] | null = null;
    for (;;) {
      await round.gathered();
      listing = round.listing;
      if (listing !== null) break;
      try {
        round.list(await this.port.listSheets());
      } catch (error) {
        round.fail(error);
        throw error;
      }
    }

    const grids: SheetGrid[] = [];
    const unreadable: UnreadableSheet[] = [];
    const busy: string[] = [];
    for (const info of listing) {
      const fresh = round.grids.get(info.name);
      const failure = round.failedReads.get(info.name);
      if (fresh) {
        if (info.rows > 0 && info.columns > 0) this.cache.set(info.name, { grid: fresh, rows: info.rows, columns: info.columns });
        else this.cache.delete(info.name);
        grids.push(fresh);
      } else if (failure !== undefined && isCellEditRefusal(failure.code)) {
        // Typing in a cell: what was read before still stands until the retry reads it again.
        busy.push(info.name);
        const held = this.cache.get(info.name);
        if (held) grids.push(held.grid);
      } else if (failure !== undefined) {
        this.cache.delete(info.name);
        unreadable.push({ sheet: info.name, ...failure });
      } else if (info.rows === 0 || info.columns === 0) {
        grids.push({ name: info.name, rows: [] });
      } else {
        const held = this.cache.get(info.name);
        if (held) grids.push(held.grid);
      }
    }

    let result: Omit<CheckResult, 'unmarked'> & { marks: Map<string, CellMark[]> };
    try {
      const today = this.options.today?.();
      const analysis = analyseWorkbook(grids, today ? { today } : {});
      const issues = analysis.issues.map((i) => localizeIssue(i, this.options.locale));
      result = { sheets: analysis.sheets, issues, unreadable, busy, marks: marksBySheet(issues) };
    } catch (error) {
      round.fail(error);
      await round.finished();
      throw error;
    }
    round.release(result.marks);
    await round.finished();

    // A sheet Excel would not read is not marked now either: its marks wait for the retry.
    const unmarked = await this.mark(result.marks, listing, [...unreadable, ...busy.map((sheet) => ({ sheet, reason: '', code: null }))], round, firstCheck);
    return { sheets: result.sheets, issues: result.issues, unreadable, busy, unmarked };
  }

  /** The sheet list is in: forget sheets that are gone, read those the cache cannot answer for. */
  private listed(round: CheckRound, sheets: readonly SheetInfo[], readAll: boolean): void {
    this.known = sheets;
    const present = new Set(sheets.map((i) => i.name));
    for (const name of [...this.cache.keys()]) if (!present.has(name)) this.cache.delete(name);
    for (const info of sheets) {
      if (round.has(info.name)) continue;
      if (info.rows === 0 || info.columns === 0) {
        this.cache.delete(info.name);
        continue;
      }
      const held = this.cache.get(info.name);
      if (readAll || !held || held.stale || held.rows !== info.rows || held.columns !== info.columns) round.start(info.name);
    }
  }

  private async mark(
    marks: ReadonlyMap<string, CellMark[]>,
    listing: readonly SheetInfo[],
    unreadable: readonly UnreadableSheet[],
    round: CheckRound,
    firstCheck: boolean,
  ): Promise<UnreadableSheet[]> {
    const failed: UnreadableSheet[] = [];
    const present = new Set(listing.map((i) => i.name));
    // Sheets checked in their own run were marked there.
    for (const [sheet, list] of round.markedInRun) {
      if (list.length > 0) this.written.set(sheet, JSON.stringify(list));
      else this.written.delete(sheet);
    }
    for (const [sheet, failure] of round.failedMarks) if (present.has(sheet)) failed.push({ sheet, ...failure });
    for (const name of [...this.written.keys()]) if (!present.has(name)) this.written.delete(name);

    const skip = new Set([...unreadable.map((u) => u.sheet), ...round.markedInRun.keys(), ...round.failedMarks.keys()]);
    const sheets = firstCheck ? listing.map((i) => i.name) : [...new Set([...marks.keys(), ...this.written.keys()])];
    for (const sheet of sheets) {
      if (!present.has(sheet) || skip.has(sheet)) continue;
      const list = marks.get(sheet) ?? [];
      const signature = JSON.stringify(list);
      if (this.written.get(sheet) === signature) continue;
      try {
        await this.port.markCells(sheet, list);
      } catch (error) {
        // Not remembered as written: the next check tries again.
        failed.push({ sheet, ...failureOf(error) });
        continue;
      }
      if (list.length > 0) this.written.set(sheet, signature);
      else this.written.delete(sheet);
    }
    return failed;
  }
}

/** What a failed run leaves in the result: its message for logs, its Office code for people. */
function failureOf(error: unknown): { reason: string; code: string | null } {
  return { reason: error instanceof Error ? error.message : String(error), code: officeCode(error) };
}

/** A check of one sheet as the port runs it, or as three port calls where it has no checkSheet. */
function checkWith(port: WorkbookPort, sheet: string, analyse: SheetAnalysis): Promise<Omit<SheetCheck, 'syncs'>> {
  if (port.checkSheet) return port.checkSheet(sheet, analyse);
  return (async () => {
    const sheets = await port.listSheets();
    // Gone, or the generated Scorecard sheet: nothing to read.
    if (!sheets.some((s) => s.name === sheet)) return { grid: null, marks: [], sheets };
    const grid = await port.readSheet(sheet);
    const marks = await analyse(grid, sheets);
    await port.markCells(sheet, marks);
    return { grid, marks, sheets };
  })();
}

/**
 * The checkSheet runs of one check. Each reads its sheet and then waits, inside its Excel.run,
 * for the marks of one analysis of the whole workbook; the first sheet list any of them brings
 * back may start more runs (sheets the cache cannot answer for). The analysis runs once every
 * run started has reached it or failed.
 */
class CheckRound {
  /** The first sheet list a run brought back. */
  listing: readonly SheetInfo[] | null = null;
  readonly grids = new Map<string, SheetGrid>();
  readonly failedReads = new Map<string, { reason: string; code: string | null }>();
  /** Sheets marked in their own run, with the marks written. */
  readonly markedInRun = new Map<string, readonly CellMark[]>();
  /** Sheets read in their own run whose marking failed. */
  readonly failedMarks = new Map<string, { reason: string; code: string | null }>();

  private readonly runs = new Map<string, Promise<void>>();
  /** Runs that have neither reached the analysis nor ended. */
  private open = 0;
  private wake: (() => void) | null = null;
  private readonly marks: Promise<ReadonlyMap<string, readonly CellMark[]>>;
  private resolveMarks!: (marks: ReadonlyMap<string, readonly CellMark[]>) => void;
  private rejectMarks!: (error: unknown) => void;

  constructor(
    private readonly port: WorkbookPort,
    private readonly onListing: (sheets: readonly SheetInfo[]) => void,
  ) {
    this.marks = new Promise((resolve, reject) => {
      this.resolveMarks = resolve;
      this.rejectMarks = reject;
    });
    // A failed analysis is reported by the check itself; the runs only stop on it.
    this.marks.catch(() => undefined);
  }

  has(sheet: string): boolean {
    return this.runs.has(sheet);
  }

  start(sheet: string): void {
    if (this.runs.has(sheet)) return;
    this.open += 1;
    let reached = false;
    const reach = (): void => {
      if (reached) return;
      reached = true;
      this.open -= 1;
      if (this.open === 0 && this.wake) {
        const wake = this.wake;
        this.wake = null;
        wake();
      }
    };
    const analyse: SheetAnalysis = async (grid, sheets) => {
      this.grids.set(sheet, grid);
      // Listing first: runs it starts count before this one stops counting.
      this.list(sheets);
      reach();
      return (await this.marks).get(sheet) ?? [];
    };
    const run = checkWith(this.port, sheet, analyse)
      .then(
        (result) => {
          if (result.grid === null) this.list(result.sheets);
          else this.markedInRun.set(sheet, result.marks);
        },
        (error: unknown) => {
          if (reached) this.failedMarks.set(sheet, failureOf(error));
          else this.failedReads.set(sheet, failureOf(error));
        },
      )
      .finally(reach);
    this.runs.set(sheet, run);
  }

  list(sheets: readonly SheetInfo[]): void {
    if (this.listing !== null) return;
    this.listing = sheets;
    this.onListing(sheets);
  }

  /** Resolves once every run started has reached the analysis or ended. */
  async gathered(): Promise<void> {
    while (this.open > 0) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  release(marks: ReadonlyMap<string, readonly CellMark[]>): void {
    this.resolveMarks(marks);
  }

  fail(error: unknown): void {
    this.rejectMarks(error);
  }

  /** Resolves once every run has ended (their failures are recorded, never thrown). */
  async finished(): Promise<void> {
    await Promise.all(this.runs.values());
  }
}
