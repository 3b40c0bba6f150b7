import type { KpiDefinition } from '../kinds/kpi/types';
import type { NameResolver } from '../kinds/kpi/references';
import type { MetricValue } from '../kinds/metrics/types';
import { evaluateFormula } from '../parse/formula';
import { comparePeriods, formatPeriod, previousPeriod } from '../parse/period';
import type { Period } from '../parse/types';
import { matchKey } from '../text/normalize';
import { achievementOf, isAward, statusOf, tidy } from './achievement';
import type { OverallScore, PerspectiveCode, PerspectiveScore, ScoreRow, ScorecardReport } from './scorecard-types';
import { PERSPECTIVES } from './scorecard-types';
import { DEFAULT_RULES, type ScoringRules } from './scoring-rules';
import { computeTrends, type Slice } from './trend';

export interface ScorecardInput {
  readonly kpis: readonly KpiDefinition[];
  readonly metrics: readonly MetricValue[];
  readonly resolver: NameResolver;
}

export interface ScorecardOptions {
  /** Only this canonical period (2024-03, 2024-Q1…); the previous one is still read for trends. */
  readonly period?: string;
  readonly rules?: ScoringRules;
}

/** Metric values by period, then department, then folded metric name: one lookup per slice. */
class MetricIndex {
  private readonly byPeriod = new Map<string, Map<string, Map<string, number>>>();

  constructor(metrics: readonly MetricValue[]) {
    for (const m of metrics) {
      let byDepartment = this.byPeriod.get(m.periodKey);
      if (!byDepartment) this.byPeriod.set(m.periodKey, (byDepartment = new Map()));
      let values = byDepartment.get(m.department);
      if (!values) byDepartment.set(m.department, (values = new Map()));
      values.set(matchKey(m.metric), m.value);
    }
  }

  slice(period: string, department: string): ReadonlyMap<string, number> | undefined {
    return this.byPeriod.get(period)?.get(department);
  }
}

/** KPIs' actual values in one period and department: each formula over that slice's metrics. */
class SliceEvaluator {
  private readonly memo = new Map<KpiDefinition, number | null>();
  private readonly visiting = new Set<KpiDefinition>();

  constructor(
    private readonly values: ReadonlyMap<string, number> | undefined,
    private readonly resolver: NameResolver,
  ) {}

  actual(kpi: KpiDefinition): number | null {
    const cached = this.memo.get(kpi);
    if (cached !== undefined) return cached;
    const expr = this.resolver.expressionOf(kpi);
    if (!expr || !this.values || this.visiting.has(kpi)) return null; // a cycle is reported by the checks; it has no value
    this.visiting.add(kpi);
    const result = evaluateFormula(expr, (name) => {
      const target = this.resolver.resolve(name);
      if (target.kind === 'metric') return this.values!.get(target.key);
      if (target.kind === 'kpi') return this.actual(target.kpi) ?? undefined;
      return undefined;
    });
    this.visiting.delete(kpi);
    const value = result.ok && Number.isFinite(result.value) ? result.value : null;
    this.memo.set(kpi, value);
    return value;
  }
}

/** Periods and departments that have metric values, in time order and in order of appearance. */
function slices(metrics: readonly MetricValue[], onlyPeriod: string | undefined): Slice[] {
  const byPeriod = new Map<string, { period: Period; key: string; seen: Set<string> }>();
  for (const m of metrics) {
    if (onlyPeriod !== undefined && m.periodKey !== onlyPeriod) continue;
    let slice = byPeriod.get(m.periodKey);
    if (!slice) byPeriod.set(m.periodKey, (slice = { period: m.period, key: m.periodKey, seen: new Set() }));
    slice.seen.add(m.department); // a Set keeps the order of first appearance
  }
  return [...byPeriod.values()]
    .sort((a, b) => comparePeriods(a.period, b.period))
    .map((s) => ({ period: s.period, key: s.key, departments: [...s.seen] }));
}

interface Scoring {
  readonly index: MetricIndex;
  readonly resolver: NameResolver;
  /** KPIs with a target and a weight: the ones that are scored. */
  readonly scored: readonly KpiDefinition[];
  readonly rules: ScoringRules;
}

interface DepartmentScore {
  readonly rows: ScoreRow[];
  /** Exact (untidied) score and weight sums by perspective, null for KPIs without one. */
  readonly sums: Map<PerspectiveCode | null, { score: number; weight: number }>;
}

/** Every scored KPI of one department in one period. */
function scoreDepartment(scoring: Scoring, period: Period, key: string, department: string): DepartmentScore {
  const { rules } = scoring;
  const here = new SliceEvaluator(scoring.index.slice(key, department), scoring.resolver);
  // Trend targets compare with the previous period; its evaluator is made only when needed.
  let before: SliceEvaluator | null = null;
  const sums = new Map<PerspectiveCode | null, { score: number; weight: number }>();
  const rows: ScoreRow[] = [];
  for (const kpi of scoring.scored) {
    const target = kpi.target!;
    const weight = kpi.weight!;
    const actual = here.actual(kpi);
    let previous: number | null = null;
    if (target.kind === 'trend') {
      before ??= new SliceEvaluator(scoring.index.slice(formatPeriod(previousPeriod(period)), department), scoring.resolver);
      previous = before.actual(kpi);
    }
    const raw = actual === null ? null : achievementOf(target, actual, previous, rules);
    const exact = raw === null || !Number.isFinite(raw) ? null : raw;
    const achievement = exact === null ? null : tidy(exact);
    // Sums use the exact score; only what is reported is tidied, so rounding never compounds.
    const exactScore = exact === null ? null : weight * Math.min(exact, rules.cap);
    const score = exactScore === null ? null : tidy(exactScore);
    if (exactScore !== null) {
      const sum = sums.get(kpi.perspective) ?? { score: 0, weight: 0 };
      sum.score += exactScore;
      sum.weight += weight;
      sums.set(kpi.perspective, sum);
    }
    rows.push({
      period: key,
      department,
      kpi: kpi.name,
      perspective: kpi.perspective,
      actual: actual === null ? null : tidy(actual),
      target: kpi.targetText,
      achievement,
      status: statusOf(exact, rules),
      weight,
      score,
      award: isAward(exact, rules),
    });
  }
  return { rows, sums };
}

/** The Balanced Scorecard of PRODUCT.md's scoring rules, for every period and department with data. */
export function computeScorecard(input: ScorecardInput, options: ScorecardOptions = {}): ScorecardReport {
  const rules = options.rules ?? DEFAULT_RULES;
  const scored = input.kpis.filter((k) => k.target !== null && k.weight !== null);
  const scoring: Scoring = { index: new MetricIndex(input.metrics), resolver: input.resolver, scored, rules };
  const perspectivesUsed = PERSPECTIVES.filter((p) => scored.some((k) => k.perspective === p));

  const rows: ScoreRow[] = [];
  const perspectives: PerspectiveScore[] = [];
  const overall: OverallScore[] = [];

  // Rows already scored, by period and department: the trends read them again rather than rescoring.
  const scoredRows = new Map<string, readonly ScoreRow[]>();
  const sliceKey = (key: string, department: string) => `${key}\u0000${department}`;
  const reported = slices(input.metrics, options.period);
  for (const slice of reported) {
    for (const department of slice.departments) {
      const scoredHere = scoreDepartment(scoring, slice.period, slice.key, department);
      scoredRows.set(sliceKey(slice.key, department), scoredHere.rows);
      rows.push(...scoredHere.rows);
      const sums = scoredHere.sums;
      for (const perspective of perspectivesUsed) {
        const sum = sums.get(perspective);
        perspectives.push({
          period: slice.key,
          department,
          perspective,
          score: sum && sum.weight > 0 ? tidy(sum.score / sum.weight) : null,
        });
      }
      let score = 0;
      let weight = 0;
      for (const sum of sums.values()) {
        score += sum.score;
        weight += sum.weight;
      }
      overall.push({ period: slice.key, department, score: weight > 0 ? tidy(score / weight) : null });
    }
  }
  const last = reported[reported.length - 1];
  const trends = last
    ? computeTrends({
        end: last,
        history: slices(input.metrics, undefined),
        kpis: scored,
        rowsOf: (period, key, department) => scoredRows.get(sliceKey(key, department)) ?? scoreDepartment(scoring, period, key, department).rows,
      })
    : [];
  return { rows, perspectives, overall, trends };
}
