import { sortIssues, type Issue } from '../issues/issue';
import { KIND_ROOMS, emptyRecords, type KindRoom, type ParsedRecords } from '../kinds/rooms';
import type { AnalyseOptions } from '../kinds/context';
import { checkFormulas } from '../kinds/kpi/formula-checks';
import { NameResolver } from '../kinds/kpi/references';
import type { MetricValue } from '../kinds/metrics/types';
import type { SheetKind } from '../kinds/sheet-kind';
import type { HeaderMatch } from '../table/locate';
import type { SheetGrid } from '../table/grid';
import { matchKey } from '../text/normalize';
import { reconcileIssues } from '../reconcile/workbook-reconcile';
import { accessCrossChecks } from './cross-checks';

export type { AnalyseOptions } from '../kinds/context';

export interface RecognisedSheet {
  readonly name: string;
  readonly kind: SheetKind;
}

export interface WorkbookAnalysis {
  readonly sheets: readonly RecognisedSheet[];
  readonly issues: readonly Issue[];
  readonly records: ParsedRecords;
  readonly resolver: NameResolver;
}

/** The kind whose header row matches the most columns; ties go to the earlier row, then room order. */
export function recogniseSheet(grid: SheetGrid): { room: KindRoom; header: HeaderMatch<string> } | null {
  let best: { room: KindRoom; header: HeaderMatch<string> } | null = null;
  for (const room of KIND_ROOMS) {
    const header = room.find(grid);
    if (!header) continue;
    if (!best || header.matched > best.header.matched || (header.matched === best.header.matched && header.row < best.header.row)) {
      best = { room, header };
    }
  }
  return best;
}

/**
 * Recognise, parse and check every sheet of a workbook, then check across sheets. `today` (the
 * caller's local date) enables the overdue check; shared code never reads a clock.
 */
export function analyseWorkbook(grids: readonly SheetGrid[], options: AnalyseOptions = {}): WorkbookAnalysis {
  const records = emptyRecords();
  const sheets: RecognisedSheet[] = [];
  const recognised = new Map<string, { kind: SheetKind; headerRow: number }>();
  const issues: Issue[] = [];
  for (const grid of grids) {
    const found = recogniseSheet(grid);
    if (!found) continue;
    sheets.push({ name: grid.name, kind: found.room.kind });
    recognised.set(grid.name, { kind: found.room.kind, headerRow: found.header.row });
    append(issues, found.room.collect(grid, found.header, records, options));
  }

  const metricNames = distinctNames(records.metrics);
  const resolver = new NameResolver(new Set(metricNames.map(matchKey)), records.kpis);
  const hasMetricSheet = sheets.some((s) => s.kind === 'metrics');
  issues.push(
    ...checkFormulas(
      records.kpis,
      (kpi) => records.kpiFormulaColumns.get(kpi.sheet) ?? null,
      resolver,
      hasMetricSheet ? metricNames : null,
    ),
  );
  append(issues, accessCrossChecks(grids, recognised, records));
  // A synced sheet checked alone is not the workbook: the sheets its rules name are elsewhere.
  if (!options.partialWorkbook) append(issues, reconcileIssues(grids, recognised, records.reconcileRules));
  return { sheets, issues: sortIssues(issues, grids.map((g) => g.name)), records, resolver };
}

/** Each metric name once, as first written, folded names being one. */
function distinctNames(metrics: readonly MetricValue[]): string[] {
  const seen = new Map<string, string>();
  for (const { metric } of metrics) {
    const key = matchKey(metric);
    if (!seen.has(key)) seen.set(key, metric);
  }
  return [...seen.values()];
}

/** `into.push(...items)` passes each item as an argument: a sheet with 100k issues overflowed the stack. */
function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}
