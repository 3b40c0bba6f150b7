import { z } from 'zod';
import { DeleteRowHeadersSchema, PushHeadersSchema, baseRevisionOf, revisionTag } from '../../shared/api/headers';
import { RowKeySchema, SheetParamsSchema } from '../../shared/api/paths';
import { PullResponseSchema, PushBodySchema, PushResponseSchema, type PushBody } from '../../shared/api/sync';
import { syncRefusal } from '../../shared/api/sync-refusals';
import { KIND_DEFINITIONS } from '../../shared/kinds/definitions';
import { requireSubject } from '../access/enforce';
import { callerView } from '../access/masking/caller-view';
import { requestLocale } from '../access/masking/locale';
import { apiError } from '../http/api-error';
import { defineRoute, type RouteDefinition } from '../http/route';
import { streamJsonWithArray } from '../http/stream-json';
import type { EncodedPull, SheetReader } from '../store/sheet-reader';
import type { PulledRow, SheetRef } from '../store/store-types';
import type { PushAnswer } from '../sync/push-types';
import { refusalProblem } from '../sync/refusal-problem';
import { bodyRequestHashOf, requestHashOf } from '../sync/request-hash';
import { callerOf } from './caller';

/**
 * Sheets: push (PUT), pull (GET ?since=N), and the delete of one row (a delta push with one
 * delete). The routes parse and answer; the sync service (server/sync/) does the rest.
 */

const SHEET_PATH = '/api/v1/workspaces/:workspace/workbooks/:workbook/sheets/:sheet';

function pushReply(answer: PushAnswer): { status: number; json: PushAnswer['body']; headers: Record<string, string> } {
  return {
    status: answer.status,
    json: answer.body,
    headers: { ETag: revisionTag(answer.body.revision), ...(answer.replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
  };
}

/** A route with a body schema always has its bytes; without them a changed body would replay. */
function bodyBytesOf(bytes: Buffer | undefined): Buffer {
  if (bytes === undefined) throw new Error('a push without its body bytes');
  return bytes;
}

const PUSH_RESPONSES = {
  200: { description: 'Applied (or replayed): the new revision, the cells written, the conflicts not written, and the issues of the sheet as stored.', schema: PushResponseSchema },
  400: { description: 'Invalid body or headers; rows without a natural key or with a repeated one (errors[].path names the row).' },
  403: { description: "Your roles do not grant this operation here, or not for a row's department; rows removed without delete (reason delete-not-granted); a permission matrix or data classification changed by someone who is not an administrator (reason admin-only)." },
  404: { description: 'No such sheet (If-Match on a sheet that does not exist).' },
  409: { description: 'Another kind of sheet exists here; a matrix that would lock you out (reason admin-lockout); masked values that match no stored row (reason masked-value-unmatched); or a push with this Idempotency-Key is still running (Retry-After).' },
  412: { description: 'If-None-Match: * on an existing sheet, or If-Match names a revision the sheet never had.' },
  413: { description: 'More rows than SYNC_MAX_ROWS, or a body above SYNC_BODY_LIMIT.' },
  422: { description: 'The Idempotency-Key was used with another request.' },
  428: { description: 'Neither If-Match nor If-None-Match was sent.' },
} as const;

/**
 * A pull read and encoded on a reader thread (SQLite), or undefined when there is no reader or
 * it could not (busy, past its deadline, a dead thread): then the store reads it on this thread,
 * as it would without a reader, and the caller never sees the difference.
 */
async function pullOffThread(reader: SheetReader | null, ref: SheetRef, since: number): Promise<EncodedPull | null | undefined> {
  if (reader === null) return undefined;
  const read = await reader.pull(ref, since);
  return read.ok ? read.value : undefined;
}

export const sheetRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'put',
    heavy: true,
    path: SHEET_PATH,
    operation: 'modify',
    summary: 'Push a sheet: full or delta, merged cell by cell with what others pushed since your base revision.',
    description:
      'Headers: If-Match: "N" (the revision your copy started from) or If-None-Match: * (create); Idempotency-Key (required; a retry by the same user with the same key and body replays the first answer). ' +
      "Rows are keyed by their natural key, computed by the service from the kind's key fields. Cells changed by both sides are returned as conflicts and not written. " +
      'Removing rows (deletes, or rows left out of a full push) needs delete on them. A permission matrix or data classification is changed by an administrator only; pushed to the workspace\'s policy source, it becomes the policy.',
    tags: ['sync'],
    params: SheetParamsSchema,
    headers: PushHeadersSchema,
    body: PushBodySchema,
    responses: PUSH_RESPONSES,
    handler: async (ctx) => {
      const caller = callerOf(ctx);
      const base = baseRevisionOf(ctx.headers);
      if (base === undefined) throw refusalProblem(syncRefusal('precondition-required', {}), caller.locale);
      const { workspace, workbook, sheet } = ctx.params;
      const answer = await ctx.deps.sync.push(caller, {
        ref: { tenantId: ctx.principal.tenantId, workspace, workbook, sheet },
        body: ctx.body,
        baseRevision: base,
        idempotencyKey: ctx.headers['idempotency-key'],
        requestHash: bodyRequestHashOf(['PUT', workspace, workbook, sheet, base], bodyBytesOf(ctx.bodyBytes)),
      });
      if (!answer.ok) throw refusalProblem(answer.error, caller.locale);
      return pushReply(answer.value);
    },
  }),

  defineRoute({
    method: 'get',
    heavy: true,
    path: SHEET_PATH,
    operation: 'view',
    summary: 'Pull a sheet: the rows changed since a revision (all live rows from 0), deleted ones as tombstones.',
    description: 'Rows of other departments are left out for an own-department role; core fields are masked for a masked role.',
    tags: ['sync'],
    params: SheetParamsSchema,
    query: z.object({ since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0) }),
    responses: { 200: { description: 'The changes.', schema: PullResponseSchema }, 404: { description: 'No such sheet.' } },
    handler: async (ctx) => {
      const { workspace, workbook, sheet } = ctx.params;
      const ref = { tenantId: ctx.principal.tenantId, workspace, workbook, sheet };
      const encoded = await pullOffThread(ctx.deps.sheetReader, ref, ctx.query.since);
      const pulled = encoded === undefined ? await ctx.deps.store.pull(ref, ctx.query.since) : encoded;
      if (pulled === null) throw apiError('not-found', 'No such sheet.');
      requireSubject(ctx.access, KIND_DEFINITIONS[pulled.kind].subject);
      const view = callerView(ctx.deps, ctx.access, ctx.principal.tenantId, requestLocale(ctx.req));
      if ('rowsJson' in pulled && view.seesEveryRowInClear(pulled.kind)) {
        // Every row as stored: the reader thread's text is the answer, sent as it is.
        ctx.res.setHeader('ETag', revisionTag(pulled.revision));
        ctx.res.status(200).type('application/json');
        ctx.res.write(`{"kind":${JSON.stringify(pulled.kind)},"revision":${pulled.revision},"rows":`);
        ctx.res.write(Buffer.from(pulled.rowsJson.buffer, pulled.rowsJson.byteOffset, pulled.rowsJson.byteLength));
        ctx.res.end('}');
        return { handled: true };
      }
      const stored = 'rowsJson' in pulled ? (JSON.parse(Buffer.from(pulled.rowsJson).toString('utf8')) as PulledRow[]) : pulled.rows;
      const rows: PulledRow[] = await view.rows(pulled.kind, stored);
      // Streamed a thousand rows at a time: a 100k-row pull never holds the thread for one encode.
      await streamJsonWithArray(
        ctx.res,
        200,
        { kind: pulled.kind, revision: pulled.revision },
        'rows',
        rows.map((r) => ({ key: r.key, cells: r.cells, deleted: r.deleted, revision: r.revision })),
        { ETag: revisionTag(pulled.revision) },
      );
      return { handled: true };
    },
  }),

  defineRoute({
    method: 'delete',
    path: `${SHEET_PATH}/rows/:key`,
    operation: 'delete',
    summary: 'Delete one row by its natural key (a delta push with one delete).',
    description:
      'Idempotency-Key is required; If-Match: "N" is optional (default: the current revision; a row changed since N is a conflict, not deleted). ' +
      'Deleting a row that is not there changes nothing (changedCells 0), so a retry is harmless.',
    tags: ['sync'],
    params: SheetParamsSchema.extend({ key: RowKeySchema }),
    headers: DeleteRowHeadersSchema,
    responses: (({ 428: _none, ...rest }) => rest)(PUSH_RESPONSES),
    handler: async (ctx) => {
      const caller = callerOf(ctx);
      const given = ctx.headers['if-match'];
      const { workspace, workbook, sheet, key } = ctx.params;
      const ref = { tenantId: ctx.principal.tenantId, workspace, workbook, sheet };
      // The kind and revision only: one indexed listing, not a pull of every row.
      const current = (await ctx.deps.store.listSheets(ref.tenantId, workspace)).find((s) => s.workbook === workbook && s.sheet === sheet);
      if (current === undefined) throw apiError('not-found', 'No such sheet.');
      const body: PushBody = { kind: current.kind, mode: 'delta', rows: [], deletes: [key] };
      const answer = await ctx.deps.sync.push(caller, {
        ref,
        body,
        baseRevision: given ?? current.revision,
        idempotencyKey: ctx.headers['idempotency-key'],
        // The base as sent, not as defaulted: a retry after the delete applied must still replay.
        requestHash: requestHashOf(['DELETE', workspace, workbook, sheet, given ?? null, key], null),
      });
      if (!answer.ok) throw refusalProblem(answer.error, caller.locale);
      return pushReply(answer.value);
    },
  }),
];
