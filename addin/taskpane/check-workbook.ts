import type { LocalizedIssue } from '../../shared/i18n/messages';
import type { Locale } from '../../shared/i18n/locale';
import type { RecognisedSheet } from '../../shared/workbook/analyse';
import { SheetChecker } from '../check/check-sheet';
import type { WorkbookPort } from '../workbook-port';

/**
 * "Check now" and the check after each edit: read the sheets, run the shared analysis (the same
 * engine as the CLI and the service), mark the cells, list the issues. Marks are replaced on the
 * sheets that have issues now and on those that had marks before (so fixed cells are cleared);
 * other sheets are not touched, which keeps the number of Excel round trips down.
 */

export interface CheckResult {
  readonly issues: readonly LocalizedIssue[];
  readonly sheets: readonly RecognisedSheet[];
}

/**
 * The pane's checker: the add-in's SheetChecker (addin/check/), which checks a changed sheet in
 * one Excel.run of 3 syncs and keeps the other sheets' grids for cross-sheet checks. "Check now"
 * and the first check re-read everything; an edit re-checks the sheets it touched.
 */
export class WorkbookChecker {
  private checker: SheetChecker | null = null;
  private locale: Locale | null = null;

  constructor(
    private readonly workbook: WorkbookPort,
    private readonly today: () => string,
  ) {}

  async check(locale: Locale, changed: readonly string[] = []): Promise<CheckResult> {
    if (this.checker === null || this.locale !== locale) {
      // Messages are localised by the checker: a new language is a fresh checker (and a full check).
      this.checker = new SheetChecker(this.workbook, { locale, today: this.today });
      this.locale = locale;
      changed = [];
    }
    const result = changed.length > 0 ? await this.checker.checkSheet(changed) : await this.checker.checkAll();
    return { issues: result.issues, sheets: result.sheets };
  }
}

/** The local date as YYYY-MM-DD: what "overdue" is judged against. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
