import { z } from 'zod';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import { OPERATIONS, compilePolicy, decide, type MatrixRow, type Policy, type PolicyUser } from '../../shared/engine/policy';
import { gridFromRows } from '../../shared/kinds/kind-specs';
import { analysePermissionSheet } from '../../shared/kinds/permissions/analyse';
import { PERMISSION_SPEC } from '../../shared/kinds/permissions/spec';
import type { CellValue } from '../../shared/table/grid';
import { findHeader, readTable } from '../../shared/table/locate';
import type { Principal } from '../access/identity';
import type { GraphClient } from '../graph/graph-client';
import { apiError, type ApiError } from '../http/api-error';
import { defineRoute, type RouteDefinition } from '../http/route';
import { fail, ok, type Result } from '../../shared/result';

/**
 * The permission matrix as the workspace's policy: a synced `permissions` sheet is compiled with
 * the shared engine (the same parsing the add-in checks it with) and stored as the policy that
 * every request is then decided by (server/access/enforce.ts). Also the check that keeps an
 * administrator from locking themselves out, and GET …/policy, what the matrix grants.
 */

type Cells = Readonly<Record<string, CellValue>>;

/** The policy that stored matrix rows compile to. A row whose scope did not parse grants nothing (fail closed). */
export function policyFromMatrixRows(rows: readonly Cells[]): Policy {
  const grid = gridFromRows('matrix', 'permissions', rows);
  const header = findHeader(grid, PERMISSION_SPEC);
  if (header === null) return compilePolicy([]);
  const { records } = analysePermissionSheet(readTable(grid, header));
  const matrix: MatrixRow[] = records.flatMap((r) => (r.scope === null ? [] : [{ role: r.role, scope: r.scope, operations: r.operations, members: r.members }]));
  return compilePolicy(matrix);
}

/**
 * The group names a policy decision needs for this caller: a development token carries names;
 * an Entra token carries ids, resolved through Graph (on behalf of the caller) only when the
 * policy names groups at all — as enforce.ts does for every request.
 */
export async function policyGroups(
  graph: GraphClient | null,
  principal: Principal,
  assertion: string,
  policy: Policy,
): Promise<Result<readonly string[], ApiError>> {
  if (principal.issuer !== 'entra' || graph === null || !policy.grants.some((g) => g.groups.length > 0)) return ok(principal.groups);
  try {
    return ok([...principal.groups, ...(await graph.userGroups(assertion))]);
  } catch {
    return fail(apiError('upstream-unavailable', 'Your group memberships could not be read from Microsoft Graph; try again shortly.'));
  }
}

/**
 * Whether this matrix would leave the caller, who is changing it, unable to change it again: a
 * matrix is data of no department, so only a global modify grant covers it. Refused before
 * anything is written (the service's config note: an admin cannot lock themselves out).
 */
export function locksOut(policy: Policy, principal: Principal, groups: readonly string[]): boolean {
  const user: PolicyUser = {
    email: principal.email,
    groups,
    ...(principal.department !== undefined ? { department: principal.department } : {}),
  };
  return !decide(policy, user, { operation: 'modify' }).allowed;
}

export function lockoutError(): ApiError {
  return apiError(
    'conflict',
    'This permission matrix would take away your own right to modify it: keep yourself (your e-mail address or one of your groups) as a member of a role with 修改 / modify on 全局 / global data. Nothing was written.',
    { reason: 'admin-lockout' },
  );
}

// ---------------------------------------------------------------------------------------------

const GrantSchema = z.object({
  role: z.string(),
  admin: z.boolean(),
  scope: z.object({ kind: z.enum(['own-department', 'global']), masked: z.boolean(), subject: z.string().optional() }),
  operations: z.array(z.enum(OPERATIONS)),
});

const PolicyResponseSchema = z.object({
  revision: z.number().int().nullable(),
  via: z.enum(['policy', 'bootstrap-admin']),
  you: z.object({
    roles: z.array(z.string()),
    scope: z.enum(['own-department', 'global']),
    masked: z.boolean(),
  }),
  /** Members are left out: who holds which role is for administrators to read in the matrix itself. */
  grants: z.array(GrantSchema),
});

export const policyRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces/:workspace/policy',
    operation: 'view',
    summary: "The workspace's policy (compiled from its permission matrix) and what it grants you.",
    tags: ['access'],
    params: z.object({ workspace: WorkspaceNameSchema }),
    responses: { 200: { description: 'The roles, scopes and operations of the policy; members are not listed.', schema: PolicyResponseSchema } },
    handler: async ({ deps, principal, params, access }) => {
      const stored = await deps.store.getPolicy(principal.tenantId, params.workspace);
      const body: z.infer<typeof PolicyResponseSchema> = {
        revision: stored?.revision ?? null,
        via: access.via,
        you: { roles: [...access.roles], scope: access.scope.kind, masked: access.masked },
        grants: (stored?.policy.grants ?? []).map((g) => ({
          role: g.role,
          admin: g.admin,
          scope: { kind: g.scope.kind, masked: g.scope.masked, ...(g.scope.subject !== undefined ? { subject: g.scope.subject } : {}) },
          operations: [...g.operations],
        })),
      };
      return { json: body };
    },
  }),
];
