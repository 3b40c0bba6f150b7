import type { WorkbookAnalysis } from '../../shared/workbook/analyse';

/**
 * What the nightly run says about reconciliation: how many rules ran and what they found, by
 * issue code. Counts only, never a key or a value, so that it may be logged and kept anywhere.
 */
export interface ReconciliationSummary {
  readonly rules: number;
  readonly errors: number;
  readonly warnings: number;
  /** Issue codes (reconcile.missing-right…) and how often each was found. */
  readonly codes: Readonly<Record<string, number>>;
}

/** null when the workspace has no reconciliation rule. */
export function reconciliationSummary(analysis: WorkbookAnalysis): ReconciliationSummary | null {
  const rules = analysis.records.reconcileRules.length;
  const found = analysis.issues.filter((i) => i.code.startsWith('reconcile.'));
  if (rules === 0 && found.length === 0) return null;
  const codes: Record<string, number> = {};
  for (const i of found) codes[i.code] = (codes[i.code] ?? 0) + 1;
  return {
    rules,
    errors: found.filter((i) => i.severity === 'error').length,
    warnings: found.filter((i) => i.severity === 'warning').length,
    codes,
  };
}
