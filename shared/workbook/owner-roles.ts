import { issue, type Issue } from '../issues/issue';
import type { GanttPlan } from '../kinds/gantt/types';
import type { KpiDefinition } from '../kinds/kpi/types';
import { ownersOf } from '../kinds/permissions/members';
import type { PermissionMatrix } from '../kinds/permissions/types';
import { cellAddress } from '../table/address';

/**
 * Gantt and KPI owners who are members of no role. Only when the workbook has a matrix that
 * lists members at all: a matrix without members (the handbook's) says nobody holds any role,
 * which role-without-members already reports once per role rather than once per owner. Each
 * owner is reported once per sheet, at the first cell naming them.
 */
export function ownerRoleIssues(
  matrices: readonly PermissionMatrix[],
  plans: readonly GanttPlan[],
  kpis: readonly KpiDefinition[],
  kpiOwnerColumn: (kpi: KpiDefinition) => number | null,
): Issue[] {
  const held = new Set<string>();
  for (const m of matrices) for (const r of m.rows) for (const k of r.memberKeys) held.add(k);
  if (held.size === 0) return [];
  const matrix = matrices.map((m) => m.sheet).join(', ');

  const issues: Issue[] = [];
  const reported = new Set<string>();
  const check = (sheet: string, ownerCell: string, cell: string) => {
    for (const { owner, keys } of ownersOf(ownerCell)) {
      if (keys.some((k) => held.has(k))) continue;
      const once = `${sheet}\u0000${keys[0] ?? owner}`;
      if (reported.has(once)) continue;
      reported.add(once);
      issues.push(issue('access.owner-without-role', 'warning', sheet, cell, { owner, matrix }));
    }
  };
  for (const plan of plans) for (const t of plan.tasks) check(plan.sheet, t.owner, t.cells.owner);
  for (const kpi of kpis) {
    const col = kpiOwnerColumn(kpi);
    if (col !== null) check(kpi.sheet, kpi.owner, cellAddress(kpi.row, col));
  }
  return issues;
}
