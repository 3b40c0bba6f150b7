import { gridFromRows as gridOfKind } from '../../shared/kinds/kind-specs';
import { reconcileRuleSheetNames } from '../../shared/workbook/reconcile-sheet-names';
import type { SheetGrid } from '../../shared/table/grid';
import type { CallerView } from '../access/masking/caller-view';
import type { SheetSummary, Store } from '../store/store-types';

/**
 * The stored sheets reconciliation needs beyond those already loaded: every reconciliation
 * rule sheet of the workspace, and the sheets its rules name (any kind), as this view may see
 * them, rebuilt as grids by each kind's own headers. `loaded` says which stored sheets the
 * caller already has (by workbook and sheet), and `nameOf` how sheets are named in the
 * analysis (a name repeated across workbooks is prefixed with its workbook), so a rule finds a
 * sheet by the name the analysis gives it.
 */
export async function reconcileGrids(
  store: Pick<Store, 'pull'>,
  view: CallerView,
  tenantId: string,
  workspace: string,
  listed: readonly SheetSummary[],
  loaded: (s: SheetSummary) => boolean,
  nameOf: (s: SheetSummary) => string,
): Promise<SheetGrid[]> {
  const load = async (s: SheetSummary): Promise<SheetGrid | null> => {
    const pulled = await store.pull({ tenantId, workspace, workbook: s.workbook, sheet: s.sheet }, 0);
    // Deleted or re-kinded between the listing and the pull: not this sheet any more.
    if (!pulled || pulled.kind !== s.kind) return null;
    const rows = await view.rows(pulled.kind, pulled.rows);
    return gridOfKind(nameOf(s), pulled.kind, rows.filter((r) => !r.deleted).map((r) => r.cells));
  };
  const ruleSheets = listed.filter((s) => s.kind === 'reconcile');
  if (ruleSheets.length === 0) return [];
  const grids: SheetGrid[] = [];
  for (const s of ruleSheets) {
    if (loaded(s)) continue;
    const grid = await load(s);
    if (grid) grids.push(grid);
  }
  const named = reconcileRuleSheetNames(grids);
  for (const s of listed) {
    if (s.kind === 'reconcile' || loaded(s) || !named(nameOf(s))) continue;
    const grid = await load(s);
    if (grid) grids.push(grid);
  }
  return grids;
}
