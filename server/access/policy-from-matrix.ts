import { compilePolicy, type MatrixRow, type Policy } from '../../shared/engine/policy';
import { gridFromRows } from '../../shared/kinds/kind-specs';
import { analysePermissionSheet } from '../../shared/kinds/permissions/analyse';
import { PERMISSION_SPEC } from '../../shared/kinds/permissions/spec';
import type { CellValue } from '../../shared/table/grid';
import { findHeader, readTable } from '../../shared/table/locate';

type Cells = Readonly<Record<string, CellValue>>;

/**
 * The policy that stored matrix rows compile to, parsed by the same shared engine the add-in
 * checks the matrix with. A row whose scope did not parse grants nothing (fail closed).
 */
export function policyFromMatrixRows(rows: readonly Cells[]): Policy {
  const grid = gridFromRows('matrix', 'permissions', rows);
  const header = findHeader(grid, PERMISSION_SPEC);
  if (header === null) return compilePolicy([]);
  const { records } = analysePermissionSheet(readTable(grid, header));
  const matrix: MatrixRow[] = records.flatMap((r) => (r.scope === null ? [] : [{ role: r.role, scope: r.scope, operations: r.operations, members: r.members }]));
  return compilePolicy(matrix);
}
