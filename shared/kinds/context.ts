import type { SheetGrid } from '../table/grid';

/** What the workbook analysis is told from outside. shared/ has no clock: "today" comes from the caller. */
export interface AnalyseOptions {
  /** 'YYYY-MM-DD', the caller's local date. Without it, nothing is judged overdue. */
  readonly today?: string;
  /**
   * The grids are part of a workbook (a synced sheet checked alone on a push): checks that need
   * the sheets a reconciliation rule names are not made, since those sheets are elsewhere.
   */
  readonly partialWorkbook?: boolean;
}

/** What a sheet kind's analysis may read besides its table. */
export interface AnalyseContext extends AnalyseOptions {
  /** The whole sheet: a Gantt plan's calendar is written above its table. */
  readonly grid: SheetGrid;
}
