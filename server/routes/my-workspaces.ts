import { MY_WORKSPACES_PATH, MyWorkspacesResponseSchema, type MyWorkspacesResponse } from '../../shared/api/my-workspaces';
import { stateOf } from '../http/request-state';
import { defineRoute, type RouteDefinition } from '../http/route';

/**
 * GET /api/v1/me/workspaces: the workspaces of the caller's tenant where the caller may push
 * (the permission matrix's 修改 / modify, or a bootstrap administrator of a workspace without a
 * matrix), decided by the same enforcer every route uses, so the list cannot promise what a
 * push would then refuse. The pane offers only these.
 */

/** Workspaces checked per request at most: a tenant with more lists the first ones by name. */
const MAX_CHECKED = 200;

export const myWorkspaceRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: MY_WORKSPACES_PATH,
    operation: 'authenticated',
    summary: 'The workspaces you may push to, with your roles there, and whether you may start a new one.',
    tags: ['workspaces'],
    responses: { 200: { description: 'Writable workspaces, sorted by name.', schema: MyWorkspacesResponseSchema } },
    handler: async ({ deps, principal, req }) => {
      const enforcer = deps.enforcer;
      const auth = stateOf(req).authentication;
      const assertion = auth.kind === 'authenticated' ? auth.assertion : '';
      const names = (await deps.store.listWorkspaces(principal.tenantId)).slice(0, MAX_CHECKED);
      const workspaces: MyWorkspacesResponse['workspaces'] = [];
      for (const name of names) {
        const access = await enforcer.authorize(principal, assertion, 'modify', name);
        if (access.ok) workspaces.push({ name, roles: [...access.value.roles], policySource: await deps.store.getGovernanceSources(principal.tenantId, name) });
      }
      const isBootstrapAdmin = principal.email !== '' && deps.config.bootstrapAdmins.includes(principal.email.toLowerCase());
      const answer: MyWorkspacesResponse = { workspaces, canCreate: isBootstrapAdmin };
      return { json: answer, headers: { 'Cache-Control': 'no-store' } };
    },
  }),
];
