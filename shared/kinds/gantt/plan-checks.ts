import { computeSchedule } from '../../engine/schedule';
import { overdueTasks, ownerOverlaps, type PlanTaskFacts } from '../../engine/schedule-checks';
import { issue, type Issue } from '../../issues/issue';
import { dayNumber, fromDayNumber } from '../../parse/date';
import { scheduleInput } from './schedule-plan';
import type { GanttPlan } from './types';

/** Pairs reported per sheet: beyond this a sheet is mis-assigned wholesale, and one more line says so. */
const OVERLAP_LIMIT = 200;

/** Tasks with both dates, in order, with their index in the plan. */
function dated(plan: GanttPlan): { index: number; facts: PlanTaskFacts }[] {
  const out: { index: number; facts: PlanTaskFacts }[] = [];
  plan.tasks.forEach((t, index) => {
    if (t.start === null || t.end === null) return;
    out.push({ index, facts: { start: dayNumber(t.start), end: dayNumber(t.end), owner: t.owner, progress: t.progress } });
  });
  return out;
}

/** Overdue (only when the caller gave today and the sheet has a progress column). */
export function overdueIssues(plan: GanttPlan, today: string | undefined, endCell: (task: number) => string): Issue[] {
  if (today === undefined || !plan.hasProgress) return [];
  const day = dayNumber(today);
  if (Number.isNaN(day)) return [];
  const list = dated(plan);
  return overdueTasks(
    list.map((d) => d.facts),
    day,
  ).map((o) => {
    const t = plan.tasks[list[o.task]!.index]!;
    return issue('gantt.overdue', 'warning', plan.sheet, endCell(list[o.task]!.index), {
      task: t.name,
      end: t.end!,
      daysLate: o.daysLate,
      progress: t.progress ?? 0,
    });
  });
}

/** One warning per pair of tasks of one owner that share days, at the later row's owner cell. */
export function overlapIssues(plan: GanttPlan): Issue[] {
  const list = dated(plan);
  const { overlaps, truncated } = ownerOverlaps(
    list.map((d) => d.facts),
    OVERLAP_LIMIT,
  );
  const issues = overlaps.map((o) => {
    const a = plan.tasks[list[o.a]!.index]!;
    const b = plan.tasks[list[o.b]!.index]!;
    return issue('gantt.owner-overlap', 'warning', plan.sheet, b.cells.owner, {
      owner: o.owner,
      task: b.name,
      other: a.name,
      from: fromDayNumber(o.from),
      to: fromDayNumber(o.to),
    });
  });
  if (truncated) {
    const first = plan.tasks[0];
    issues.push(issue('gantt.owner-overlap-truncated', 'warning', plan.sheet, first ? first.cells.owner : 'A1', { shown: overlaps.length }));
  }
  return issues;
}

/**
 * Tasks whose dependencies let them start only after their planned start: the dates typed in
 * the sheet cannot both hold. Compared with the schedule without links rather than with the
 * typed start, so that a working-day plan's task typed on a Saturday (moved to Monday by the
 * calendar, not by a link) is not reported. Only for a plan that can be scheduled.
 */
export function linkIssues(plan: GanttPlan): Issue[] {
  if (plan.links.length === 0) return [];
  const linked = scheduleInput(plan);
  const alone = scheduleInput(plan, false);
  if (!linked || !alone) return [];
  const withLinks = computeSchedule(linked);
  const without = computeSchedule(alone);
  if (!withLinks.ok || !without.ok) return [];
  const predecessors = new Map<number, string[]>();
  for (const l of plan.links) {
    const names = predecessors.get(l.to) ?? [];
    const name = plan.tasks[l.from]!.name;
    if (!names.includes(name)) names.push(name);
    predecessors.set(l.to, names);
  }
  const issues: Issue[] = [];
  plan.tasks.forEach((t, i) => {
    if (dayNumber(t.start!) > dayNumber(t.end!)) return; // reported as start after end
    const earliest = withLinks.value.earlyStart[i]!;
    if (earliest <= without.value.earlyStart[i]!) return;
    issues.push(
      issue('gantt.link-violated', 'warning', plan.sheet, t.cells.start, {
        task: t.name,
        planned: t.start!,
        earliest: fromDayNumber(earliest),
        dependsOn: predecessors.get(i) ?? [],
      }),
    );
  });
  return issues;
}
