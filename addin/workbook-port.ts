import type { ScorecardReport } from '../shared/engine/scorecard-types';
import type { Locale } from '../shared/i18n/locale';
import type { SheetKind } from '../shared/kinds/sheet-kind';
import type { SheetGrid } from '../shared/table/grid';

/**
 * Everything the task pane asks of a workbook. The Office.js adapter (addin/excel/) is the
 * only implementation that says `Excel.*`; in preview mode and in tests it runs over the strict
 * in-browser fake of the Excel object model. Each method is one user action: one `Excel.run`,
 * batched reads and writes, a bounded number of `context.sync()` calls.
 */
export interface SheetInfo {
  readonly name: string;
  /** Rows × columns of the used range (0 × 0 for an empty sheet). */
  readonly rows: number;
  readonly columns: number;
}

/** A mark on a cell: fill colour by severity plus a note (or comment) with the message. */
export interface CellMark {
  readonly cell: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface GanttBar {
  readonly task: string;
  readonly earlyStart: string;
  readonly earlyFinish: string;
  readonly critical: boolean;
}

/**
 * The check of one sheet as the checker runs it: `grid` is the sheet as just read, `sheets` the
 * workbook's sheets as listSheets would give them (the checker's cache answers for the others);
 * it returns the sheet's marks. It may wait for other checks running meanwhile (the first check
 * of a workbook reads every sheet, in concurrent runs that meet in one analysis).
 */
export type SheetAnalysis = (grid: SheetGrid, sheets: readonly SheetInfo[]) => readonly CellMark[] | Promise<readonly CellMark[]>;

/** What one checkSheet did. */
export interface SheetCheck {
  /** The sheet as read; null for the Scorecard sheet this add-in generated (output: not read, checked or marked). */
  readonly grid: SheetGrid | null;
  /** What the analysis returned for the sheet, now its marks (up to MAX_MARKED_ADDRESSES addresses). */
  readonly marks: readonly CellMark[];
  /** The workbook's sheets, listed in the same run: what listSheets returns. */
  readonly sheets: readonly SheetInfo[];
  /** The context.sync() calls the check made. */
  readonly syncs: number;
}

/** Where a workbook syncs to on the service. */
export interface SyncTarget {
  readonly workspace: string;
  readonly workbook: string;
}

export interface WorkbookPort {
  /**
   * A whole check of one sheet in one Excel.run: list the sheets, read this one, let `analyse`
   * find its marks, mark it (as markCells does). 3 syncs for a sheet that fits one request
   * (10k rows × 7 columns does): 2 + the slices of its data beyond that, each under 5 MB.
   * Optional, so that a port over plain arrays need not have it: SheetChecker then makes the
   * same check out of listSheets, readSheet and markCells.
   */
  checkSheet?(sheet: string, analyse: SheetAnalysis): Promise<SheetCheck>;
  listSheets(): Promise<SheetInfo[]>;
  /** The used range of a sheet as a grid (dates as ISO strings), read in chunks under 5 MB. */
  readSheet(name: string): Promise<SheetGrid>;
  /** Replaces the marks this add-in put on a sheet with these (cleared where fixed). */
  markCells(sheet: string, marks: readonly CellMark[]): Promise<void>;
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Inserts a new sheet with the kind's template; returns its name. */
  insertTemplate(kind: SheetKind, locale: Locale): Promise<string>;
  /** Writes values (text stays text) into a rectangle starting at `topLeft`. */
  writeValues(sheet: string, topLeft: string, values: readonly (readonly (string | number | boolean | null)[])[]): Promise<void>;
  /** (Re)writes the Scorecard sheet: perspectives, KPIs, RAG formatting, a chart of perspective scores. */
  writeScorecard(report: ScorecardReport, locale: Locale): Promise<void>;
  /** Draws the schedule on the plan sheet's date grid, critical path marked. */
  drawGantt(sheet: string, bars: readonly GanttBar[], locale: Locale): Promise<void>;
  /** The sync target remembered in this workbook's document settings (null: never chosen). Optional: ports over plain arrays keep it in memory. */
  readSyncTarget?(): Promise<SyncTarget | null>;
  writeSyncTarget?(target: SyncTarget): Promise<void>;
  /** Worksheet changes (debounced by the caller); returns an unsubscribe function. */
  onChanged(handler: (sheet: string, address: string) => void): Promise<() => void>;
}
