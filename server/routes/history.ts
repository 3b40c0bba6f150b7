import { z } from 'zod';
import { FieldNameSchema } from '../../shared/api/cells';
import { RowKeySchema, SheetParamsSchema } from '../../shared/api/paths';
import { HistoryResponseSchema, type HistoryResponse } from '../../shared/api/sync';
import { KIND_DEFINITIONS } from '../../shared/kinds/definitions';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import { requireSubject } from '../access/enforce';
import { approvalsByRevision } from '../approval/history-approvals';
import { callerView, type CallerView } from '../access/masking/caller-view';
import type { SheetRef, Store } from '../store/store-types';
import { requestLocale } from '../access/masking/locale';
import { apiError } from '../http/api-error';
import { defineRoute, type RouteDefinition } from '../http/route';

/**
 * "Who changed this cell": every change of one cell, oldest first — who, when, old and new
 * value — in one request. The row is decided like a pulled row: another department's row is
 * not found for an own-department role (rather than forbidden, which would confirm it exists),
 * and a masked role reads it through the caller's view: values masked like the field, editors
 * as pseudonyms, the row named by the key it was shown (a pseudonym when a key field is masked).
 */

/**
 * The stored key a caller means. A masked caller may only know a row by its masked key; when
 * the key they send is not stored as is, the rows are looked up by the key each shows them.
 */
async function storedKeyOf(store: Pick<Store, 'pull'>, view: CallerView, ref: SheetRef, kind: SheetKind, key: string): Promise<string | null> {
  const pulled = await store.pull(ref, 0);
  if (pulled === null) return null;
  const mask = await view.masking(kind);
  return pulled.rows.find((r) => mask.key(r.key) === key)?.key ?? null;
}
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
      // The kind says whether rows have departments, and their subject; listSheets is one indexed query.
      const summary = (await ctx.deps.store.listSheets(ref.tenantId, workspace)).find((s) => s.workbook === workbook && s.sheet === sheet);
      if (summary === undefined) throw apiError('not-found', 'No such sheet.');
      requireSubject(ctx.access, KIND_DEFINITIONS[summary.kind].subject);
      const view = callerView(ctx.deps, ctx.access, ctx.principal.tenantId, requestLocale(ctx.req));
      let realKey: string | null = key;
      let changes = await ctx.deps.store.cellHistory(ref, key, field);
      if (changes !== null && changes.length === 0 && !view.seesEveryRowInClear(summary.kind)) {
        realKey = await storedKeyOf(ctx.deps.store, view, ref, summary.kind, key);
        if (realKey !== null) changes = await ctx.deps.store.cellHistory(ref, realKey, field);
      }
      if (changes === null) throw apiError('not-found', 'No such sheet.');
      // A row that is not there has no history, whoever asks: an empty list, as for a clear caller.
      if (realKey === null) return { json: { key, field, changes: [] } satisfies HistoryResponse };
      const seen = await view.history(summary.kind, realKey, field, changes);
      if (seen === null) throw apiError('not-found', 'No such row.');
      const approvals = await approvalsByRevision(ctx.deps.store, view, ref, summary.kind, realKey, field);
      const changesSeen = seen.changes.map((c) => {
        const approval = approvals.get(c.revision);
        return approval === undefined ? c : { ...c, approval };
      });
      const body: HistoryResponse = { key: seen.key, field, changes: changesSeen };
      return { json: body };
    },
  }),
];
