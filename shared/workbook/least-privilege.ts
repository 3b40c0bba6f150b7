import { leastPrivilegeFindings, type MatrixRow } from '../engine/policy';
import { issue, type Issue } from '../issues/issue';
import type { ClassifiedField } from '../kinds/classification/types';
import type { MatrixRecord, PermissionMatrix } from '../kinds/permissions/types';
import { matchKey } from '../text/normalize';

/**
 * The fields taken as core when a workbook has no classification sheet: the ones the handbook
 * masks (四(二)3: address, age, ID), which the service masks too. A matrix alone cannot know its
 * data, and saying nothing about an unmasked export would be the wrong default.
 */
export const DEFAULT_CORE_FIELDS: readonly string[] = ['地址', '年龄', 'ID'];

/** Core fields of the classification sheets, in order, once each; the defaults when there is none. */
export function coreFields(fields: readonly ClassifiedField[], hasClassification: boolean): string[] {
  if (!hasClassification) return [...DEFAULT_CORE_FIELDS];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of fields) {
    if (f.dataClass !== 'core' || seen.has(matchKey(f.field))) continue;
    seen.add(matchKey(f.field));
    out.push(f.field);
  }
  return out;
}

/**
 * The reviewer's findings on one matrix (policy.leastPrivilegeFindings), as warnings: the matrix
 * is still enforceable. Rows whose scope did not parse take no part (they have an error).
 * Findings about what a role may do sit on its Operations cell; about who holds it, on Members.
 */
export function leastPrivilegeIssues(matrix: PermissionMatrix, core: readonly string[]): Issue[] {
  const usable = matrix.rows.filter((r): r is MatrixRecord & { scope: NonNullable<MatrixRecord['scope']> } => r.scope !== null);
  const rows: MatrixRow[] = usable.map((r) => ({ role: r.role, scope: r.scope, operations: r.operations, members: r.members }));
  return leastPrivilegeFindings(rows, core).map((f) => {
    const record = usable[f.row]!;
    switch (f.code) {
      case 'access.delete-without-modify':
        return issue(f.code, 'warning', matrix.sheet, record.cells.operations, { role: f.role });
      case 'access.export-core-data':
        return issue(f.code, 'warning', matrix.sheet, record.cells.operations, { role: f.role, fields: [...f.fields] });
      case 'access.global-write-outside-admin':
        return issue(f.code, 'warning', matrix.sheet, record.cells.operations, { role: f.role, operations: [...f.operations] });
      case 'access.role-without-members':
        return issue(f.code, 'warning', matrix.sheet, record.cells.members, { role: f.role });
      case 'access.member-conflicting-scopes':
        return issue(f.code, 'warning', matrix.sheet, record.cells.members, {
          role: f.role,
          member: f.member,
          otherRole: f.otherRole,
          otherCell: usable[f.otherRow]!.cells.role,
        });
    }
  });
}
