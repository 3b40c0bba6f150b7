import { z } from 'zod';
import { schedulePlan, type PlanSchedule } from '../../../shared/kinds/gantt/schedule-plan';
import type { GanttPlan } from '../../../shared/kinds/gantt/types';
import { localizeIssue, type LocalizedIssue } from '../../../shared/i18n/messages';
import { refusalMessage } from '../../../shared/i18n/refusal-messages';
import type { Locale } from '../../../shared/i18n/locale';
import { dayNumber } from '../../../shared/parse/date';
import { localDate } from '../../clock/local-date';
import { importWorkbook } from '../../workbook/import-workbook';
import { EXIT, type CliIO, type ExitCode } from '../io';
import { UsageError, localeFrom, onePositional, parseCommandArgs } from '../options';
import { renderPlanText } from '../plan-text';
import { formatIssueLine } from '../text-output';

/**
 * `plan FILE.xlsx [--json] [--sheet NAME] [--today YYYY-MM-DD] [--lang L]`: the critical-path
 * schedule of the workbook's Gantt sheet (the first one, or --sheet).
 *
 * - Exit 0: the plan sheet has no error; the schedule goes to stdout, its warnings (overdue
 *   tasks, owner overlaps…) to stderr, so that `--json` output is only the schedule.
 * - Exit 1: the plan sheet has errors (a circle of dependencies, an unknown dependency, a date
 *   that is not one…). Its issues are printed and no schedule: a schedule that silently drops a
 *   link or a task would look right and be wrong. With --json: {"issues": [...]}.
 * - Exit 2: the file is refused, has no Gantt sheet, or the command is misused.
 * Issues of other sheets do not count: `check` is the command for the whole workbook.
 * "Today" for overdue tasks is the machine's local date, or --today.
 */
export async function planCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(
    args,
    { json: { type: 'boolean' }, lang: { type: 'string' }, sheet: { type: 'string' }, today: { type: 'string' } },
    z.object({
      json: z.boolean().optional(),
      lang: z.string().optional(),
      sheet: z.string().min(1).optional(),
      today: z
        .string()
        .refine((s) => !Number.isNaN(dayNumber(s)), 'must be a date written YYYY-MM-DD')
        .optional(),
    }),
  );
  const file = onePositional(positionals, 'workbook file');
  const locale = localeFrom(values.lang, io.env);

  const imported = await importWorkbook(file, undefined, { today: values.today ?? localDate() });
  if (!imported.ok) {
    const message = refusalMessage(imported.error, locale);
    if (values.json) io.out(JSON.stringify({ error: { code: imported.error.code, message } }) + '\n');
    io.err(message + '\n');
    return EXIT.refused;
  }
  const { analysis } = imported.value;
  const plan = pickPlan(analysis.records.plans, values.sheet, locale);
  if (!plan) {
    io.err((locale === 'zh-CN' ? '工作簿中没有甘特图工作表。' : 'The workbook has no Gantt sheet.') + '\n');
    return EXIT.refused;
  }

  const issues: LocalizedIssue[] = analysis.issues.filter((i) => i.sheet === plan.sheet).map((i) => localizeIssue(i, locale));
  const errors = issues.filter((i) => i.severity === 'error');
  const schedule = errors.length === 0 ? schedulePlan(plan) : null;
  if (!schedule?.ok) {
    // Every way a plan fails to schedule (a circle, a task without dates) is an error issue of
    // its sheet, so `errors` is never empty here; the guard keeps that promise explicit.
    if (values.json) io.out(JSON.stringify({ issues }, null, 2) + '\n');
    else for (const i of issues) io.out(formatIssueLine(i) + '\n');
    if (errors.length === 0) io.err(locale === 'zh-CN' ? '无法排定计划。\n' : 'The plan cannot be scheduled.\n');
    return EXIT.findings;
  }

  io.out(values.json ? JSON.stringify(planJson(schedule.value), null, 2) + '\n' : renderPlanText(schedule.value, locale));
  for (const i of issues) io.err(formatIssueLine(i) + '\n');
  return EXIT.ok;
}

/** The first Gantt sheet, or the one named; a name that is no Gantt sheet is a usage mistake. */
function pickPlan(plans: readonly GanttPlan[], sheet: string | undefined, locale: Locale): GanttPlan | null {
  if (sheet === undefined) return plans[0] ?? null;
  const found = plans.find((p) => p.sheet === sheet);
  if (found) return found;
  const names = plans.map((p) => `"${p.sheet}"`).join(', ') || (locale === 'zh-CN' ? '（无）' : '(none)');
  throw new UsageError(`--sheet "${sheet}" is not a Gantt sheet of the workbook; Gantt sheets: ${names}`);
}

/** PRODUCT.md's JSON: exactly these keys, dates YYYY-MM-DD, slack in (the plan's) days. */
function planJson(s: PlanSchedule) {
  return {
    tasks: s.tasks.map((t) => ({
      task: t.task,
      start: t.start,
      end: t.end,
      earlyStart: t.earlyStart,
      earlyFinish: t.earlyFinish,
      lateStart: t.lateStart,
      lateFinish: t.lateFinish,
      slack: t.slack,
      critical: t.critical,
    })),
    criticalPath: s.criticalPath,
    finish: s.finish,
  };
}
