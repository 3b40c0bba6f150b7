/**
 * Gantt plans. Dates in params are 'YYYY-MM-DD'; task names as written (trimmed).
 */
export interface PlanIssueParams {
  /** A start or end cell that is not a date. `column` is the header as written. */
  'gantt.date-invalid': { input: string; column: string };
  /** The task starts after it ends (ends are inclusive, so start = end is a one-day task). */
  'gantt.start-after-end': { task: string; start: string; end: string };
  /** A dependency names no task of the plan; `closest` is the task probably meant. */
  'gantt.dependency-unknown': { name: string; closest: string | null };
  /**
   * Tasks that wait for each other in a circle, in link order (each waits for the one before
   * it), the first task repeated at the end: ["A", "B", "A"]. A task that waits for itself is ["A", "A"].
   */
  'gantt.cycle': { path: string[] };
  /** The link-type cell (or a type written after a dependency) is not FS, SS, FF or SF. */
  'gantt.link-type-invalid': { input: string };
  /** The lag cell is not a whole number of days. */
  'gantt.lag-invalid': { input: string };
  /** The progress cell is not a percentage between 0% and 100%. */
  'gantt.progress-invalid': { input: string };
  /** The links let the task start no earlier than `earliest`, after its planned start. */
  'gantt.link-violated': { task: string; planned: string; earliest: string; dependsOn: string[] };
  /** The task should have ended before today and is not complete. `progress` is a fraction. */
  'gantt.overdue': { task: string; end: string; daysLate: number; progress: number };
  /** One owner on two tasks that share days (from–to, inclusive). Reported once per pair. */
  'gantt.owner-overlap': { owner: string; task: string; other: string; from: string; to: string };
  /** More overlapping pairs than are reported; `shown` were. */
  'gantt.owner-overlap-truncated': { shown: number };
  /** The calendar cell above the table names neither working days nor calendar days. */
  'gantt.calendar-invalid': { input: string };
  /** An entry of the holidays cell is not a date or a range of dates. */
  'gantt.holiday-invalid': { input: string };
  /** Holidays are listed but the plan counts calendar days, so they change nothing. */
  'gantt.holidays-ignored': { count: number };
}
