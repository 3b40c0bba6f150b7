import { issue, type Issue } from '../../issues/issue';
import { formulaNames } from '../../parse/formula';
import { cellAddress } from '../../table/address';
import { matchKey } from '../../text/normalize';
import { closestName, suggestionBudget } from '../../text/similar';
import type { NameResolver } from './references';
import type { KpiDefinition } from './types';

/**
 * Cross-sheet checks of KPI formulas: every name is a metric or a KPI, and no KPI depends on
 * itself through others. Unknown names are only reported when the workbook has metric values
 * to check against: a KPI sheet on its own cannot know its metrics.
 */
export function checkFormulas(
  kpis: readonly KpiDefinition[],
  formulaCol: (kpi: KpiDefinition) => number | null,
  resolver: NameResolver,
  metricNames: readonly string[] | null,
): Issue[] {
  const issues: Issue[] = [];
  if (metricNames) {
    const candidates = [...metricNames, ...kpis.map((k) => k.name)];
    // One budget for every suggestion of the workbook's formulas (see SuggestionBudget).
    const budget = suggestionBudget();
    for (const kpi of kpis) {
      if (!kpi.formula) continue;
      const col = formulaCol(kpi);
      if (col === null) continue;
      for (const name of formulaNames(kpi.formula)) {
        if (resolver.resolve(name).kind !== 'unknown') continue;
        issues.push(
          issue('kpi.formula-unknown-name', 'error', kpi.sheet, cellAddress(kpi.row, col), {
            name,
            closest: closestName(name, candidates.filter((c) => matchKey(c) !== matchKey(kpi.name)), budget),
          }),
        );
      }
    }
  }
  for (const cycle of findCycles(kpis, resolver)) {
    const first = cycle[0]!;
    const col = formulaCol(first);
    issues.push(
      issue('kpi.formula-cycle', 'error', first.sheet, cellAddress(first.row, col ?? 0), {
        path: [...cycle.map((k) => k.name), first.name],
      }),
    );
  }
  return issues;
}

/** Each cycle once, in dependency order, found by depth-first search with colouring. */
function findCycles(kpis: readonly KpiDefinition[], resolver: NameResolver): KpiDefinition[][] {
  const state = new Map<KpiDefinition, 'open' | 'done'>();
  const cycles: KpiDefinition[][] = [];
  const stack: KpiDefinition[] = [];
  const visit = (kpi: KpiDefinition): void => {
    state.set(kpi, 'open');
    stack.push(kpi);
    for (const dep of resolver.kpiDependencies(kpi)) {
      const s = state.get(dep);
      if (s === 'open') cycles.push(stack.slice(stack.indexOf(dep)));
      else if (s === undefined) visit(dep);
    }
    stack.pop();
    state.set(kpi, 'done');
  };
  for (const kpi of kpis) if (!state.has(kpi)) visit(kpi);
  return cycles;
}
