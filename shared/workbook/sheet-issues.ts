import type { LocalizedIssue } from '../i18n/messages';
import { localizeIssue } from '../i18n/messages';
import type { Locale } from '../i18n/locale';
import { gridFromRows } from '../kinds/kind-specs';
import type { SheetKind } from '../kinds/sheet-kind';
import type { CellValue } from '../table/grid';
import { analyseWorkbook } from './analyse';

/** One synced sheet's rows, in the order they are stored, and how to word their issues. */
export interface SheetIssuesInput {
  readonly sheet: string;
  readonly kind: SheetKind;
  readonly rows: readonly Readonly<Record<string, CellValue>>[];
  /** 'YYYY-MM-DD': overdue checks. */
  readonly today: string;
  readonly locale: Locale;
}

/**
 * The issues of a synced sheet: its rows put back under the kind's headers and analysed by
 * the same engine as a workbook, so a sheet says the same thing in Excel, the CLI and the API.
 */
export function sheetIssues(input: SheetIssuesInput): LocalizedIssue[] {
  const grid = gridFromRows(input.sheet, input.kind, input.rows);
  return analyseWorkbook([grid], { today: input.today, partialWorkbook: true }).issues.map((i) => localizeIssue(i, input.locale));
}
