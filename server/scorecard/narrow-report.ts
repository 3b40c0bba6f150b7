import type { PerspectiveCode, ScorecardReport } from '../../shared/engine/scorecard-types';

/**
 * A narrower report than the caller's view allows: some departments, some perspectives (a
 * subscription's `departments` and `perspectives`). It only takes away from a report already
 * computed from the rows the caller may see, so it can never widen what they receive.
 */
export interface ReportNarrowing {
  /** Only these departments; absent: every department of the report. */
  readonly departments?: readonly string[];
  /** Only these perspectives (and so no KPI without one); absent: all of them. */
  readonly perspectives?: readonly PerspectiveCode[];
}

export function narrowReport(report: ScorecardReport, narrowing: ReportNarrowing): ScorecardReport {
  const departments = narrowing.departments ? new Set(narrowing.departments) : null;
  const perspectives = narrowing.perspectives ? new Set<string>(narrowing.perspectives) : null;
  const inDepartment = (d: string): boolean => departments === null || departments.has(d);
  const inPerspective = (p: string | null): boolean => perspectives === null || (p !== null && perspectives.has(p));
  return {
    rows: report.rows.filter((r) => inDepartment(r.department) && inPerspective(r.perspective)),
    perspectives: report.perspectives.filter((p) => inDepartment(p.department) && inPerspective(p.perspective)),
    overall: report.overall.filter((o) => inDepartment(o.department)),
    ...(report.trends ? { trends: report.trends.filter((t) => inDepartment(t.department) && inPerspective(t.perspective)) } : {}),
  };
}

/** The same narrowing always written alike (sorted, without repeats), for a cache key; '' for none. */
export function narrowingKey(narrowing: ReportNarrowing | undefined): string {
  if (narrowing === undefined || (narrowing.departments === undefined && narrowing.perspectives === undefined)) return '';
  const canonical = (list: readonly string[] | undefined): string[] | null => (list === undefined ? null : [...new Set(list)].sort());
  return JSON.stringify([canonical(narrowing.departments), canonical(narrowing.perspectives)]);
}
