import type { Locale } from '../../shared/i18n/locale';
import { KIND_DEFINITIONS } from '../../shared/kinds/definitions';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { Access } from '../access/enforce';
import { departmentOfCells, hasDepartment, rowAccessor } from '../access/masking/row-access';
import type { WorkspaceSheet } from '../store/store-types';

/**
 * What makes one caller's scorecard differ from another's, over the same stored data: the
 * caller's view (server/access/masking/caller-view.ts) decides every row by the caller's
 * access to its kind and department — visible or not, masked or not — and masks in the
 * caller's language. So the key is exactly those decisions, asked of the Access for every
 * department the data holds (and for rows of no department, and for reference rows), plus the
 * scope kind (a global scope also gets the Gantt plan) and the locale.
 *
 * Two callers with the same key are shown the very same rows, masked the same way, so they may
 * share one computed answer; any difference in any decision (a masked role after a clear one,
 * own department against all, another department, another policy revision that decides
 * otherwise) is a different key. The key is derived from decisions, never from data values.
 */
export function viewKey(access: Access, kinds: readonly SheetKind[], departments: readonly string[], locale: Locale): string {
  const bit = (d: { readonly visible: boolean; readonly masked: boolean }): string => (d.visible ? (d.masked ? 'm' : 'c') : '-');
  const parts: string[] = [`scope=${access.scope.kind}`, `masked=${access.masked ? 1 : 0}`, `locale=${locale}`];
  for (const kind of kinds) {
    const subject = KIND_DEFINITIONS[kind].subject;
    const decide = rowAccessor(access, kind);
    // Reference rows (KPI definitions an own-department role is scored against): caller-view.ts `rows`.
    const reference = bit({ visible: access.reaches(subject), masked: access.masked });
    const perDepartment = hasDepartment(kind) ? departments.map((d) => bit(decide(d))).join('') : '';
    parts.push(`${kind}:${reference}${bit(decide(null))}/${perDepartment}`);
  }
  return parts.join(';');
}

/** Every department named by a row of these sheets, sorted: the departments a view key asks about. */
export function departmentsOf(sheets: readonly WorkspaceSheet[]): string[] {
  const found = new Set<string>();
  for (const sheet of sheets) {
    if (!hasDepartment(sheet.kind)) continue;
    for (const row of sheet.rows) {
      const department = departmentOfCells(row.cells);
      if (department !== null) found.add(department);
    }
  }
  return [...found].sort();
}
