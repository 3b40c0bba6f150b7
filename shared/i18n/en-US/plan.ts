import type { PlanIssueParams } from '../../issues/codes-plan';
import type { MessageCatalog } from '../catalog';
import { formatPercent } from '../locale';

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

export const planEn: MessageCatalog<PlanIssueParams> = {
  'gantt.date-invalid': {
    message: (p) => `“${p.input}” in ${p.column} is not a date.`,
    suggestion: () => 'Write it as 2023-12-01 or 2023年12月1日, or use a date cell.',
  },
  'gantt.start-after-end': {
    message: (p) => `“${p.task}” ends on ${p.end}, before it starts on ${p.start}.`,
    suggestion: () => 'Swap the two dates, or correct one of them (the end day counts: start = end is a one-day task).',
  },
  'gantt.dependency-unknown': {
    message: (p) => `“${p.name}” is not a task of this plan.`,
    suggestion: (p) => (p.closest ? `Did you mean “${p.closest}”?` : 'Write the name of a task exactly as in the Task column.'),
  },
  'gantt.cycle': {
    message: (p) => `These tasks wait for each other in a circle: ${p.path.join(' → ')}.`,
    suggestion: () => 'Remove one of these dependencies: no task of the circle could ever start.',
  },
  'gantt.link-type-invalid': {
    message: (p) => `“${p.input}” is not a link type.`,
    suggestion: () => 'Use FS (finish-to-start), SS, FF or SF.',
  },
  'gantt.lag-invalid': {
    message: (p) => `The lag “${p.input}” is not a whole number of days.`,
    suggestion: () => 'Write days such as 2, -1 (a lead) or 3天.',
  },
  'gantt.progress-invalid': {
    message: (p) => `The progress “${p.input}” is not a percentage between 0% and 100%.`,
    suggestion: () => 'Write it as 50% or 0.5.',
  },
  'gantt.link-violated': {
    message: (p) =>
      `“${p.task}” is planned to start on ${p.planned}, but the tasks it depends on (${p.dependsOn.join(', ')}) let it start on ${p.earliest} at the earliest.`,
    suggestion: (p) => `Move its start to ${p.earliest} (and its end with it), or change its dependencies.`,
  },
  'gantt.overdue': {
    message: (p) => `“${p.task}” should have ended on ${p.end} (${days(p.daysLate)} ago) and is ${formatPercent(p.progress, 'en-US', 0)} done.`,
    suggestion: () => 'Update its progress, or plan a new end date.',
  },
  'gantt.owner-overlap': {
    message: (p) => `${p.owner} is booked on “${p.task}” and “${p.other}” at the same time (${p.from} to ${p.to}).`,
    suggestion: () => 'Give one of the tasks to someone else, or move it.',
  },
  'gantt.owner-overlap-truncated': {
    message: (p) => `Only the first ${p.shown} overlapping bookings are listed.`,
  },
  'gantt.calendar-invalid': {
    message: (p) => `The calendar “${p.input}” is neither working days nor calendar days.`,
    suggestion: () => 'Write “Calendar: working days” (Monday to Friday) or “Calendar: calendar days”.',
  },
  'gantt.holiday-invalid': {
    message: (p) => `The holiday “${p.input}” is not a date or a range of dates.`,
    suggestion: () => 'Write dates such as 2024-01-01, or ranges such as 2024-02-10~2024-02-17, separated by commas.',
  },
  'gantt.holidays-ignored': {
    message: (p) => `${p.count === 1 ? '1 holiday is' : `${p.count} holidays are`} listed, but the plan counts calendar days, so they change nothing.`,
    suggestion: () => 'Add “Calendar: working days” above the table to skip weekends and holidays.',
  },
};
