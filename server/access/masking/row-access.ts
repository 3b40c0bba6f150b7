import type { Decision } from '../../../shared/engine/policy';
import { KIND_DEFINITIONS } from '../../../shared/kinds/definitions';
import { KEY_FIELDS, KIND_SPECS } from '../../../shared/kinds/kind-specs';
import type { SheetKind } from '../../../shared/kinds/sheet-kind';
import { cellText } from '../../../shared/table/locate';
import type { Access } from '../enforce';
import type { Cells } from './sheet-masking';

/**
 * What one caller may see of one row: the router decided for the workspace; rows of a kind with
 * a department (metric values) are decided again per department, because "本部门" grants only
 * the caller's own, and a user holding a masked global role and an unmasked own-department role
 * sees their own department in clear and the others masked.
 *
 * Data of no department (KPI definitions, a Gantt plan, a row whose department is empty) is
 * covered by global grants only, as the policy decides (shared/engine/policy.ts `decide`).
 */
export interface RowAccess {
  readonly visible: boolean;
  readonly masked: boolean;
}

export function hasDepartment(kind: SheetKind): boolean {
  return KIND_SPECS[kind].some((c) => c.field === 'department');
}

export function departmentOfCells(cells: Cells): string | null {
  const text = cellText(cells['department'] ?? null).trim();
  return text === '' ? null : text;
}

/**
 * The department part of a stored key (a deleted row has no cells left). Keys join their fields
 * with " / "; a department that itself holds " / " cannot be told apart, and gets null (which
 * only global grants cover: fail closed).
 */
export function departmentOfKey(kind: SheetKind, key: string): string | null {
  const index = KEY_FIELDS[kind].indexOf('department');
  if (index < 0) return null;
  const parts = key.split(' / ');
  if (parts.length !== KEY_FIELDS[kind].length) return null;
  const part = parts[index]!.trim();
  return part === '' ? null : part;
}

/**
 * Decisions per department, remembered for the request: a sheet repeats a few departments over
 * many rows. Every row is of its kind's data subject (shared/kinds/<kind>/index.ts): a grant
 * about other data does not reach it.
 */
export function rowAccessor(access: Access, kind: SheetKind): (department: string | null) => RowAccess {
  const subject = KIND_DEFINITIONS[kind].subject;
  const none = access.check({ subject });
  const noDepartment: RowAccess = { visible: none.allowed, masked: none.masked };
  if (!hasDepartment(kind)) return () => noDepartment;
  const seen = new Map<string, RowAccess>();
  return (department) => {
    if (department === null) return noDepartment;
    let known = seen.get(department);
    if (known === undefined) {
      const d: Decision = access.check({ department, subject });
      known = { visible: d.allowed, masked: d.masked };
      seen.set(department, known);
    }
    return known;
  };
}
