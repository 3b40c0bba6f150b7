import { z } from 'zod';
import { OPERATIONS } from '../engine/policy';

/** GET /api/v1/workspaces/:ws/policy: what the workspace's permission matrix grants, and to you. */

const SheetNameSchema = z.object({ workbook: z.string(), sheet: z.string() });

export const GrantSchema = z.object({
  role: z.string(),
  admin: z.boolean(),
  scope: z.object({ kind: z.enum(['own-department', 'global']), masked: z.boolean(), subject: z.string().optional() }),
  operations: z.array(z.enum(OPERATIONS)),
});

export const PolicyResponseSchema = z.object({
  revision: z.number().int().nullable(),
  via: z.enum(['policy', 'bootstrap-admin']),
  you: z.object({
    roles: z.array(z.string()),
    scope: z.enum(['own-department', 'global']),
    masked: z.boolean(),
    /** Whether you may change the matrix and the classification. */
    administrator: z.boolean(),
  }),
  /**
   * The workspace's designated governance sheets: its permission matrix (the policy) and its data
   * classification (the masking rules). A matrix or classification anywhere else decides nothing.
   */
  source: z.object({ permissions: SheetNameSchema.nullable(), classification: SheetNameSchema.nullable() }),
  /** Members are left out: who holds which role is for administrators to read in the matrix itself. */
  grants: z.array(GrantSchema),
});
export type PolicyResponse = z.infer<typeof PolicyResponseSchema>;
