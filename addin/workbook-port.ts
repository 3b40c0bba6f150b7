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

export interface WorkbookPort {
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
  /** Worksheet changes (debounced by the caller); returns an unsubscribe function. */
  onChanged(handler: (sheet: string, address: string) => void): Promise<() => void>;
}
