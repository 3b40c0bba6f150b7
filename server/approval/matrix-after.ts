import type { Policy } from '../../shared/engine/policy';
import type { CellValue } from '../../shared/table/grid';
import { policyFromMatrixRows } from '../access/policy-from-matrix';
import type { PendingChange } from '../store/approval-types';
import type { PullResult } from '../store/store-types';

/**
 * Before an approval applies a change to the permission matrix: the policy it would make. A
 * matrix push is refused when it would lock its pusher out (server/access/governance.ts); a held
 * change was not part of that check, so its approval is refused when the matrix would leave
 * nobody at all who administers the workspace (an unmasked, global administrator role with
 * modify, holding a member).
 */
export function policyAfter(sheet: PullResult, change: PendingChange): Policy {
  const rows = new Map<string, Readonly<Record<string, CellValue>>>(sheet.rows.filter((r) => !r.deleted).map((r) => [r.key, r.cells]));
  if (change.field !== null) rows.set(change.key, { ...(rows.get(change.key) ?? {}), ...change.proposed });
  else if (Object.keys(change.original).length === 0) rows.set(change.key, change.proposed);
  else rows.delete(change.key);
  return policyFromMatrixRows([...rows.values()]);
}

export function leavesAnAdministrator(policy: Policy): boolean {
  return policy.grants.some(
    (g) => g.admin && g.scope.kind === 'global' && !g.scope.masked && g.operations.includes('modify') && (g.emails.length > 0 || g.groups.length > 0 || (g.ids?.length ?? 0) > 0),
  );
}
