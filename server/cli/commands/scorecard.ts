import { z } from 'zod';
import { computeScorecard } from '../../../shared/engine/scorecard';
import type { ScorecardReport } from '../../../shared/engine/scorecard-types';
import { localizeIssue } from '../../../shared/i18n/messages';
import { refusalMessage } from '../../../shared/i18n/refusal-messages';
import type { Locale } from '../../../shared/i18n/locale';
import { hasErrors } from '../../../shared/issues/issue';
import { formatPeriod, parsePeriod } from '../../../shared/parse/period';
import { perspectiveLabel } from '../../../shared/parse/perspective';
import { localDate } from '../../clock/local-date';
import { firstSchedulablePlan } from '../../workbook/plan-for-sheet';
import { importWorkbook } from '../../workbook/import-workbook';
import { writeScorecardWorkbook } from '../../workbook/scorecard-writer';
import { EXIT, type CliIO, type ExitCode } from '../io';
import { UsageError, localeFrom, onePositional, parseCommandArgs } from '../options';
import { textTable } from '../text-output';

/**
 * `scorecard FILE.xlsx [--json] [--out OUT.xlsx] [--period P] [--lang L]`.
 * Exit 0 when the workbook is clean, 1 when it has errors (the scorecard is still computed from
 * the rows that are valid), 2 when the file is refused or the command is misused.
 */
export async function scorecardCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(
    args,
    { json: { type: 'boolean' }, out: { type: 'string' }, period: { type: 'string' }, lang: { type: 'string' } },
    z.object({
      json: z.boolean().optional(),
      out: z.string().min(1).optional(),
      period: z.string().optional(),
      lang: z.string().optional(),
    }),
  );
  const file = onePositional(positionals, 'workbook file');
  const locale = localeFrom(values.lang, io.env);
  let period: string | undefined;
  if (values.period !== undefined) {
    const parsed = parsePeriod(values.period);
    if (!parsed.ok) throw new UsageError(`--period "${values.period}" is not a period such as 2024-03, 2024-Q1, 2024-W09 or 2024`);
    period = formatPeriod(parsed.value);
  }

  const imported = await importWorkbook(file, undefined, { today: localDate() });
  if (!imported.ok) {
    const message = refusalMessage(imported.error, locale);
    if (values.json) io.out(JSON.stringify({ error: { code: imported.error.code, message } }) + '\n');
    io.err(message + '\n');
    return EXIT.refused;
  }
  const { analysis } = imported.value;
  const report = computeScorecard(
    { kpis: analysis.records.kpis, metrics: analysis.records.metrics, resolver: analysis.resolver },
    period === undefined ? {} : { period },
  );
  const issues = analysis.issues.map((i) => localizeIssue(i, locale));

  if (values.out !== undefined) {
    const plan = firstSchedulablePlan(analysis);
    await writeScorecardWorkbook({ report, issues, locale, ...(plan ? { plan } : {}) }, { path: values.out });
    io.err((locale === 'zh-CN' ? '已写入 ' : 'Wrote ') + values.out + '\n');
  }
  if (values.json) io.out(JSON.stringify(report, null, 2) + '\n');
  else if (values.out === undefined) io.out(renderText(report, locale));
  if (issues.length > 0 && !values.json) {
    io.err(locale === 'zh-CN' ? `工作簿有 ${issues.length} 个问题，请运行 check 查看。\n` : `The workbook has ${issues.length} issue(s): run check to see them.\n`);
  }
  return hasErrors(analysis.issues) ? EXIT.findings : EXIT.ok;
}

function pct(x: number | null): string {
  return x === null ? '–' : `${(x * 100).toFixed(1)}%`;
}

function renderText(report: ScorecardReport, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const header = zh
    ? ['期间', '部门', 'KPI', '维度', '实际', '目标', '达成率', '状态', '权重', '得分', '评优']
    : ['Period', 'Department', 'KPI', 'Perspective', 'Actual', 'Target', 'Achievement', 'Status', 'Weight', 'Score', 'Award'];
  const rows = report.rows.map((r) => [
    r.period,
    r.department,
    r.kpi,
    r.perspective ? perspectiveLabel(r.perspective, locale) : '–',
    r.actual === null ? '–' : String(r.actual),
    r.target,
    pct(r.achievement),
    r.status,
    pct(r.weight),
    pct(r.score),
    r.award ? '★' : '',
  ]);
  const overall = report.overall.map((o) => [o.period, o.department, pct(o.score)]);
  return (
    textTable(header, rows) +
    '\n' +
    textTable(zh ? ['期间', '部门', '总分'] : ['Period', 'Department', 'Overall'], overall)
  );
}
