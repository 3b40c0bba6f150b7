import { computeScorecard } from '../../shared/engine/scorecard';
import type { ScorecardReport } from '../../shared/engine/scorecard-types';
import { formatPeriod, parsePeriod } from '../../shared/parse/period';
import { fail, ok, type Result } from '../../shared/result';
import type { SheetGrid } from '../../shared/table/grid';
import { analyseWorkbook } from '../../shared/workbook/analyse';
import type { WorkbookPort } from '../workbook-port';

/** The period field: empty for every period, else any form parsePeriod reads, sent canonical (2024年3月 → 2024-03). */
export function readPeriod(text: string): Result<string | undefined, { kind: 'bad-period' }> {
  const trimmed = text.trim();
  if (trimmed === '') return ok(undefined);
  const period = parsePeriod(trimmed);
  return period.ok ? ok(formatPeriod(period.value)) : fail({ kind: 'bad-period' });
}

/**
 * The scorecard computed in the pane from this workbook's KPI and metric sheets, with the shared
 * engine the service uses: what preview mode offers without a service, and a quick look offline.
 */
export type ZeroRowsReason = 'no-kpis' | 'no-metrics' | 'no-period' | 'no-match';

export interface LocalScorecard {
  readonly report: ScorecardReport;
  /** Why the report has no KPI row (null when it has some): said to the user instead of writing an empty sheet. */
  readonly zeroRows: ZeroRowsReason | null;
}

export async function computeLocalScorecard(workbook: WorkbookPort, period: string | undefined): Promise<LocalScorecard> {
  const grids: SheetGrid[] = [];
  for (const info of await workbook.listSheets()) if (info.rows > 0) grids.push(await workbook.readSheet(info.name));
  const analysis = analyseWorkbook(grids);
  const { kpis, metrics } = analysis.records;
  const report = computeScorecard({ kpis, metrics, resolver: analysis.resolver }, period === undefined ? {} : { period });
  let zeroRows: ZeroRowsReason | null = null;
  if (report.rows.length === 0) {
    if (kpis.length === 0) zeroRows = 'no-kpis';
    else if (metrics.length === 0) zeroRows = 'no-metrics';
    else if (period !== undefined) zeroRows = 'no-period';
    else zeroRows = 'no-match';
  }
  return { report, zeroRows };
}
