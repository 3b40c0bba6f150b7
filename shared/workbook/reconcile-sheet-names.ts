import type { SheetGrid } from '../table/grid';
import { matchKey } from '../text/normalize';
import { analyseWorkbook } from './analyse';

/**
 * Whether a sheet is named by a rule of these rule sheets (as the rules find sheets: exactly,
 * folded, or by the part after "workbook › "): what a store needs to load besides the rules.
 */
export function reconcileRuleSheetNames(ruleGrids: readonly SheetGrid[]): (sheetName: string) => boolean {
  const rules = analyseWorkbook(ruleGrids, { partialWorkbook: true }).records.reconcileRules;
  const names = new Set(rules.flatMap((r) => [matchKey(r.left), matchKey(r.right)]));
  return (sheetName) => {
    if (names.has(matchKey(sheetName))) return true;
    const separator = sheetName.lastIndexOf(' › ');
    return separator >= 0 && names.has(matchKey(sheetName.slice(separator + 3)));
  };
}
