import type { PerspectiveCode } from '../../engine/scorecard-types';
import type { Expr, Target } from '../../parse/types';

/** One KPI definition row, parsed. Fields that did not parse are null (and have an issue). */
export interface KpiDefinition {
  readonly sheet: string;
  readonly row: number;
  readonly name: string;
  readonly formulaText: string;
  /** null when the formula is empty (the KPI takes the metric of its own name) or did not parse. */
  readonly formula: Expr | null;
  readonly formulaValid: boolean;
  readonly targetText: string;
  readonly target: Target | null;
  readonly weight: number | null;
  readonly perspective: PerspectiveCode | null;
  readonly owner: string;
  readonly unit: string;
}
