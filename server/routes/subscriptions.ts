import { z } from 'zod';
import {
  CreateSubscriptionSchema,
  SendListQuerySchema,
  SubscriptionIdSchema,
  SubscriptionListSchema,
  SubscriptionSchema,
  SubscriptionSendListSchema,
  SubscriptionSendSchema,
} from '../../shared/api/subscriptions';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import type { Access } from '../access/enforce';
import { apiError } from '../http/api-error';
import { defineRoute, type RouteDefinition } from '../http/route';
import { validateCron } from '../schedule/scheduler';

/**
 * Scorecard subscriptions (docs/subscriptions.md). Administrators of the workspace manage them:
 * a subscription mails data to someone on a schedule, with that person's department and groups
 * as the administrator records them, so it is a decision about access, like the permission
 * matrix. The routes declare `modify` and then require an administrator (an unmasked global
 * administrator role, or a bootstrap administrator before the workspace has a policy).
 */

const Params = z.object({ workspace: WorkspaceNameSchema });
const IdParams = z.object({ workspace: WorkspaceNameSchema, id: SubscriptionIdSchema });

/** The shared contract, plus what only the service can check: the cron and zone croner accept. */
const CreateBody = CreateSubscriptionSchema.superRefine((body, ctx) => {
  const checked = validateCron(body.cron, body.timezone ?? 'UTC');
  if (checked.ok) return;
  const path = checked.error.code === 'cron-timezone' ? ['timezone'] : ['cron'];
  ctx.addIssue({ code: 'custom', path, message: checked.error.message });
});

function requireAdministrator(access: Access): void {
  if (access.administers) return;
  throw apiError('forbidden', 'Only an administrator of this workspace manages its subscriptions.', { operation: access.operation, reason: 'not-administrator' });
}

export const subscriptionRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces/:workspace/subscriptions',
    operation: 'modify',
    summary: "The workspace's scorecard subscriptions (administrators).",
    tags: ['subscriptions'],
    params: Params,
    responses: { 200: { description: 'Every subscription, oldest first.', schema: SubscriptionListSchema } },
    handler: async (ctx) => {
      requireAdministrator(ctx.access);
      return { json: { subscriptions: await ctx.deps.subscriptions.list(ctx.principal.tenantId, ctx.access.workspace) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/workspaces/:workspace/subscriptions',
    operation: 'modify',
    summary: 'Adds a scorecard subscription: who, which departments and perspectives, when (cron), language, workbook or summary.',
    description: 'The recipient gets the scorecard exactly as a request of theirs would: rows by their roles (本部门 = their department), core fields masked for 脱敏 roles.',
    tags: ['subscriptions'],
    params: Params,
    body: CreateBody,
    bodyLimitBytes: 64 * 1024,
    responses: { 201: { description: 'The subscription as stored.', schema: SubscriptionSchema }, 400: { description: 'Invalid subscription; nothing stored.' } },
    handler: async (ctx) => {
      requireAdministrator(ctx.access);
      const created = await ctx.deps.subscriptions.add(ctx.principal.tenantId, ctx.access.workspace, ctx.body, ctx.principal.email);
      return { status: 201, json: created };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/workspaces/:workspace/subscriptions/:id',
    operation: 'modify',
    summary: 'Removes a subscription; its send records stay.',
    tags: ['subscriptions'],
    params: IdParams,
    responses: { 200: { description: 'Removed.', schema: z.object({ removed: z.string() }) }, 404: { description: 'No such subscription.' } },
    handler: async (ctx) => {
      requireAdministrator(ctx.access);
      if (!(await ctx.deps.subscriptions.remove(ctx.principal.tenantId, ctx.access.workspace, ctx.params.id))) throw apiError('not-found', 'No such subscription.');
      return { json: { removed: ctx.params.id } };
    },
  }),
  defineRoute({
    method: 'post',
    heavy: true,
    path: '/api/v1/workspaces/:workspace/subscriptions/:id/send',
    operation: 'modify',
    summary: 'Sends a subscription now (to test it) and answers the send record.',
    description: 'Answered 200 whatever the outcome: the record says whether the mail went (outcome "sent") or why not.',
    tags: ['subscriptions'],
    params: IdParams,
    responses: { 200: { description: 'The send record.', schema: SubscriptionSendSchema }, 404: { description: 'No such subscription.' } },
    handler: async (ctx) => {
      requireAdministrator(ctx.access);
      const record = await ctx.deps.subscriptions.sendNow(ctx.principal.tenantId, ctx.access.workspace, ctx.params.id);
      if (record === null) throw apiError('not-found', 'No such subscription.');
      return { json: record };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces/:workspace/subscription-sends',
    operation: 'modify',
    summary: 'The record of subscription sends, newest first: who, when, which revisions, what came of it.',
    tags: ['subscriptions'],
    params: Params,
    query: SendListQuerySchema,
    responses: { 200: { description: 'Send records.', schema: SubscriptionSendListSchema } },
    handler: async (ctx) => {
      requireAdministrator(ctx.access);
      const sends = await ctx.deps.subscriptions.sends(ctx.principal.tenantId, ctx.access.workspace, ctx.query.subscription ?? null, ctx.query.limit);
      return { json: { sends } };
    },
  }),
];
