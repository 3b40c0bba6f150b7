import { localizeIssue, type LocalizedIssue } from '../../shared/i18n/messages';
import type { Locale } from '../../shared/i18n/locale';
import type { SheetGrid } from '../../shared/table/grid';
import { analyseWorkbook, type RecognisedSheet } from '../../shared/workbook/analyse';
import type { CellMark, WorkbookPort } from '../workbook-port';

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

/** Several issues on one cell become one mark: the worst severity, every message. */
export function marksOf(issues: readonly LocalizedIssue[]): Map<string, CellMark[]> {
  const bySheet = new Map<string, Map<string, CellMark>>();
  for (const issue of issues) {
    let cells = bySheet.get(issue.sheet);
    if (!cells) bySheet.set(issue.sheet, (cells = new Map()));
    const text = issue.suggestion ? `${issue.message} ${issue.suggestion}` : issue.message;
    const held = cells.get(issue.cell);
    cells.set(issue.cell, {
      cell: issue.cell,
      severity: held?.severity === 'error' || issue.severity === 'error' ? 'error' : 'warning',
      message: held ? `${held.message}\n${text}` : text,
    });
  }
  return new Map([...bySheet].map(([sheet, cells]) => [sheet, [...cells.values()]]));
}

export class WorkbookChecker {
  /** Sheets this pane has marked, so their marks can be cleared once fixed. */
  private readonly marked = new Set<string>();
  /**
   * The marks last written per sheet. Unchanged marks are not written again: writing them would
   * raise a change event, which would start another check — a loop that never settles.
   */
  private readonly written = new Map<string, string>();

  constructor(
    private readonly workbook: WorkbookPort,
    private readonly today: () => string,
  ) {}

  async check(locale: Locale): Promise<CheckResult> {
    const infos = await this.workbook.listSheets();
    const grids: SheetGrid[] = [];
    for (const info of infos) {
      if (info.rows === 0) continue;
      grids.push(await this.workbook.readSheet(info.name));
    }
    const analysis = analyseWorkbook(grids, { today: this.today() });
    const issues = analysis.issues.map((i) => localizeIssue(i, locale));
    const marks = marksOf(issues);
    const names = new Set(infos.map((i) => i.name));
    for (const sheet of new Set([...marks.keys(), ...this.marked])) {
      if (!names.has(sheet)) {
        this.marked.delete(sheet);
        this.written.delete(sheet);
        continue;
      }
      const list = marks.get(sheet) ?? [];
      const signature = JSON.stringify(list);
      if (this.written.get(sheet) === signature) continue;
      await this.workbook.markCells(sheet, list);
      this.written.set(sheet, signature);
      if (list.length > 0) this.marked.add(sheet);
      else this.marked.delete(sheet);
    }
    return { issues, sheets: analysis.sheets };
  }
}

/** The local date as YYYY-MM-DD: what "overdue" is judged against. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
