import type { LinkType } from '../../engine/schedule';
import { issue, type Issue } from '../../issues/issue';
import { dayNumber, parseDate } from '../../parse/date';
import { parseWeight } from '../../parse/weight';
import { addressOf, cellText, type LocatedTable, type TableRow } from '../../table/locate';
import { matchKey } from '../../text/normalize';
import type { AnalyseContext } from '../context';
import { KeyRegistry, requiredCells } from '../row-checks';
import { readPlanCalendar } from './calendar';
import { dependencyCycles } from './cycles';
import { parseDependencies, parseLag, parseLinkType, type DependencyRef } from './links';
import { linkIssues, overdueIssues, overlapIssues } from './plan-checks';
import { suggestionBudget } from '../../text/similar';
import { probableTask } from './probable-task';
import type { GanttField } from './spec';
import type { GanttLink, GanttPlan, GanttTask } from './types';

/** Unknown dependencies that get a "did you mean" (see resolveLinks). */
const SUGGESTION_LIMIT = 200;

/** A task row before its dependencies are resolved against the whole sheet. */
interface PendingTask {
  readonly task: GanttTask;
  readonly refs: readonly DependencyRef[];
  readonly type: LinkType;
  readonly lag: number;
}

/**
 * A Gantt sheet → one plan, and its issues: cells (dates, progress, link type, lag), duplicate
 * tasks, start after end, unknown dependencies (with the task probably meant), circles of
 * dependencies (once per circle, at the Depends-on cell of its topmost task), planned starts the
 * links do not allow, overdue tasks (when the caller says what day it is) and owners booked on
 * overlapping tasks.
 */
export function analyseGanttSheet(table: LocatedTable<GanttField>, context: AnalyseContext): { records: GanttPlan[]; issues: Issue[] } {
  const { calendar, issues } = readPlanCalendar(context.grid, table.sheet, table.headerRow);
  const hasProgress = table.columns.progress !== undefined;
  const keys = new KeyRegistry(table, 'task');
  const pending: PendingTask[] = [];
  for (const row of table.rows) {
    const parsed = parseRow(table, row, hasProgress, issues);
    if (parsed && keys.claim([parsed.task.name], parsed.task.row, issues)) pending.push(parsed);
  }

  const links = resolveLinks(table.sheet, pending, issues);
  const tasks = pending.map((p) => p.task);
  const plan: GanttPlan = { sheet: table.sheet, calendar, tasks, links, hasProgress };

  const cycles = dependencyCycles(tasks.length, links);
  for (const circle of cycles) {
    const first = tasks[circle[0]!]!;
    issues.push(issue('gantt.cycle', 'error', table.sheet, first.cells.depends, { path: [...circle.map((i) => tasks[i]!.name), first.name] }));
  }
  if (cycles.length === 0) issues.push(...linkIssues(plan));
  issues.push(...overdueIssues(plan, context.today, (i) => addressOf(table, tasks[i]!.row, 'end')));
  issues.push(...overlapIssues(plan));
  return { records: [plan], issues };
}

function parseRow(table: LocatedTable<GanttField>, row: TableRow<GanttField>, hasProgress: boolean, issues: Issue[]): PendingTask | null {
  if (!requiredCells(table, row, ['task', 'start', 'end'], issues) && row.cells.task === undefined) return null;
  // A column the sheet lacks (owner, depends… are optional) has no cell: its issues go to the task cell.
  const at = (field: GanttField) => addressOf(table, row.row, table.columns[field] ? field : 'task');
  const name = cellText(row.cells.task);

  const date = (field: 'start' | 'end'): string | null => {
    const value = row.cells[field];
    if (value === undefined) return null;
    const parsed = parseDate(value);
    if (parsed.ok) return parsed.value;
    issues.push(
      issue('gantt.date-invalid', 'error', table.sheet, at(field), { input: cellText(value), column: table.columns[field]?.header ?? field }),
    );
    return null;
  };
  const start = date('start');
  const end = date('end');
  if (start !== null && end !== null && dayNumber(start) > dayNumber(end)) {
    issues.push(issue('gantt.start-after-end', 'error', table.sheet, at('end'), { task: name, start, end }));
  }

  // With a progress column, an empty cell is a task not started (0%), as the engine expects.
  let progress: number | null = null;
  if (hasProgress) {
    const value = row.cells.progress;
    if (value === undefined) progress = 0;
    else {
      const parsed = parseWeight(value);
      if (parsed.ok) progress = parsed.value;
      else issues.push(issue('gantt.progress-invalid', 'error', table.sheet, at('progress'), { input: cellText(value) }));
    }
  }

  const type = parseLinkType(row.cells.linkType);
  if (!type.ok) issues.push(issue('gantt.link-type-invalid', 'error', table.sheet, at('linkType'), { input: type.error }));
  const lag = parseLag(row.cells.lag);
  if (!lag.ok) issues.push(issue('gantt.lag-invalid', 'error', table.sheet, at('lag'), { input: lag.error }));

  return {
    task: {
      sheet: table.sheet,
      row: row.row,
      name,
      owner: cellText(row.cells.owner),
      start,
      end,
      progress,
      cells: { task: at('task'), owner: at('owner'), start: at('start'), depends: at('depends') },
    },
    refs: parseDependencies(row.cells.depends),
    type: type.ok ? type.value : 'FS',
    lag: lag.ok ? lag.value : 0,
  };
}

/** Dependencies → links (duplicates dropped); a name that is no task is an error naming the task probably meant. */
function resolveLinks(sheet: string, pending: readonly PendingTask[], issues: Issue[]): GanttLink[] {
  const byKey = new Map<string, number>();
  pending.forEach((p, i) => byKey.set(matchKey(p.task.name), i));
  const names = pending.map((p) => p.task.name);
  const links: GanttLink[] = [];
  const seen = new Set<string>();
  let suggestions = 0;
  // One budget for the sheet's suggestions: a sheet of long unresolved names stops suggesting, not the service.
  const budget = suggestionBudget();
  pending.forEach((p, to) => {
    for (const ref of p.refs) {
      // A task whose own name holds brackets ("评审(二)") is found by the entry as written.
      const whole = byKey.get(matchKey(ref.written));
      const from = whole ?? byKey.get(matchKey(ref.name));
      if (from === undefined) {
        // Each suggestion compares with every task: past a few hundred the sheet is not a typo away.
        const closest = suggestions++ < SUGGESTION_LIMIT ? probableTask(ref.name, names.filter((_, i) => i !== to), budget) : null;
        issues.push(issue('gantt.dependency-unknown', 'error', sheet, p.task.cells.depends, { name: ref.name, closest }));
        continue;
      }
      const type = whole !== undefined ? p.type : (ref.type ?? p.type);
      const lag = whole !== undefined ? p.lag : (ref.lag ?? p.lag);
      const key = `${from}>${to}:${type}:${lag}`;
      if (seen.has(key)) continue;
      seen.add(key);
      links.push({ from, to, type, lag });
    }
  });
  return links;
}
