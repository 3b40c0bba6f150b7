import { z } from 'zod';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import { OPERATIONS } from '../../shared/engine/policy';
import { defineRoute, type RouteDefinition } from '../http/route';

/**
 * GET …/policy: what the workspace's permission matrix grants, and to you. The matrix becomes the
 * policy in the sync service (server/sync/, server/access/policy-from-matrix.ts).
 */

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
