import { z } from 'zod';
import { CellValueSchema } from './cells';

/**
 * The parts of tiered approval that the sync contracts carry (shared/api/sync.ts): a push answer
 * lists the cells it held for approval, and a cell's history names who proposed and who approved
 * a change. Apart from approvals.ts so that sync.ts and approvals.ts need not import each other.
 */

/** The kinds of change an approval rule may govern. */
export const APPROVAL_CHANGES = ['kpi-target', 'kpi-weight', 'kpi-added', 'kpi-removed', 'permissions', 'classification'] as const;
export type ApprovalChange = (typeof APPROVAL_CHANGES)[number];
export const ApprovalChangeSchema = z.enum(APPROVAL_CHANGES);

/** One held cell in a push answer. `field` null: the whole row (a removed row). */
export const PendingCellSchema = z.object({
  id: z.number().int().positive(),
  change: ApprovalChangeSchema,
  key: z.string(),
  field: z.string().nullable(),
  proposed: CellValueSchema,
});
export type PendingCell = z.infer<typeof PendingCellSchema>;

export const PersonSchema = z.object({ userId: z.string(), email: z.string() });

/** A history entry's approval: the change was proposed by one person and applied after these approvals. */
export const HistoryApprovalSchema = z.object({
  id: z.number().int().positive(),
  proposer: PersonSchema,
  approvers: z.array(PersonSchema.extend({ role: z.string(), at: z.string(), comment: z.string().nullable() })),
});
export type HistoryApproval = z.infer<typeof HistoryApprovalSchema>;
