import type { Target } from '../parse/types';
import type { ScoringRules } from './scoring-rules';
import type { Status } from './scorecard-types';

/** Floating-point noise must not turn "exactly on target" amber: 0.03/0.03 is 1, not 0.9999999. */
const EPSILON = 1e-9;

/**
 * achievement = actual / target when higher is better, target / actual when lower is better,
 * 1 inside a range and the ratio to the nearer bound outside it, actual / previous for a trend.
 * null when it cannot be computed (no previous period for a trend, a zero base).
 */
export function achievementOf(target: Target, actual: number, previous: number | null, rules: ScoringRules): number | null {
  switch (target.kind) {
    case 'higher':
      if (target.value === 0) return actual >= 0 ? 1 : null;
      return actual / target.value;
    case 'lower':
      // Nothing at all of a thing to keep low (0 complaints) beats any target: count it at the cap.
      if (actual <= 0) return rules.cap;
      return target.value / actual;
    case 'range':
      if (actual >= target.low && actual <= target.high) return 1;
      if (actual < target.low) return target.low === 0 ? null : actual / target.low;
      return actual === 0 ? null : target.high / actual;
    case 'trend':
      if (previous === null || previous === 0) return null;
      return actual / previous;
  }
}

export function statusOf(achievement: number | null, rules: ScoringRules): Status {
  if (achievement === null) return 'none';
  if (achievement >= rules.greenFrom - EPSILON) return 'green';
  if (achievement >= rules.amberFrom - EPSILON) return 'amber';
  return 'red';
}

export function isAward(achievement: number | null, rules: ScoringRules): boolean {
  return achievement !== null && achievement >= rules.awardFrom - EPSILON;
}

/** Results are reported to 1e-9: enough for any KPI, and no 1.0000000000000002 in the JSON. */
export function tidy(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
