import { gridFromRows } from '../../../shared/kinds/kind-specs';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import type { Store } from '../../store/store-types';
import { rulesFromClassification, type MaskingRules } from './rules';

/**
 * The masking rules of a workspace, read from its designated data-classification sheet (the one
 * an administrator pushed first, or designated since; any other classification sheet is
 * ordinary data), parsed by the same shared engine that checks it in Excel. Without one, the
 * rules are the fail-closed defaults. Read per request (a classification synced a second ago
 * applies to the next answer); callers load them only when something is masked.
 */
export async function loadMaskingRules(store: Pick<Store, 'pull' | 'getGovernanceSources'>, tenantId: string, workspace: string): Promise<MaskingRules> {
  const source = (await store.getGovernanceSources(tenantId, workspace)).classification;
  if (source === null) return rulesFromClassification([]);
  const pulled = await store.pull({ tenantId, workspace, workbook: source.workbook, sheet: source.sheet }, 0);
  if (!pulled || pulled.kind !== 'classification') return rulesFromClassification([]);
  const grid = gridFromRows(`${source.workbook}/${source.sheet}`, 'classification', pulled.rows.filter((r) => !r.deleted).map((r) => r.cells));
  return rulesFromClassification(analyseWorkbook([grid]).records.classifiedFields);
}
