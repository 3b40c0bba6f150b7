import { z } from 'zod';

/**
 * The workspaces a signed-in user may push to: GET /api/v1/me/workspaces. The pane offers
 * these (and nothing else) when it asks where a workbook syncs, so a first push never lands in
 * a shared workspace by default. `canCreate`: the caller may start a new workspace (a workspace
 * without a permission matrix accepts pushes from the service's bootstrap administrators only).
 */
export const MY_WORKSPACES_PATH = '/api/v1/me/workspaces';

const SheetNameSchema = z.object({ workbook: z.string(), sheet: z.string() });

export const MyWorkspacesResponseSchema = z.object({
  workspaces: z.array(
    z.object({
      name: z.string(),
      roles: z.array(z.string()),
      /** The workspace's designated permission matrix and classification (what decides access); null: none yet. */
      policySource: z.object({ permissions: SheetNameSchema.nullable(), classification: SheetNameSchema.nullable() }).optional(),
    }),
  ),
  canCreate: z.boolean(),
});
export type MyWorkspacesResponse = z.infer<typeof MyWorkspacesResponseSchema>;
