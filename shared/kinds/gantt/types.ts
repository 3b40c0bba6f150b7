import type { LinkType } from '../../engine/schedule';

/** How a plan counts days. Holidays are 'YYYY-MM-DD', sorted, without duplicates. */
export type PlanCalendar = { readonly kind: 'calendar' } | { readonly kind: 'working'; readonly holidays: readonly string[] };

/** One task row, parsed. Dates that did not parse are null (and have an issue). */
export interface GanttTask {
  readonly sheet: string;
  readonly row: number;
  readonly name: string;
  /** The owner cell as written ('' when empty); may name several owners. */
  readonly owner: string;
  readonly start: string | null;
  readonly end: string | null;
  /** A fraction; null when the sheet has no progress column or the cell did not parse. */
  readonly progress: number | null;
  /** Addresses for issues found after the sheet is read (cross-sheet checks, schedule). */
  readonly cells: { readonly task: string; readonly owner: string; readonly start: string; readonly depends: string };
}

/** A resolved dependency: `to` waits for `from` (indices into GanttPlan.tasks). */
export interface GanttLink {
  readonly from: number;
  readonly to: number;
  readonly type: LinkType;
  /** In the plan's days (working days with a working calendar); negative = lead. */
  readonly lag: number;
}

/**
 * A Gantt sheet as one record: its tasks, the links between them and its calendar.
 * Dependencies resolve within the sheet, so each sheet is its own plan.
 */
export interface GanttPlan {
  readonly sheet: string;
  readonly calendar: PlanCalendar;
  readonly tasks: readonly GanttTask[];
  readonly links: readonly GanttLink[];
  /** Whether the sheet has a progress column (without it no task is judged overdue). */
  readonly hasProgress: boolean;
}
