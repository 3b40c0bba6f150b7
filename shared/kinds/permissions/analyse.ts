import { parseMembers, parseOperations, parseScope, subjectsOf } from '../../engine/policy';
import { issue, type Issue } from '../../issues/issue';
import { addressOf, cellText, type LocatedTable } from '../../table/locate';
import { KeyRegistry, requiredCells } from '../row-checks';
import { memberKeys } from './members';
import type { PermissionField } from './spec';
import type { MatrixRecord } from './types';

/**
 * A permission matrix → its role rows, and the issues of its cells: scopes and operations from
 * the closed vocabulary, one role per row. Least-privilege findings need the workbook's data
 * classification (which fields are core), so they are made across sheets (workbook/cross-checks).
 */
export function analysePermissionSheet(table: LocatedTable<PermissionField>): { records: MatrixRecord[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const records: MatrixRecord[] = [];
  const keys = new KeyRegistry(table, 'role');
  for (const row of table.rows) {
    if (!requiredCells(table, row, ['role', 'scope', 'operations'], issues) && row.cells.role === undefined) continue;
    const role = cellText(row.cells.role);
    // A column the sheet lacks (members is optional) has no cell: its issues go to the role cell.
    const at = (field: PermissionField) => addressOf(table, row.row, table.columns[field] ? field : 'role');
    if (!keys.claim([role], row.row, issues)) continue;

    let scope = null;
    if (row.cells.scope !== undefined) {
      scope = parseScope(cellText(row.cells.scope));
      if (!scope) issues.push(issue('access.scope-invalid', 'error', table.sheet, at('scope'), { input: cellText(row.cells.scope) }));
      else if (scope.subject !== undefined && subjectsOf(scope.subject)?.length === 0) {
        issues.push(issue('access.subject-unknown', 'error', table.sheet, at('scope'), { subject: scope.subject }));
      }
    }
    const { ops, unknown } = parseOperations(cellText(row.cells.operations));
    for (const word of unknown) issues.push(issue('access.operation-unknown', 'error', table.sheet, at('operations'), { word }));

    const membersText = cellText(row.cells.members);
    records.push({
      sheet: table.sheet,
      row: row.row,
      role,
      scope,
      operations: ops,
      members: parseMembers(membersText),
      memberKeys: memberKeys(membersText),
      cells: { role: at('role'), scope: at('scope'), operations: at('operations'), members: at('members') },
    });
  }
  return { records, issues };
}
