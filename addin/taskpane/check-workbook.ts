import type { Locale } from '../../shared/i18n/locale';
import { SheetChecker } from '../check/check-sheet';
import type { WorkbookPort } from '../workbook-port';

/**
 * The pane's checker: the add-in's SheetChecker (addin/check/), which checks a changed sheet in
 * one Excel.run of 3 syncs and keeps the other sheets' grids for cross-sheet checks, judging
 * "overdue" against the user's local date. check-loop.ts drives it.
 */
export function paneChecker(workbook: WorkbookPort, locale: Locale, today: () => string = () => localToday()): SheetChecker {
  return new SheetChecker(workbook, { locale, today });
}

/** The local date as YYYY-MM-DD: what "overdue" is judged against. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
