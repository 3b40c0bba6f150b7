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
}
