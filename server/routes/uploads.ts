import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { UploadHeadersSchema } from '../../shared/api/headers';
import { ObjectNameSchema, XLSX_CONTENT_TYPE } from '../../shared/api/paths';
import { PushBodySchema, type SheetKindSchema } from '../../shared/api/sync';
import { UploadQuerySchema, UploadResponseSchema, type StoredSheet, type UploadResponse } from '../../shared/api/uploads';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import { localizeIssue } from '../../shared/i18n/messages';
import { refusalMessage } from '../../shared/i18n/refusal-messages';
import type { SheetGrid } from '../../shared/table/grid';
import { readTable } from '../../shared/table/locate';
import { recogniseSheet } from '../../shared/workbook/analyse';
import { apiError } from '../http/api-error';
import { defineRoute, type RouteDefinition } from '../http/route';
import type { PreparedPush } from '../sync/push-types';
import { refusalProblem } from '../sync/refusal-problem';
import { requestHashOf } from '../sync/request-hash';
import { syncRefusalMessage } from '../../shared/i18n/sync-refusal-messages';
import { checkInWorker } from '../analysis/workbook-check';
import { readWorkbookGuarded } from '../workbook/guarded-read';
import { DEFAULT_READ_LIMITS } from '../workbook/limits';
import { callerOf } from './caller';

/**
 * An .xlsx posted instead of synced from the add-in: read by the guarded reader (size and ratio
 * checks, then a worker with a memory limit — a hostile file is refused, never a crash), checked
 * by the same shared engine, answered with its sheets and issues. With ?store=true every
 * recognised sheet is also pushed in full into the workbook named by ?workbook= (default: the
 * uploaded file's name), all sheets checked before any is written.
 */

const XLSX_TYPE = XLSX_CONTENT_TYPE;
/** The guarded reader refuses anything bigger, so reading more of the body would be waste. */
const UPLOAD_LIMIT_BYTES = DEFAULT_READ_LIMITS.maxFileBytes;
const DEFAULT_WORKBOOK = 'upload.xlsx';

const rawBody: RequestHandler = express.raw({ type: () => true, limit: UPLOAD_LIMIT_BYTES });

function readRaw(req: Request, res: Response): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    void rawBody(req, res, (err?: unknown) => (err ? reject(err) : resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0))));
  });
}

/** The file name a client sent (Content-Disposition: attachment; filename="…"), when it is a valid name. */
function fileNameOf(req: Request): string | null {
  const header = req.get('Content-Disposition') ?? '';
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  let name: string | null = null;
  try {
    name = star ? decodeURIComponent(star[1]!.trim()) : (/filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? /filename\s*=\s*([^;\s]+)/i.exec(header)?.[1] ?? null);
  } catch {
    name = null;
  }
  if (name === null) return null;
  const base = path.basename(name.replace(/\\/g, '/'));
  return ObjectNameSchema.safeParse(base).success ? base : null;
}

/** A sheet's table as push rows: the located table, cells by field, exactly as the checks read it. */
function tableOf(grid: SheetGrid): { kind: z.infer<typeof SheetKindSchema>; rows: Record<string, unknown>[] } | null {
  const found = recogniseSheet(grid);
  if (!found) return null;
  const table = readTable(grid, found.header);
  return { kind: found.room.kind, rows: table.rows.map((r) => ({ ...r.cells })) };
}

/** One key per sheet from the request's: a retry of the upload replays every sheet's push. */
function sheetKey(requestKey: string, workbook: string, sheet: string): string {
  return `upload:${createHash('sha256').update(`${requestKey}\u0000${workbook}\u0000${sheet}`).digest('hex')}`;
}

export const uploadRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'post',
    heavy: true,
    path: '/api/v1/workspaces/:workspace/uploads',
    operation: 'modify',
    summary: 'Upload an .xlsx: its recognised sheets and their issues; with ?store=true also stored, one full push per sheet.',
    description:
      `Body: the file itself, Content-Type ${XLSX_TYPE}, at most ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MiB. A refused file (not a workbook, encrypted, ` +
      'a zip bomb, too many cells…) is a 422 refused-workbook problem and nothing is stored. With ?store=true an Idempotency-Key is required; ' +
      '?workbook= names the workbook (default: the filename of Content-Disposition, else upload.xlsx).',
    tags: ['uploads'],
    params: z.object({ workspace: WorkspaceNameSchema }),
    query: UploadQuerySchema,
    headers: UploadHeadersSchema,
    responses: {
      200: { description: 'The sheets, their issues, and what was stored.', schema: UploadResponseSchema },
      403: { description: 'Your roles do not grant modify here, or (to store) not for a row\'s department.' },
      409: { description: 'To store: a permission matrix that would lock you out (reason admin-lockout); nothing was stored.' },
      413: { description: 'The file is larger than the limit.' },
      415: { description: `The body is not ${XLSX_TYPE}.` },
      422: { description: 'The workbook was refused (refused-workbook), with the reason in the caller\'s language.' },
    },
    handler: async (ctx) => {
      if (!ctx.req.is([XLSX_TYPE, 'application/octet-stream'])) throw apiError('unsupported-media-type', `Send the workbook as ${XLSX_TYPE}.`);
      // Checked before the body is read: a store without a key could not be retried safely.
      const requestKey = ctx.query.store ? ctx.headers['idempotency-key'] : null;
      if (requestKey === undefined) {
        throw apiError('validation', 'Send an Idempotency-Key header (a fresh UUID per logical push, the same on its retries).', {
          errors: [{ in: 'headers', path: '/idempotency-key', code: 'missing', message: 'required' }],
        });
      }
      const workbook = ctx.query.workbook ?? fileNameOf(ctx.req) ?? DEFAULT_WORKBOOK;
      const push = callerOf(ctx);

      const bytes = await readRaw(ctx.req, ctx.res);
      if (bytes.length === 0) throw apiError('bad-request', 'The request body is empty: send the .xlsx file.');
      const dir = await mkdtemp(path.join(tmpdir(), 'ops-upload-'));
      let imported: Awaited<ReturnType<typeof readWorkbookGuarded>>;
      try {
        const file = path.join(dir, 'upload.xlsx');
        await writeFile(file, bytes, { mode: 0o600 });
        imported = await readWorkbookGuarded(file);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      if (!imported.ok) {
        throw apiError('refused-workbook', refusalMessage(imported.error, push.locale), { refusal: imported.error.code });
      }
      const grids = imported.value.sheets;
      // Checked on a worker with a deadline: no upload can hold the service's thread.
      const checked = await checkInWorker(grids, { today: push.today, timeoutMs: ctx.deps.config.analysisTimeoutMs });
      if (!checked.ok) throw apiError('refused-workbook', refusalMessage(checked.error, push.locale), { refusal: checked.error.code });
      const answer: UploadResponse = {
        sheets: checked.value.sheets.map((s) => ({ name: s.name, kind: s.kind })),
        issues: checked.value.issues.map((i) => localizeIssue(i, push.locale)),
      };
      if (requestKey === null) return { json: answer };

      // Every sheet validated, keyed, scoped and checked before the first is written.
      const existing = new Map(
        (await ctx.deps.store.listSheets(ctx.principal.tenantId, ctx.params.workspace)).filter((s) => s.workbook === workbook).map((s) => [s.sheet, s.revision]),
      );
      const prepared: { sheet: string; kind: z.infer<typeof SheetKindSchema>; push: PreparedPush }[] = [];
      for (const grid of grids) {
        const table = tableOf(grid);
        if (table === null) continue;
        const sheetName = ObjectNameSchema.safeParse(grid.name);
        const body = PushBodySchema.safeParse({ kind: table.kind, mode: 'full', rows: table.rows.map((cells) => ({ cells })), deletes: [] });
        if (!sheetName.success || !body.success) {
          throw apiError('validation', `Sheet "${sheetName.success ? sheetName.data : '?'}" holds values that cannot be stored (control characters, or text longer than Excel allows); nothing was stored.`, {
            reason: 'unstorable-sheet',
          });
        }
        const sheet = sheetName.data;
        const ready = await ctx.deps.sync.prepare(push, {
          ref: { tenantId: ctx.principal.tenantId, workspace: ctx.params.workspace, workbook, sheet },
          body: body.data,
          baseRevision: existing.get(sheet) ?? null,
          idempotencyKey: sheetKey(requestKey, workbook, sheet),
          // Without the base revision: a retry after the first upload stored must replay, not differ.
          requestHash: requestHashOf(['UPLOAD', ctx.params.workspace, workbook, sheet, body.data], null),
        });
        if (!ready.ok) throw refusalProblem(ready.error, push.locale, `Sheet "${sheet}": `);
        prepared.push({ sheet, kind: table.kind, push: ready.value });
      }

      const stored: StoredSheet[] = [];
      for (const p of prepared) {
        const result = await ctx.deps.sync.commit(push, p.push);
        stored.push(
          result.ok
            ? {
                sheet: p.sheet,
                kind: p.kind,
                status: 'stored',
                revision: result.value.body.revision,
                changedCells: result.value.body.changedCells,
                conflicts: result.value.body.conflicts,
                ...(result.value.body.pending !== undefined ? { pending: result.value.body.pending } : {}),
              }
            : { sheet: p.sheet, kind: p.kind, status: 'refused', code: result.error.code, detail: syncRefusalMessage(result.error, push.locale) },
        );
      }
      return { json: { ...answer, stored: { workbook, sheets: stored } } };
    },
  }),
];
