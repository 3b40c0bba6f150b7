import { z } from 'zod';
import { hasErrors } from '../../../shared/issues/issue';
import { localizeIssue, type LocalizedIssue } from '../../../shared/i18n/messages';
import { refusalMessage } from '../../../shared/i18n/refusal-messages';
import { localDate } from '../../clock/local-date';
import { importWorkbook } from '../../workbook/import-workbook';
import { EXIT, type CliIO, type ExitCode } from '../io';
import { localeFrom, onePositional, parseCommandArgs } from '../options';
import { formatIssueLine } from '../text-output';

/** `check FILE.xlsx [--json] [--lang L]`: every recognised sheet and its issues. */
export async function checkCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(
    args,
    { json: { type: 'boolean' }, lang: { type: 'string' } },
    z.object({ json: z.boolean().optional(), lang: z.string().optional() }),
  );
  const file = onePositional(positionals, 'workbook file');
  const locale = localeFrom(values.lang, io.env);

  // Overdue Gantt tasks are judged as of the machine's local date.
  const imported = await importWorkbook(file, undefined, { today: localDate() });
  if (!imported.ok) {
    const message = refusalMessage(imported.error, locale);
    if (values.json) io.out(JSON.stringify({ error: { code: imported.error.code, message } }) + '\n');
    io.err(message + '\n');
    return EXIT.refused;
  }
  const { analysis } = imported.value;
  const issues: LocalizedIssue[] = analysis.issues.map((i) => localizeIssue(i, locale));
  if (values.json) {
    io.out(JSON.stringify({ sheets: analysis.sheets.map((s) => ({ name: s.name, kind: s.kind })), issues }, null, 2) + '\n');
  } else {
    for (const sheet of analysis.sheets) io.out(`${sheet.name}: ${sheet.kind}\n`);
    if (analysis.sheets.length === 0) io.out(locale === 'zh-CN' ? '没有可识别的工作表。\n' : 'No recognised sheet.\n');
    for (const i of issues) io.out(formatIssueLine(i) + '\n');
    const errors = issues.filter((i) => i.severity === 'error').length;
    const warnings = issues.length - errors;
    io.out(locale === 'zh-CN' ? `${errors} 个错误，${warnings} 个警告。\n` : `${errors} error(s), ${warnings} warning(s).\n`);
  }
  return hasErrors(analysis.issues) ? EXIT.findings : EXIT.ok;
}
