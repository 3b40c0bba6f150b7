import { z } from 'zod';
import {
  ApprovalIdParamsSchema,
  ApprovalListQuerySchema,
  ApprovalListResponseSchema,
  ApprovalRulesResponseSchema,
  ApprovalRulesSchema,
  ApproveBodySchema,
  DEFAULT_APPROVAL_RULES,
  DecisionResponseSchema,
  RejectBodySchema,
  type ApprovalListResponse,
  type ApprovalRulesResponse,
} from '../../shared/api/approvals';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import type { Access } from '../access/enforce';
import { apiError } from '../http/api-error';
import { defineRoute, type RouteDefinition } from '../http/route';
import { callerOf } from './caller';

/**
 * Tiered approval (docs/approval.md): the workspace's approval rules (administrators only), the
 * changes waiting, and the decisions on them. Listing and deciding declare `view`: what decides
 * who approves is the change's rule (its roles), checked by the approval service (403 for
 * anyone else); what a caller sees of a change passes through their view like any data.
 */

const WorkspaceParams = z.object({ workspace: WorkspaceNameSchema });
const ChangeParams = WorkspaceParams.extend(ApprovalIdParamsSchema.shape);

function requireAdministrator(access: Access): void {
  if (!access.administers) throw apiError('forbidden', "Only the workspace's administrators read and set its approval rules.", { reason: 'admin-only' });
}

const refusals = {
  403: { description: 'Not an approver of this change (a role its rule lists), or its proposer.' },
  404: { description: 'No such pending change (or not one the caller may see).' },
  409: { description: 'Already decided, or approved by you (or for your roles) already.' },
};

export const approvalRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces/:workspace/approval-rules',
    operation: 'view',
    summary: 'The approval rules of the workspace: which changes wait for approval, and by which roles.',
    tags: ['approval'],
    params: WorkspaceParams,
    responses: { 200: { description: 'The rules; custom false when the default (no rule) applies.', schema: ApprovalRulesResponseSchema }, 403: { description: 'Not an administrator.' } },
    handler: async (ctx) => {
      requireAdministrator(ctx.access);
      const stored = await ctx.deps.store.getApprovalRules(ctx.principal.tenantId, ctx.params.workspace);
      const body: ApprovalRulesResponse = { ...(stored ?? DEFAULT_APPROVAL_RULES), custom: stored !== null };
      return { json: body };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/workspaces/:workspace/approval-rules',
    operation: 'modify',
    summary: 'Replaces the approval rules of the workspace (administrators). Changes already waiting keep the level they were proposed with.',
    tags: ['approval'],
    params: WorkspaceParams,
    body: ApprovalRulesSchema,
    responses: { 200: { description: 'The rules as stored.', schema: ApprovalRulesResponseSchema }, 403: { description: 'Not an administrator.' } },
    handler: async (ctx) => {
      requireAdministrator(ctx.access);
      await ctx.deps.store.setApprovalRules(ctx.principal.tenantId, ctx.params.workspace, ctx.body, { userId: ctx.principal.userId, email: ctx.principal.email });
      const body: ApprovalRulesResponse = { ...ctx.body, custom: true };
      return { json: body };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces/:workspace/approvals',
    operation: 'view',
    summary: 'Changes held for approval (pending by default; ?status=approved|rejected|conflicted|all), newest first, as the caller may see them.',
    tags: ['approval'],
    params: WorkspaceParams,
    query: ApprovalListQuerySchema,
    responses: { 200: { description: 'The changes; canDecide says whether the caller may approve or reject each now.', schema: ApprovalListResponseSchema } },
    handler: async (ctx) => {
      const body: ApprovalListResponse = { approvals: await ctx.deps.approvals.list(callerOf(ctx), ctx.query.status) };
      return { json: body };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/workspaces/:workspace/approvals/:id/approve',
    operation: 'view',
    summary: "Approves a pending change; the approval that completes its level applies it as a revision under the approver's name.",
    tags: ['approval'],
    params: ChangeParams,
    body: ApproveBodySchema,
    responses: { 200: { description: 'waiting (other roles must approve), applied, or conflict (the sheet moved past it; nothing written).', schema: DecisionResponseSchema }, ...refusals },
    handler: async (ctx) => {
      const result = await ctx.deps.approvals.approve(callerOf(ctx), ctx.params.id, ctx.body.comment ?? null);
      if (!result.ok) throw result.error;
      return { json: result.value };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/workspaces/:workspace/approvals/:id/reject',
    operation: 'view',
    summary: 'Rejects a pending change, saying why; nothing is written to the sheet.',
    tags: ['approval'],
    params: ChangeParams,
    body: RejectBodySchema,
    responses: { 200: { description: 'rejected.', schema: DecisionResponseSchema }, ...refusals },
    handler: async (ctx) => {
      const result = await ctx.deps.approvals.reject(callerOf(ctx), ctx.params.id, ctx.body.comment);
      if (!result.ok) throw result.error;
      return { json: result.value };
    },
  }),
];
