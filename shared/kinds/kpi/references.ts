import { formulaNames } from '../../parse/formula';
import type { Expr } from '../../parse/types';
import { matchKey } from '../../text/normalize';
import type { KpiDefinition } from './types';

/**
 * What a name in a formula refers to. Base metrics win over KPIs of the same name, so that a
 * KPI named like the metric it reports ("日增用户数" = 今日新注册数, or no formula at all) reads
 * the metric instead of itself.
 */
export type NameTarget = { kind: 'metric'; key: string } | { kind: 'kpi'; kpi: KpiDefinition } | { kind: 'unknown' };

export class NameResolver {
  private readonly kpis = new Map<string, KpiDefinition>();

  constructor(
    private readonly metricKeys: ReadonlySet<string>,
    kpis: readonly KpiDefinition[],
  ) {
    for (const kpi of kpis) this.kpis.set(matchKey(kpi.name), kpi);
  }

  resolve(name: string): NameTarget {
    const key = matchKey(name);
    if (this.metricKeys.has(key)) return { kind: 'metric', key };
    const kpi = this.kpis.get(key);
    if (kpi) return { kind: 'kpi', kpi };
    return { kind: 'unknown' };
  }

  /** The expression a KPI is computed by: its formula, or the metric of its own name. */
  expressionOf(kpi: KpiDefinition): Expr | null {
    if (kpi.formula) return kpi.formula;
    if (!kpi.formulaValid) return null;
    return { type: 'name', name: kpi.name };
  }

  /** KPIs that a KPI's formula refers to (not counting the metric of its own name). */
  kpiDependencies(kpi: KpiDefinition): KpiDefinition[] {
    if (!kpi.formula) return [];
    const out: KpiDefinition[] = [];
    for (const name of formulaNames(kpi.formula)) {
      const target = this.resolve(name);
      if (target.kind === 'kpi') out.push(target.kpi);
    }
    return out;
  }
}
