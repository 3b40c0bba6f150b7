import { schedulePlan } from '../../shared/kinds/gantt/schedule-plan';
import type { WorkbookAnalysis } from '../../shared/workbook/analyse';
import type { PlanForSheet } from './gantt-sheet';

/**
 * The first Gantt plan of a workbook that can be scheduled, for the scorecard's Gantt sheet.
 * A plan with a cycle or missing dates has no schedule to draw; its issues are on the issues sheet.
 */
export function firstSchedulablePlan(analysis: WorkbookAnalysis): PlanForSheet | null {
  for (const plan of analysis.records.plans) {
    const scheduled = schedulePlan(plan);
    if (scheduled.ok && scheduled.value.tasks.length > 0) return scheduled.value;
  }
  return null;
}
