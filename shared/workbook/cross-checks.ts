import type { Issue } from '../issues/issue';
import type { KpiDefinition } from '../kinds/kpi/types';
import type { ParsedRecords } from '../kinds/rooms';
import type { SheetKind } from '../kinds/sheet-kind';
import type { SheetGrid } from '../table/grid';
import { dataNames } from './data-names';
import { coreFields, leastPrivilegeIssues } from './least-privilege';
import { maskedFieldIssues } from './masked-fields';
import { ownerRoleIssues } from './owner-roles';

/** The access-related checks that need more than one sheet (KPI formulas are checked in analyse.ts). */
export function accessCrossChecks(
  grids: readonly SheetGrid[],
  recognised: ReadonlyMap<string, { readonly kind: SheetKind; readonly headerRow: number }>,
  records: ParsedRecords,
): Issue[] {
  const hasClassification = [...recognised.values()].some((s) => s.kind === 'classification');
  const core = coreFields(records.classifiedFields, hasClassification);
  const issues: Issue[] = [];
  for (const matrix of records.matrices) issues.push(...leastPrivilegeIssues(matrix, core));
  const ownerColumn = (kpi: KpiDefinition) => records.kpiOwnerColumns.get(kpi.sheet) ?? null;
  issues.push(...ownerRoleIssues(records.matrices, records.plans, records.kpis, ownerColumn));
  if (hasClassification) issues.push(...maskedFieldIssues(records.classifiedFields, dataNames(grids, recognised, records)));
  return issues;
}
