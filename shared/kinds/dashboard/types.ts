import type { Target } from '../../parse/types';

export interface DashboardMetric {
  readonly sheet: string;
  readonly row: number;
  readonly metric: string;
  readonly source: string;
  readonly targetText: string;
  readonly target: Target | null;
}
