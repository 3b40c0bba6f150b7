/** KPI definitions, metric values and dashboard metrics. */
export interface KpiIssueParams {
  'kpi.target-invalid': { input: string };
  'kpi.weight-invalid': { input: string };
  /** Weights of one KPI sheet (one scorecard) must add up to 100%. `total` is a fraction. */
  'kpi.weights-total': { total: number };
  'kpi.perspective-invalid': { input: string };
  'kpi.perspective-missing': { kpi: string };
  'kpi.formula-syntax': { input: string; position: number };
  'kpi.formula-unknown-name': { name: string; closest: string | null };
  'kpi.formula-cycle': { path: string[] };
  'metrics.period-invalid': { input: string };
  'metrics.value-invalid': { input: string };
  'dashboard.target-invalid': { input: string };
}
