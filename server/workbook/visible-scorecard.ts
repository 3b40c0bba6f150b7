import { computeScorecard } from '../../shared/engine/scorecard';
import type { ScorecardReport } from '../../shared/engine/scorecard-types';
import { localizeIssue } from '../../shared/i18n/messages';
import type { Locale } from '../../shared/i18n/locale';
import { gridFromRows as gridOfKind } from '../../shared/kinds/kind-specs';
import type { SheetGrid } from '../../shared/table/grid';
import { analyseWorkbook, type WorkbookAnalysis } from '../../shared/workbook/analyse';
import type { CallerView } from '../access/masking/caller-view';
import { localDate } from '../clock/local-date';
import { reconcileGrids } from '../schedule/reconcile-grids';
import { gridFromRows, isScorecardKind } from '../schedule/stored-grids';
import type { SheetSummary, Store } from '../store/store-types';
import { firstSchedulablePlan } from './plan-for-sheet';
import type { ScorecardWorkbookInput } from './scorecard-writer';

/**
 * The scorecard as one caller may see it: the GET scorecard routes (JSON and workbook) and the
 * e-mailed subscriptions all come through here, so a manager's mailed workbook is made exactly
 * as their own download would be. For an own-department role only their department's metric
 * values go in (KPI definitions are the reference every department is scored against), and
 * masked values for a masked role: neither numbers nor issues can reveal more.
 */

export interface SheetRevision {
  readonly workbook: string;
  readonly sheet: string;
  readonly revision: number;
}

export interface VisibleSheets {
  readonly grids: SheetGrid[];
  /** The revision of every sheet read, for the record of what a scorecard was computed from. */
  readonly revisions: SheetRevision[];
}

/**
 * The workspace's sheets of these kinds, as this caller may see them, rebuilt as grids. A sheet
 * name repeated across workbooks is prefixed with its workbook: issues are told by sheet name.
 */
export async function visibleGrids(store: Pick<Store, 'listSheets' | 'pull'>, view: CallerView, tenantId: string, withPlan: boolean): Promise<VisibleSheets> {
  const listed = await store.listSheets(tenantId, view.access.workspace);
  const wanted = (s: SheetSummary): boolean => isScorecardKind(s.kind) || (withPlan && s.kind === 'gantt');
  const sheets = listed.filter(wanted);
  const counts = new Map<string, number>();
  for (const s of sheets) counts.set(s.sheet, (counts.get(s.sheet) ?? 0) + 1);
  const grids: SheetGrid[] = [];
  const revisions: SheetRevision[] = [];
  for (const s of sheets) {
    const pulled = await store.pull({ tenantId, workspace: view.access.workspace, workbook: s.workbook, sheet: s.sheet }, 0);
    // Deleted or re-kinded between the listing and the pull: not one of these sheets now.
    if (!pulled || pulled.kind !== s.kind) continue;
    revisions.push({ workbook: s.workbook, sheet: s.sheet, revision: pulled.revision });
    const name = (counts.get(s.sheet) ?? 0) > 1 ? `${s.workbook} › ${s.sheet}` : s.sheet;
    const kind = pulled.kind;
    if (isScorecardKind(kind)) {
      grids.push(gridFromRows(name, kind, await view.rows(kind, pulled.rows, { reference: kind === 'kpi' })));
    } else {
      const rows = await view.rows(kind, pulled.rows);
      grids.push(gridOfKind(name, kind, rows.filter((r) => !r.deleted).map((r) => r.cells)));
    }
  }
  // The workspace's reconciliation rules and the sheets they name: their findings are issues too.
  const allCounts = new Map<string, number>();
  for (const s of listed) allCounts.set(s.sheet, (allCounts.get(s.sheet) ?? 0) + 1);
  const nameOf = (s: SheetSummary): string => ((allCounts.get(s.sheet) ?? 0) > 1 ? `${s.workbook} › ${s.sheet}` : s.sheet);
  grids.push(...(await reconcileGrids(store, view, tenantId, view.access.workspace, listed, wanted, nameOf)));
  return { grids, revisions };
}

export function scorecardOf(analysis: WorkbookAnalysis, period: string | undefined): ScorecardReport {
  return computeScorecard(
    { kpis: analysis.records.kpis, metrics: analysis.records.metrics, resolver: analysis.resolver },
    period === undefined ? {} : { period },
  );
}

export interface CallerWorkbook {
  readonly input: ScorecardWorkbookInput;
  readonly revisions: SheetRevision[];
  /** KPI definitions the caller may see: none means there is no scorecard to show them. */
  readonly kpiCount: number;
}

/** What the scorecard workbook of this caller holds, ready for the writer. */
export async function callerWorkbook(
  store: Pick<Store, 'listSheets' | 'pull'>,
  view: CallerView,
  tenantId: string,
  options: { readonly locale: Locale; readonly now: Date; readonly period?: string },
): Promise<CallerWorkbook> {
  // A plan belongs to no department: only roles with a global scope see it.
  const withPlan = view.access.scope.kind === 'global';
  const { grids, revisions } = await visibleGrids(store, view, tenantId, withPlan);
  const analysis = analyseWorkbook(grids, { today: localDate(options.now) });
  const report = scorecardOf(analysis, options.period);
  const issues = analysis.issues.map((i) => localizeIssue(i, options.locale));
  const plan = withPlan ? firstSchedulablePlan(analysis) : null;
  return {
    input: { report, issues, locale: options.locale, title: view.access.workspace, generatedAt: options.now.toISOString(), ...(plan ? { plan } : {}) },
    revisions,
    kpiCount: analysis.records.kpis.length,
  };
}
