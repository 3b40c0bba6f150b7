import { z } from 'zod';
import { FieldNameSchema } from '../../shared/api/cells';
import { RowKeySchema, SheetParamsSchema } from '../../shared/api/paths';
import { HistoryResponseSchema, type HistoryResponse } from '../../shared/api/sync';
import { callerView } from '../access/masking/caller-view';
import { requestLocale } from '../access/masking/locale';
import { departmentOfKey, rowAccessor } from '../access/masking/row-access';
import { apiError } from '../http/api-error';
import { defineRoute, type RouteDefinition } from '../http/route';

/**
 * "Who changed this cell": every change of one cell, oldest first — who, when, old and new
 * value — in one request. The row is decided like a pulled row: another department's row is
 * not found for an own-department role (rather than forbidden, which would confirm it exists),
 * and a masked role reads the values masked.
 */
export const historyRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces/:workspace/workbooks/:workbook/sheets/:sheet/history',
    operation: 'view',
    summary: 'The history of one cell: who changed it, when, from what to what.',
    tags: ['sync'],
    params: SheetParamsSchema,
    query: z.object({ key: RowKeySchema, field: FieldNameSchema }),
    responses: { 200: { description: 'Every change, oldest first.', schema: HistoryResponseSchema }, 404: { description: 'No such sheet.' } },
    handler: async (ctx) => {
      const { workspace, workbook, sheet } = ctx.params;
      const { key, field } = ctx.query;
      const ref = { tenantId: ctx.principal.tenantId, workspace, workbook, sheet };
      // The kind says whether rows have departments; listSheets is one indexed query.
      const summary = (await ctx.deps.store.listSheets(ref.tenantId, workspace)).find((s) => s.workbook === workbook && s.sheet === sheet);
      if (summary === undefined) throw apiError('not-found', 'No such sheet.');
      const seen = rowAccessor(ctx.access, summary.kind)(departmentOfKey(summary.kind, key));
      if (!seen.visible) throw apiError('not-found', 'No such row.');
      const changes = await ctx.deps.store.cellHistory(ref, key, field);
      if (changes === null) throw apiError('not-found', 'No such sheet.');

      let out = changes.map((c) => ({ revision: c.revision, userId: c.userId, email: c.email, at: c.at, oldValue: c.oldValue, newValue: c.newValue }));
      if (seen.masked) {
        const view = callerView(ctx.deps, ctx.access, ctx.principal.tenantId, requestLocale(ctx.req));
        const rule = (await view.masking(summary.kind)).fields.get(field);
        if (rule !== undefined) out = out.map((c) => ({ ...c, oldValue: view.maskValue(rule, c.oldValue), newValue: view.maskValue(rule, c.newValue) }));
      }
      const body: HistoryResponse = { key, field, changes: out };
      return { json: body };
    },
  }),
];
