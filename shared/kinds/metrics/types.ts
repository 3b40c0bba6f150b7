import type { Period } from '../../parse/types';

export interface MetricValue {
  readonly sheet: string;
  readonly row: number;
  readonly period: Period;
  /** Canonical form: 2024-03, 2024-Q1, 2024-W09, 2024. */
  readonly periodKey: string;
  readonly department: string;
  readonly metric: string;
  readonly value: number;
}
