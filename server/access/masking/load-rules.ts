import { gridFromRows } from '../../../shared/kinds/kind-specs';
import type { SheetGrid } from '../../../shared/table/grid';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import type { Store } from '../../store/store-types';
import { rulesFromClassification, type MaskingRules } from './rules';

/**
 * The masking rules of a workspace, read from every data-classification sheet it stores, parsed
 * by the same shared engine that checks them in Excel. Read per request (a classification synced
 * a second ago applies to the next answer); callers load them only when something is masked.
 */
export async function loadMaskingRules(store: Pick<Store, 'listSheets' | 'pull'>, tenantId: string, workspace: string): Promise<MaskingRules> {
  const sheets = (await store.listSheets(tenantId, workspace)).filter((s) => s.kind === 'classification');
  const grids: SheetGrid[] = [];
  for (const s of sheets) {
    const pulled = await store.pull({ tenantId, workspace, workbook: s.workbook, sheet: s.sheet }, 0);
    if (!pulled || pulled.kind !== 'classification') continue;
    grids.push(gridFromRows(`${s.workbook}/${s.sheet}`, 'classification', pulled.rows.map((r) => r.cells)));
  }
  return rulesFromClassification(analyseWorkbook(grids).records.classifiedFields);
}
