import { z } from 'zod';
import { CellsSchema } from './cells';
import { workspacePath } from './paths';
import { APPROVAL_CHANGES, ApprovalChangeSchema, PersonSchema } from './pending-cell';
import { ConflictSchema, SheetKindSchema } from './sync';

export { APPROVAL_CHANGES, ApprovalChangeSchema, PendingCellSchema, type ApprovalChange, type PendingCell } from './pending-cell';

/**
 * Tiered approval (分级审批, handbook 二(二)1): which changes wait for whom, the changes that
 * wait, and the decisions on them. Shared by the service, the task pane, the CLI and the tests.
 *
 *   GET  /api/v1/workspaces/:ws/approval-rules              the rules (administrators)
 *   PUT  /api/v1/workspaces/:ws/approval-rules              replace them (administrators)
 *   GET  /api/v1/workspaces/:ws/approvals?status=pending    pending changes, as the caller may see them
 *   POST /api/v1/workspaces/:ws/approvals/:id/approve       { comment? }
 *   POST /api/v1/workspaces/:ws/approvals/:id/reject        { comment }
 */

/** A role of the permission matrix, as written in its 用户角色 column. */
const RoleNameSchema = z.string().trim().min(1).max(100);

/**
 * How a change is approved: `any` — one approval by a holder of any listed role (the operations
 * lead for daily tweaks); `all` — one approval for every listed role, each by a different person
 * (the directors jointly; a committee).
 */
export const ApprovalLevelSchema = z
  .object({
    mode: z.enum(['any', 'all']),
    roles: z
      .array(RoleNameSchema)
      .min(1)
      .max(20)
      .refine((roles) => new Set(roles).size === roles.length, 'each role once'),
  })
  .strict();
export type ApprovalLevel = z.infer<typeof ApprovalLevelSchema>;

export const ApprovalRuleSchema = z.object({ change: ApprovalChangeSchema }).extend(ApprovalLevelSchema.shape).strict();
export type ApprovalRule = z.infer<typeof ApprovalRuleSchema>;

/** A workspace's rules: at most one per kind of change; a change with no rule needs no approval. */
export const ApprovalRulesSchema = z
  .object({
    rules: z
      .array(ApprovalRuleSchema)
      .max(APPROVAL_CHANGES.length)
      .refine((rules) => new Set(rules.map((r) => r.change)).size === rules.length, 'one rule per kind of change'),
  })
  .strict();
export type ApprovalRules = z.infer<typeof ApprovalRulesSchema>;

export const ApprovalRulesResponseSchema = ApprovalRulesSchema.extend({
  /** false: the workspace never set rules and the default (no rule: nothing waits) applies. */
  custom: z.boolean(),
});
export type ApprovalRulesResponse = z.infer<typeof ApprovalRulesResponseSchema>;

/** The default: no rule, so nothing waits until an administrator sets the workspace's rules. */
export const DEFAULT_APPROVAL_RULES: ApprovalRules = { rules: [] };

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'conflicted'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const PendingChangeSchema = z.object({
  id: z.number().int().positive(),
  status: z.enum(APPROVAL_STATUSES),
  change: ApprovalChangeSchema,
  workbook: z.string(),
  sheet: z.string(),
  kind: SheetKindSchema,
  key: z.string(),
  /** The cell changed; null for a row added or removed as a whole. */
  field: z.string().nullable(),
  /** The proposed cells: one for a cell change, the whole row for an added one, {} for a removal. */
  proposed: CellsSchema,
  /** The same cells at the base revision ({} for an added row; the row's cells for a removal). */
  original: CellsSchema,
  baseRevision: z.number().int().nonnegative(),
  proposer: PersonSchema,
  proposedAt: z.string(),
  /** The level the rule asked for when the change was proposed. */
  level: ApprovalLevelSchema,
  approvals: z.array(PersonSchema.extend({ role: z.string(), at: z.string(), comment: z.string().nullable() })),
  /** Who decided last (applied, rejected, or found the conflict), when, with what comment. */
  decision: PersonSchema.extend({ at: z.string(), comment: z.string().nullable() }).nullable(),
  /** The revision that applied it (approved only). */
  appliedRevision: z.number().int().positive().nullable(),
  /** Whether the caller may approve or reject it now. */
  canDecide: z.boolean(),
});
export type PendingChangeDto = z.infer<typeof PendingChangeSchema>;

export const ApprovalListQuerySchema = z.object({ status: z.enum([...APPROVAL_STATUSES, 'all']).default('pending') });

export const ApprovalListResponseSchema = z.object({ approvals: z.array(PendingChangeSchema) });
export type ApprovalListResponse = z.infer<typeof ApprovalListResponseSchema>;

export const ApprovalIdParamsSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const CommentSchema = z.string().trim().max(2000);
export const ApproveBodySchema = z.object({ comment: CommentSchema.optional() }).strict();
export type ApproveBody = z.infer<typeof ApproveBodySchema>;
/** A rejection says why. */
export const RejectBodySchema = z.object({ comment: CommentSchema.min(1) }).strict();
export type RejectBody = z.infer<typeof RejectBodySchema>;

/**
 * The answer to a decision. `waiting`: recorded, other roles must still approve (joint level);
 * `applied`: stored as `revision` under the approver's name; `conflict`: the sheet moved past the
 * proposal's base revision, nothing was written, `conflicts` says where; `rejected`.
 */
export const DecisionResponseSchema = z.object({
  outcome: z.enum(['waiting', 'applied', 'conflict', 'rejected']),
  approval: PendingChangeSchema,
  revision: z.number().int().positive().optional(),
  conflicts: z.array(ConflictSchema).optional(),
});
export type DecisionResponse = z.infer<typeof DecisionResponseSchema>;

export function approvalRulesPath(workspace: string): string {
  return `${workspacePath(workspace)}/approval-rules`;
}

export function approvalsPath(workspace: string): string {
  return `${workspacePath(workspace)}/approvals`;
}

export function approvalDecisionPath(workspace: string, id: number, decision: 'approve' | 'reject'): string {
  return `${approvalsPath(workspace)}/${id}/${decision}`;
}
