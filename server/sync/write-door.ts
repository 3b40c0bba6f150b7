import type { FieldError } from '../../shared/api/problem';
import { MAX_REFUSAL_ERRORS, syncRefusal, type SyncRefusal } from '../../shared/api/sync-refusals';
import { KIND_DEFINITIONS } from '../../shared/kinds/definitions';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { Access } from '../access/enforce';
import type { CallerView } from '../access/masking/caller-view';
import { departmentOfCells } from '../access/masking/row-access';
import type { Cells } from '../access/masking/sheet-masking';

/**
 * The caller's write door, beside the view (the read door): what a push may remove.
 * Removing rows — explicitly, or by leaving them out of a full push — needs 删除 / delete on
 * each of them (their department, their kind's subject); 修改 / modify alone changes cells.
 */

/** undefined when the caller may delete anywhere in this kind (nothing to check per row). */
export function deletePermission(access: Access, kind: SheetKind): ((key: string, cells: Cells) => boolean) | undefined {
  const subject = KIND_DEFINITIONS[kind].subject;
  if (access.may('delete', { subject }).allowed) return undefined;
  const byDepartment = new Map<string, boolean>();
  return (_key, cells) => {
    const department = departmentOfCells(cells);
    if (department === null) return false;
    let allowed = byDepartment.get(department);
    if (allowed === undefined) byDepartment.set(department, (allowed = access.may('delete', { department, subject }).allowed));
    return allowed;
  };
}

/** The refusal of a push whose removals were refused: the rows named as the caller sees their keys. */
export async function deleteRefusal(view: CallerView, kind: SheetKind, refused: readonly string[], explicitDeletes: readonly string[]): Promise<SyncRefusal> {
  const errors: FieldError[] = [];
  const mask = view.seesEveryRowInClear(kind) ? null : await view.masking(kind);
  for (const key of refused.slice(0, MAX_REFUSAL_ERRORS)) {
    const index = explicitDeletes.indexOf(key);
    const shown = mask === null ? key : mask.key(key);
    errors.push({
      in: 'body',
      path: index >= 0 ? `/deletes/${index}` : '/rows',
      code: 'delete-not-granted',
      message: index >= 0 ? `row "${shown}" may not be deleted` : `row "${shown}" is left out of this full push and may not be deleted`,
    });
  }
  return syncRefusal('delete-not-granted', { rows: refused.length }, errors);
}
