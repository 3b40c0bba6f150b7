import { PERSPECTIVES, type ScorecardReport } from '../../shared/engine/scorecard-types';
import type { Locale } from '../../shared/i18n/locale';
import { perspectiveLabel } from '../../shared/parse/perspective';
import type { Box } from './a1';
import { WORKBOOK_LABELS } from './labels';
import type { WrittenValue } from './text-safe';

/**
 * The Scorecard sheet as data, from A1: a title, the overview (period × department, one
 * column per perspective and the overall score), then one row per KPI. Latest period first,
 * so the chart's source (the latest period's departments) is the block under the overview
 * header.
 */
export interface ScorecardLayout {
  readonly rows: readonly (readonly WrittenValue[])[];
  /** The number format of each number cell (null: leave; text cells are made Text separately). */
  readonly numberFormats: readonly (readonly (string | null)[])[];
  readonly width: number;
  readonly headerRows: readonly number[];
  /** The perspective and overall scores, for the traffic-light icons. */
  readonly scores: Box | null;
  /** The KPI status column, for red / amber / green fills. */
  readonly statuses: Box | null;
  readonly chart: { readonly source: Box; readonly title: string; readonly from: string; readonly to: string } | null;
}

/** More bars than this make the chart unreadable; the table has them all. */
export const MAX_CHART_DEPARTMENTS = 12;

const SCORE = '0.0%';

export function scorecardLayout(report: ScorecardReport, locale: Locale): ScorecardLayout {
  const labels = WORKBOOK_LABELS[locale].scorecard;
  const detailHeader: WrittenValue[] = [...labels.detail];
  const width = detailHeader.length;
  const rows: WrittenValue[][] = [[labels.title]];
  const formats: (string | null)[][] = [[null]];
  const push = (row: WrittenValue[], format: (string | null)[] = []): void => {
    rows.push(row);
    formats.push(format);
  };
  if (report.rows.length === 0 && report.overall.length === 0) {
    push([labels.empty]);
    return { rows, numberFormats: formats, width, headerRows: [], scores: null, statuses: null, chart: null };
  }

  const byPeriod = (a: { period: string; department: string }, b: { period: string; department: string }): number =>
    a.period === b.period ? a.department.localeCompare(b.department) : a.period < b.period ? 1 : -1;
  const keys = new Map<string, { period: string; department: string }>();
  for (const x of [...report.overall, ...report.perspectives]) keys.set(`${x.period}\u0000${x.department}`, { period: x.period, department: x.department });
  const groups = [...keys.values()].sort(byPeriod);
  const perspective = new Map(report.perspectives.map((p) => [`${p.period}\u0000${p.department}\u0000${p.perspective}`, p.score]));
  const overall = new Map(report.overall.map((o) => [`${o.period}\u0000${o.department}`, o.score]));

  push([]);
  const overviewHeader = rows.length;
  push([labels.overview[0], labels.overview[1], ...PERSPECTIVES.map((p) => perspectiveLabel(p, locale)), labels.overview[2]]);
  const firstGroup = rows.length;
  for (const g of groups) {
    const k = `${g.period}\u0000${g.department}`;
    const scores = PERSPECTIVES.map((p) => perspective.get(`${k}\u0000${p}`) ?? null);
    push([g.period, g.department, ...scores, overall.get(k) ?? null], [null, null, SCORE, SCORE, SCORE, SCORE, SCORE]);
  }
  const lastGroup = rows.length - 1;

  push([]);
  const detailHeaderRow = rows.length;
  push(detailHeader);
  const firstKpi = rows.length;
  const kpis = [...report.rows].sort(byPeriod);
  for (const r of kpis) {
    push(
      [
        r.period,
        r.department,
        r.kpi,
        r.perspective ? perspectiveLabel(r.perspective, locale) : null,
        r.actual,
        r.target,
        r.achievement,
        labels.statuses[r.status],
        r.weight,
        r.score,
        r.award ? labels.awardMark : null,
      ],
      [null, null, null, null, null, null, SCORE, null, '0%', SCORE, null],
    );
  }
  const lastKpi = rows.length - 1;

  const latest = groups[0]?.period;
  const latestCount = Math.min(groups.filter((g) => g.period === latest).length, MAX_CHART_DEPARTMENTS);
  const chart =
    latest !== undefined && latestCount > 0
      ? {
          source: { top: overviewHeader, left: 0, bottom: overviewHeader + latestCount, right: 1 + PERSPECTIVES.length },
          title: labels.chartTitle(latest),
          from: `I${overviewHeader + 1}`,
          to: `P${overviewHeader + 18}`,
        }
      : null;
  return {
    rows,
    numberFormats: formats,
    width,
    headerRows: [overviewHeader, detailHeaderRow],
    scores: lastGroup >= firstGroup ? { top: firstGroup, left: 2, bottom: lastGroup, right: 2 + PERSPECTIVES.length } : null,
    statuses: lastKpi >= firstKpi ? { top: firstKpi, left: 7, bottom: lastKpi, right: 7 } : null,
    chart,
  };
}
