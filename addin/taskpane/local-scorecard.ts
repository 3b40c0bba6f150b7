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
export async function computeLocalScorecard(workbook: WorkbookPort, period: string | undefined): Promise<ScorecardReport> {
  const grids: SheetGrid[] = [];
  for (const info of await workbook.listSheets()) if (info.rows > 0) grids.push(await workbook.readSheet(info.name));
  const analysis = analyseWorkbook(grids);
  return computeScorecard(
    { kpis: analysis.records.kpis, metrics: analysis.records.metrics, resolver: analysis.resolver },
    period === undefined ? {} : { period },
  );
}
