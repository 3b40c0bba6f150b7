import { schedulePlan, type PlanSchedule } from '../../shared/kinds/gantt/schedule-plan';
import type { SheetGrid } from '../../shared/table/grid';
import { analyseWorkbook } from '../../shared/workbook/analyse';
import type { GanttBar, WorkbookPort } from '../workbook-port';

/**
 * The Plan view's logic, plain TypeScript: the critical-path schedule of this workbook's Gantt
 * plans, computed here with the shared engine the CLI's `plan` command and the service use, and
 * the bars the adapter draws from it. Works the same in Excel and in preview mode.
 */

export type PlanOutcome =
  | { readonly kind: 'scheduled'; readonly schedule: PlanSchedule }
  /** A circle of dependencies, or tasks without dates: the Issues tab says where. */
  | { readonly kind: 'cycle' | 'incomplete'; readonly sheet: string; readonly tasks: readonly string[] };

export interface LocalPlans {
  /** One per Gantt sheet, in the workbook's order; empty when the workbook has none. */
  readonly plans: readonly PlanOutcome[];
}

export async function computeLocalPlans(workbook: WorkbookPort): Promise<LocalPlans> {
  const grids: SheetGrid[] = [];
  for (const info of await workbook.listSheets()) if (info.rows > 0) grids.push(await workbook.readSheet(info.name));
  const analysis = analyseWorkbook(grids);
  const plans = analysis.records.plans.map((plan): PlanOutcome => {
    const scheduled = schedulePlan(plan);
    return scheduled.ok ? { kind: 'scheduled', schedule: scheduled.value } : { kind: scheduled.error.code, sheet: plan.sheet, tasks: scheduled.error.tasks };
  });
  return { plans };
}

/** The plan sheet an outcome belongs to. */
export function sheetOf(outcome: PlanOutcome): string {
  return outcome.kind === 'scheduled' ? outcome.schedule.sheet : outcome.sheet;
}

/** What drawGantt paints: each task from its early start to its early finish, critical ones marked. */
export function barsOf(schedule: PlanSchedule): GanttBar[] {
  return schedule.tasks.map((t) => ({ task: t.task, earlyStart: t.earlyStart, earlyFinish: t.earlyFinish, critical: t.critical }));
}
