import { z } from 'zod';
import { SheetKindSchema } from '../../shared/api/sync';
import { KIND_DEFINITIONS } from '../../shared/kinds/definitions';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import { defineRoute, type RouteDefinition } from '../http/route';

/**
 * The workspaces of the caller's tenant, and the sheets of one. Workspace names are not data of
 * any department, so any signed-in user of the tenant may list them; what is in a workspace
 * needs "view" there.
 */
const WorkspacesResponseSchema = z.object({ workspaces: z.array(z.object({ name: z.string() })) });

const SheetsResponseSchema = z.object({
  sheets: z.array(
    z.object({ workbook: z.string(), sheet: z.string(), kind: SheetKindSchema, revision: z.number().int().nonnegative(), updatedAt: z.string() }),
  ),
});

export const workspaceRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces',
    operation: 'authenticated',
    summary: "The workspaces of your tenant.",
    tags: ['workspaces'],
    responses: { 200: { description: 'Workspace names, sorted.', schema: WorkspacesResponseSchema } },
    handler: async ({ deps, principal }) => {
      const names = await deps.store.listWorkspaces(principal.tenantId);
      return { json: { workspaces: names.map((name) => ({ name })) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces/:workspace/sheets',
    operation: 'view',
    summary: 'The sheets synced to a workspace: workbook, sheet, kind, revision, last change.',
    tags: ['workspaces'],
    params: z.object({ workspace: WorkspaceNameSchema }),
    responses: { 200: { description: 'Sheets by workbook, then name.', schema: SheetsResponseSchema } },
    handler: async ({ deps, principal, params, access }) => {
      // A sheet of data the caller's grants are not about is not theirs to know of.
      const sheets = (await deps.store.listSheets(principal.tenantId, params.workspace)).filter((s) => access.reaches(KIND_DEFINITIONS[s.kind].subject));
      return { json: { sheets: sheets.map((s) => ({ workbook: s.workbook, sheet: s.sheet, kind: s.kind, revision: s.revision, updatedAt: s.updatedAt })) } };
    },
  }),
];
