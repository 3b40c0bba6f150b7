import { computeSchedule, type ScheduleInput } from '../../engine/schedule';
import { dayNumber, fromDayNumber } from '../../parse/date';
import { fail, ok, type Result } from '../../result';
import type { GanttPlan, PlanCalendar } from './types';

/** One task of a computed plan, dates 'YYYY-MM-DD'. */
export interface ScheduledTask {
  readonly task: string;
  readonly owner: string;
  /** As planned in the sheet. */
  readonly start: string;
  readonly end: string;
  readonly earlyStart: string;
  readonly earlyFinish: string;
  readonly lateStart: string;
  readonly lateFinish: string;
  /** In the plan's days: working days with a working calendar. */
  readonly slack: number;
  readonly critical: boolean;
}

export interface PlanSchedule {
  readonly sheet: string;
  readonly calendar: PlanCalendar;
  readonly tasks: readonly ScheduledTask[];
  /** Task names, from the start of the chain to the project finish. */
  readonly criticalPath: readonly string[];
  /** The latest early finish; null for a plan without tasks. */
  readonly finish: string | null;
}

export type PlanScheduleError =
  /** The tasks of one circle of dependencies, in link order. */
  | { readonly code: 'cycle'; readonly tasks: readonly string[] }
  /** Tasks whose start or end is not a date: nothing after them could be placed. */
  | { readonly code: 'incomplete'; readonly tasks: readonly string[] };

/** The engine's input for a plan whose every task has dates; null otherwise. */
export function scheduleInput(plan: GanttPlan, withLinks = true): ScheduleInput | null {
  const tasks: { start: number; end: number }[] = [];
  for (const t of plan.tasks) {
    if (t.start === null || t.end === null) return null;
    tasks.push({ start: dayNumber(t.start), end: dayNumber(t.end) });
  }
  const calendar =
    plan.calendar.kind === 'working' ? { kind: 'working' as const, holidays: plan.calendar.holidays.map(dayNumber) } : { kind: 'calendar' as const };
  return { tasks, links: withLinks ? plan.links : [], calendar };
}

/** The critical-path schedule of a plan, with names and dates instead of indices and day numbers. */
export function schedulePlan(plan: GanttPlan): Result<PlanSchedule, PlanScheduleError> {
  const input = scheduleInput(plan);
  if (!input) {
    return fail({ code: 'incomplete', tasks: plan.tasks.filter((t) => t.start === null || t.end === null).map((t) => t.name) });
  }
  const result = computeSchedule(input);
  if (!result.ok) return fail({ code: 'cycle', tasks: result.error.tasks.map((i) => plan.tasks[i]!.name) });
  const r = result.value;
  const tasks = plan.tasks.map(
    (t, i): ScheduledTask => ({
      task: t.name,
      owner: t.owner,
      start: t.start!,
      end: t.end!,
      earlyStart: fromDayNumber(r.earlyStart[i]!),
      earlyFinish: fromDayNumber(r.earlyFinish[i]!),
      lateStart: fromDayNumber(r.lateStart[i]!),
      lateFinish: fromDayNumber(r.lateFinish[i]!),
      slack: r.slack[i]!,
      critical: r.critical[i] === 1,
    }),
  );
  return ok({
    sheet: plan.sheet,
    calendar: plan.calendar,
    tasks,
    criticalPath: r.criticalPath.map((i) => plan.tasks[i]!.name),
    finish: Number.isNaN(r.finish) ? null : fromDayNumber(r.finish),
  });
}
