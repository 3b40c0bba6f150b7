/**
 * The computed Balanced Scorecard, as the CLI prints it (`scorecard --json`), the service
 * answers it and the workbook writer lays it out. Fractions, not percents: 1.04 is 104%.
 */
export const PERSPECTIVES = ['financial', 'customer', 'process', 'learning'] as const;
export type PerspectiveCode = (typeof PERSPECTIVES)[number];

export type Status = 'green' | 'amber' | 'red' | 'none';

export interface ScoreRow {
  /** Canonical period: 2024-03, 2024-Q1, 2024-W09 or 2024. */
  readonly period: string;
  readonly department: string;
  readonly kpi: string;
  /** null when the KPI sheet gives no perspective: the KPI then counts in the overall score only. */
  readonly perspective: PerspectiveCode | null;
  readonly actual: number | null;
  /** The target as written in the KPI sheet, trimmed (e.g. "≥3%", "稳定增长"). */
  readonly target: string;
  readonly achievement: number | null;
  readonly status: Status;
  /** Fraction: 20% is 0.2. */
  readonly weight: number;
  /** weight × min(achievement, cap); null when the KPI took no part. */
  readonly score: number | null;
  readonly award: boolean;
}

export interface PerspectiveScore {
  readonly period: string;
  readonly department: string;
  readonly perspective: PerspectiveCode;
  /** Sum of scores / sum of weights of the KPIs that took part; null when none did. */
  readonly score: number | null;
}

export interface OverallScore {
  readonly period: string;
  readonly department: string;
  readonly score: number | null;
}

export interface ScorecardReport {
  readonly rows: readonly ScoreRow[];
  readonly perspectives: readonly PerspectiveScore[];
  readonly overall: readonly OverallScore[];
  /**
   * Per department and KPI of the report's last period, its trend over the periods before.
   * Always set by computeScorecard; optional so that reports made elsewhere (fixtures, older
   * services) still type-check and read as "no trend".
   */
  readonly trends?: readonly KpiTrend[];
}

/** How a KPI's target reads: which way is better. */
export type TrendDirection = 'higher' | 'lower' | 'range' | 'trend';

/** One period of a KPI's trend, for one department. */
export interface TrendPoint {
  readonly period: string;
  readonly actual: number | null;
  readonly achievement: number | null;
  /** achievement − the previous point's achievement; null when either is missing (or for the first point). */
  readonly change: number | null;
}

/**
 * A KPI's history for one department: achievement in each of the last periods (at most
 * TREND_PERIODS, the periods the metric values give, of the report's last period's kind), up to
 * and including the report's last period.
 */
export interface KpiTrend {
  readonly department: string;
  readonly kpi: string;
  readonly perspective: PerspectiveCode | null;
  readonly direction: TrendDirection;
  /** Oldest first; the last point is the report's last period. */
  readonly points: readonly TrendPoint[];
  /** The last point's change in achievement against the previous period (fraction points: 0.05 is +5 pp). */
  readonly change: number | null;
  /** The last point's change in the actual value against the previous period. */
  readonly actualChange: number | null;
  /**
   * Better than the previous period, by the target's direction: a rise for higher-is-better and
   * steady-growth targets, a fall for lower-is-better ones, closer to the band for a range.
   * null when either period has no value.
   */
  readonly improved: boolean | null;
}
