import { z } from 'zod';
import { PolicyResponseSchema, type PolicyResponse } from '../../shared/api/policy';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import { defineRoute, type RouteDefinition } from '../http/route';

/**
 * GET …/policy: what the workspace's permission matrix grants, and to you, and which sheets are
 * its governance sources. The matrix becomes the policy in the sync service (server/sync/).
 */
export const policyRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces/:workspace/policy',
    operation: 'view',
    summary: "The workspace's policy (compiled from its permission matrix), what it grants you, and its governance sheets.",
    tags: ['access'],
    params: z.object({ workspace: WorkspaceNameSchema }),
    responses: { 200: { description: 'The roles, scopes and operations of the policy; members are not listed.', schema: PolicyResponseSchema } },
    handler: async ({ deps, principal, params, access }) => {
      const stored = await deps.store.getPolicy(principal.tenantId, params.workspace);
      const body: PolicyResponse = {
        revision: stored?.revision ?? null,
        via: access.via,
        you: { roles: [...access.roles], scope: access.scope.kind, masked: access.masked, administrator: access.administers },
        source: await deps.store.getGovernanceSources(principal.tenantId, params.workspace),
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
