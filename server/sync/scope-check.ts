import { MAX_REFUSAL_ERRORS, syncRefusal, type SyncRefusal } from '../../shared/api/sync-refusals';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { Access } from '../access/enforce';
import { departmentOfCells, departmentOfKey, hasDepartment, rowAccessor } from '../access/masking/row-access';
import type { SyncRow } from '../store/store-types';

/** Own-department callers may write rows of their own department only: null when the push stays inside. */
export function outsideScope(access: Access, kind: SheetKind, rows: readonly SyncRow[], deletes: readonly string[]): SyncRefusal | null {
  if (access.scope.kind === 'global') return null;
  if (!hasDepartment(kind)) return syncRefusal('other-department', { operation: access.operation, rows: 0 });
  const decide = rowAccessor(access, kind);
  const outside = [
    ...rows.flatMap((r, i) => (decide(departmentOfCells(r.cells)).visible ? [] : [`/rows/${i}`])),
    ...deletes.flatMap((k, i) => (decide(departmentOfKey(kind, k)).visible ? [] : [`/deletes/${i}`])),
  ];
  if (outside.length === 0) return null;
  return syncRefusal(
    'other-department',
    { operation: access.operation, rows: outside.length },
    outside.slice(0, MAX_REFUSAL_ERRORS).map((path) => ({ in: 'body' as const, path, code: 'other-department', message: 'another department' })),
  );
}
