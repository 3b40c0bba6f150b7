import type { KpiDefinition } from '../kinds/kpi/types';
import { comparePeriods } from '../parse/period';
import type { Period, Target } from '../parse/types';
import { tidy } from './achievement';
import type { KpiTrend, ScoreRow, TrendDirection, TrendPoint } from './scorecard-types';

/** A trend shows at most this many periods: a year of months, three of quarters. */
export const TREND_PERIODS = 12;

/** A period with metric values, and the departments that have some in it (in order of appearance). */
export interface Slice {
  readonly period: Period;
  readonly key: string;
  readonly departments: readonly string[];
}

export interface TrendInput {
  /** The report's last period: every department × KPI scored in it gets a trend. */
  readonly end: Slice;
  /** Every period with metric values, in time order. */
  readonly history: readonly Slice[];
  /** The scored KPIs, in the report's order. */
  readonly kpis: readonly KpiDefinition[];
  /** The scored rows of one department in one period (one per scored KPI, in the KPIs' order). */
  readonly rowsOf: (period: Period, key: string, department: string) => readonly ScoreRow[];
}

/**
 * Each KPI's achievement over the last periods, per department. The periods are those the metric
 * values give, of the same kind as the end period (a monthly report trends over months), up to
 * it: a month with no values at all is not a period of the trend. A department with no values in
 * one of those periods has an empty point there. What goes in is what the caller may see (the
 * same metric values as the report), so a trend can never reveal more than the scorecard.
 */
export function computeTrends(input: TrendInput): KpiTrend[] {
  const end = input.end.period;
  const window = input.history.filter((s) => s.period.kind === end.kind && comparePeriods(s.period, end) <= 0).slice(-TREND_PERIODS);
  // Sets, not includes(): a report may hold thousands of departments.
  const present = window.map((s) => new Set(s.departments));
  const trends: KpiTrend[] = [];
  for (const department of input.end.departments) {
    // Rows of each period for this department, scored once and read per KPI.
    const byPeriod = window.map((s, i) => (present[i]!.has(department) ? input.rowsOf(s.period, s.key, department) : null));
    input.kpis.forEach((kpi, k) => {
      const points: TrendPoint[] = [];
      window.forEach((s, i) => {
        const row = byPeriod[i]?.[k];
        const achievement = row?.achievement ?? null;
        const previous = points[i - 1]?.achievement ?? null;
        points.push({
          period: s.key,
          actual: row?.actual ?? null,
          achievement,
          change: achievement === null || previous === null ? null : tidy(achievement - previous),
        });
      });
      trends.push(trendOf(department, kpi, points));
    });
  }
  return trends;
}

function trendOf(department: string, kpi: KpiDefinition, points: readonly TrendPoint[]): KpiTrend {
  const direction = directionOf(kpi.target!);
  const last = points[points.length - 1];
  const before = points[points.length - 2];
  const actualChange = last?.actual != null && before?.actual != null ? tidy(last.actual - before.actual) : null;
  const change = last?.change ?? null;
  return {
    department,
    kpi: kpi.name,
    perspective: kpi.perspective,
    direction,
    points,
    change,
    actualChange,
    improved: improvedOf(direction, actualChange, change),
  };
}

function directionOf(target: Target): TrendDirection {
  return target.kind;
}

/**
 * Better than the previous period. The actual value's own movement decides where a direction
 * exists (more is better, less is better, steady growth is more); a range has no better side, so
 * there the achievement, the nearness to the band, decides. Unchanged is not improved.
 */
function improvedOf(direction: TrendDirection, actualChange: number | null, change: number | null): boolean | null {
  switch (direction) {
    case 'higher':
    case 'trend':
      return actualChange === null ? null : actualChange > 0;
    case 'lower':
      return actualChange === null ? null : actualChange < 0;
    case 'range':
      return change === null ? null : change > 0;
  }
}
