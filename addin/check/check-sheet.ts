import { localizeIssue, type LocalizedIssue } from '../../shared/i18n/messages';
import type { Locale } from '../../shared/i18n/locale';
import type { SheetGrid } from '../../shared/table/grid';
import { analyseWorkbook, type RecognisedSheet } from '../../shared/workbook/analyse';
import type { CellMark, SheetInfo, WorkbookPort } from '../workbook-port';
import { debounceDistinct, type Timers } from './debounce';

/**
 * Checking in place, as plain TypeScript over a WorkbookPort (Excel, the fake, or arrays).
 *
 * Cross-sheet checks (an owner who holds no role, a formula naming a metric of another sheet)
 * need every sheet, but re-reading a whole workbook on each keystroke would cost a read per
 * sheet per check. So grids are cached by sheet name, and a check re-reads only
 *   - the sheets it is told changed (from onChanged),
 *   - sheets not read yet (new, renamed, or the first check),
 *   - sheets whose used range changed size since they were read (a change we missed).
 * The sheet list comes fresh each time (one listSheets), so deleted and renamed sheets drop out.
 * What the cache cannot see is an edit of the same size on a sheet no event named; `checkAll`
 * re-reads everything for the pane's "Check now".
 *
 * Marks are written only for sheets whose marks changed (issues can appear on a sheet nobody
 * touched: fixing a role in the permission matrix clears an owner mark on the plan). On the
 * first check every sheet is marked once, which also clears marks a previous session left.
 *
 * Port calls per check of one changed sheet: listSheets, readSheet of that sheet, markCells of
 * each sheet whose marks changed (each one Excel.run of at most 3 syncs).
 */
export interface CheckOptions {
  readonly locale: Locale;
  /** The user's local date, YYYY-MM-DD: without it nothing is judged overdue. */
  readonly today?: () => string;
}

export interface UnreadableSheet {
  readonly sheet: string;
  readonly reason: string;
}

export interface CheckResult {
  readonly sheets: readonly RecognisedSheet[];
  /** Every issue of the workbook, in the user's language, in reading order. */
  readonly issues: readonly LocalizedIssue[];
  /** Sheets that could not be read this time (deleted mid-check, Excel busy): left out, not fatal. */
  readonly unreadable: readonly UnreadableSheet[];
  /** Sheets whose marks could not be written this time; the issues are listed all the same. */
  readonly unmarked: readonly UnreadableSheet[];
}

interface Cached {
  readonly grid: SheetGrid;
  readonly rows: number;
  readonly columns: number;
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
  private firstCheck = true;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly port: WorkbookPort,
    private readonly options: CheckOptions,
  ) {}

  /** Checks after `changed` changed. Checks run one at a time, in the order asked. */
  checkSheet(changed: string | readonly string[]): Promise<CheckResult> {
    const names = typeof changed === 'string' ? [changed] : [...changed];
    return this.serial(() => this.run(new Set(names), false));
  }

  /** Re-reads every sheet ("Check now"). */
  checkAll(): Promise<CheckResult> {
    return this.serial(() => this.run(new Set(), true));
  }

  /** A sheet is stale (an event named it): the next check re-reads it. */
  invalidate(sheet: string): void {
    this.cache.delete(sheet);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async run(changed: ReadonlySet<string>, everything: boolean): Promise<CheckResult> {
    const infos = await this.port.listSheets();
    const present = new Set(infos.map((i) => i.name));
    for (const name of [...this.cache.keys()]) if (!present.has(name)) this.cache.delete(name);

    const grids: SheetGrid[] = [];
    const unreadable: UnreadableSheet[] = [];
    for (const info of infos) {
      const grid = await this.gridOf(info, everything || changed.has(info.name), unreadable);
      if (grid) grids.push(grid);
    }
    const today = this.options.today?.();
    const analysis = analyseWorkbook(grids, today ? { today } : {});
    const issues = analysis.issues.map((i) => localizeIssue(i, this.options.locale));
    const unmarked = await this.mark(issues, infos, unreadable);
    return { sheets: analysis.sheets, issues, unreadable, unmarked };
  }

  private async gridOf(info: SheetInfo, fresh: boolean, unreadable: UnreadableSheet[]): Promise<SheetGrid | null> {
    if (info.rows === 0 || info.columns === 0) {
      this.cache.delete(info.name);
      return { name: info.name, rows: [] };
    }
    const held = this.cache.get(info.name);
    if (!fresh && held && held.rows === info.rows && held.columns === info.columns) return held.grid;
    try {
      const grid = await this.port.readSheet(info.name);
      this.cache.set(info.name, { grid, rows: info.rows, columns: info.columns });
      return grid;
    } catch (error) {
      this.cache.delete(info.name);
      unreadable.push({ sheet: info.name, reason: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  private async mark(issues: readonly LocalizedIssue[], infos: readonly SheetInfo[], unreadable: readonly UnreadableSheet[]): Promise<UnreadableSheet[]> {
    const failed: UnreadableSheet[] = [];
    const marks = marksBySheet(issues);
    const skip = new Set(unreadable.map((u) => u.sheet));
    const sheets = this.firstCheck ? infos.map((i) => i.name) : [...new Set([...marks.keys(), ...this.written.keys()])];
    const present = new Set(infos.map((i) => i.name));
    for (const name of [...this.written.keys()]) if (!present.has(name)) this.written.delete(name);
    for (const sheet of sheets) {
      if (!present.has(sheet) || skip.has(sheet)) continue;
      const list = marks.get(sheet) ?? [];
      const signature = JSON.stringify(list);
      if (this.written.get(sheet) === signature) continue;
      try {
        await this.port.markCells(sheet, list);
      } catch (error) {
        // Not remembered as written: the next check tries again.
        failed.push({ sheet, reason: error instanceof Error ? error.message : String(error) });
        continue;
      }
      if (list.length > 0) this.written.set(sheet, signature);
      else this.written.delete(sheet);
    }
    this.firstCheck = false;
    return failed;
  }
}

export interface Watch {
  stop(): void;
  /** Runs a pending check now (tests; the pane's "Check now" uses checkAll). */
  flush(): void;
}

/**
 * Wires it up: a change anywhere invalidates that sheet; after a quiet `delayMs` the changed
 * sheets are checked together and the result handed to `onResult` (failures to `onError`).
 */
export async function watchWorkbook(
  port: WorkbookPort,
  checker: SheetChecker,
  onResult: (result: CheckResult) => void,
  onError: (error: unknown) => void,
  options: { delayMs?: number; timers?: Timers } = {},
): Promise<Watch> {
  const debounced = debounceDistinct<string>(
    (sheets) => {
      checker.checkSheet(sheets).then(onResult, onError);
    },
    options.delayMs ?? 400,
    options.timers,
  );
  const unsubscribe = await port.onChanged((sheet) => {
    checker.invalidate(sheet);
    debounced.push(sheet);
  });
  return {
    stop: () => {
      debounced.cancel();
      unsubscribe();
    },
    flush: () => debounced.flush(),
  };
}
