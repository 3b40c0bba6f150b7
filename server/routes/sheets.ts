import { createHash, webcrypto } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import type { FieldError } from '../../shared/api/problem';
import { PullResponseSchema, PushBodySchema, PushResponseSchema, type PushBody, type PushResponse } from '../../shared/api/sync';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import type { Locale } from '../../shared/i18n/locale';
import { naturalKeyer } from '../../shared/kinds/kind-specs';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import { fail, ok, type Result } from '../../shared/result';
import { sheetIssues } from '../../shared/workbook/sheet-issues';
import type { AppDeps } from '../app';
import type { Principal } from '../access/identity';
import { callerView, type CallerView } from '../access/masking/caller-view';
import { requestLocale } from '../access/masking/locale';
import { restoreMaskedCells } from '../access/masking/round-trip';
import { departmentOfCells, departmentOfKey, hasDepartment, rowAccessor } from '../access/masking/row-access';
import type { Cells } from '../access/masking/sheet-masking';
import { localDate } from '../clock/local-date';
import { apiError, type ApiError } from '../http/api-error';
import { stateOf } from '../http/request-state';
import { defineRoute, type RouteContext, type RouteDefinition } from '../http/route';
import type { Operation } from '../../shared/engine/policy';
import { rowsJsonOf } from '../analysis/rows-json';
import { sortedByKey } from '../store/merge';
import type { PulledRow, PullResult, PushObserver, PushRequest, SheetRef, SyncRow } from '../store/store-types';
import { locksOut, lockoutError, policyFromMatrixRows, policyGroups } from './policy';

/**
 * Sheets: push (PUT), pull (GET ?since=N), and the delete of one row — a delta push with one
 * delete. The push pipeline is exported for uploads and the demo seed: preparePush checks
 * everything that can be checked before writing (row limit, natural keys, department scope,
 * masked round trips, the matrix lock-out), runPush writes through the store in one transaction
 * and turns its answer into the API's.
 */

// ---------------------------------------------------------------------------------------------
// Inputs

/** A workbook or sheet name in a URL: what Excel allows and a little more, never control characters. */
export const ObjectNameSchema = z.string().min(1).max(255).regex(/^[^\u0000-\u001f\u007f]+$/, 'a name without control characters');

export const SheetParamsSchema = z.object({ workspace: WorkspaceNameSchema, workbook: ObjectNameSchema, sheet: ObjectNameSchema });

/** 1-255 printable ASCII characters: a UUID, a ULID, or the add-in's own keys. */
const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/, '1-255 printable ASCII characters without spaces');

function headerError(header: string, message: string, code = 'invalid_format'): ApiError {
  const errors: FieldError[] = [{ in: 'headers', path: `/${header.toLowerCase()}`, code, message }];
  return apiError('validation', `The ${header} header is not valid: ${message}.`, { errors });
}

/** The Idempotency-Key header, required on every write. */
export function idempotencyKeyOf(req: Request): string {
  const raw = req.get('Idempotency-Key');
  if (raw === undefined) {
    throw apiError('validation', 'Send an Idempotency-Key header (a fresh UUID per logical push, the same on its retries).', {
      errors: [{ in: 'headers', path: '/idempotency-key', code: 'missing', message: 'required' }],
    });
  }
  const parsed = IdempotencyKeySchema.safeParse(raw);
  if (!parsed.success) throw headerError('Idempotency-Key', '1-255 printable ASCII characters without spaces');
  return parsed.data;
}

/**
 * If-Match: "N" (the revision the push started from; W/"N" and a bare N are read too) or
 * If-None-Match: * (create). Neither: 428, because a push without a base would silently
 * overwrite what others pushed. `optional`: the caller may default to the current revision.
 */
export function baseRevisionOf(req: Request, optional = false): number | null | undefined {
  const ifMatch = req.get('If-Match');
  const ifNoneMatch = req.get('If-None-Match');
  if (ifMatch !== undefined && ifNoneMatch !== undefined) throw headerError('If-Match', 'send either If-Match or If-None-Match, not both');
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') throw headerError('If-None-Match', 'only * (create the sheet) is understood');
    return null;
  }
  if (ifMatch === undefined) {
    if (optional) return undefined;
    throw apiError('precondition-required', 'Send If-Match: "<revision>" (the revision your copy started from), or If-None-Match: * to create the sheet.');
  }
  const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(ifMatch);
  if (!m) throw headerError('If-Match', 'one revision as an entity tag, such as "3"');
  return Number(m[1]);
}

/** A route with a body schema always has its bytes; without them a changed body would replay. */
function bodyBytesOf(bytes: Buffer | undefined): Buffer {
  if (bytes === undefined) throw new Error('a push without its body bytes');
  return bytes;
}

export function etag(revision: number): string {
  return `"${revision}"`;
}

/**
 * What a retry with the same Idempotency-Key must repeat exactly: method, sheet, base, body.
 * `bodyBytes`: the body as received, hashed as it is rather than serialised again from its
 * parsed value (a retry sends the same bytes; 9 MB of rows need not be stringified twice).
 */
export function requestHashOf(parts: readonly unknown[], bodyBytes: Uint8Array | null): string {
  const hash = createHash('sha256').update(JSON.stringify(parts));
  if (bodyBytes !== null) hash.update('\n').update(bodyBytes);
  return hash.digest('hex');
}

/**
 * requestHashOf of a body, computed on libuv's thread pool (WebCrypto digests there) while
 * this thread goes on checking the push: ~25 ms of a 9 MB push's body off its critical path.
 */
export async function bodyRequestHashOf(parts: readonly unknown[], bodyBytes: Uint8Array): Promise<string> {
  const data = Buffer.concat([Buffer.from(`${JSON.stringify(parts)}\n`), bodyBytes]);
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', data)).toString('hex');
}

// ---------------------------------------------------------------------------------------------
// The push pipeline

export type PushDeps = Pick<AppDeps, 'store' | 'config' | 'graph' | 'pseudonymKey' | 'issueAnalyser'>;

export interface PushContext {
  readonly deps: PushDeps;
  readonly principal: Principal;
  /** The caller's bearer token, for Graph's on-behalf-of group lookup only; '' when there is none. */
  readonly assertion: string;
  readonly view: CallerView;
  readonly locale: Locale;
  /** 'YYYY-MM-DD': overdue checks of the issues. */
  readonly today: string;
}

export interface PushCommand {
  readonly ref: SheetRef;
  readonly body: PushBody;
  readonly baseRevision: number | null;
  readonly idempotencyKey: string;
  /** A promise when it is being computed off this thread (bodyRequestHashOf). */
  readonly requestHash: string | Promise<string>;
}

export interface PreparedPush {
  readonly request: PushRequest;
}

export interface PushAnswer {
  readonly status: number;
  readonly body: PushResponse;
  readonly replayed: boolean;
}

const MAX_ROW_ERRORS = 50;

/**
 * Natural keys of the pushed rows; a row without one, or two rows with one key, refuse the
 * push. The rows come back in key order: repeated keys are then next to each other (no map
 * of 100k keys to find them), and the store, which writes in key order, need not sort again.
 */
function keyedRows(kind: SheetKind, rows: readonly Cells[]): SyncRow[] {
  // By row, so that the first errors of the request are the ones answered.
  const errors: Array<{ readonly index: number; readonly error: FieldError }> = [];
  const keyed: IndexedRow[] = [];
  const naturalKey = naturalKeyer(kind);
  for (let index = 0; index < rows.length; index++) {
    const cells = rows[index]!;
    const key = naturalKey(cells);
    // Never the values: a key may be made of core fields.
    if (key === null) errors.push({ index, error: { in: 'body', path: `/rows/${index}`, code: 'missing-key', message: `row ${index} has an empty key field` } });
    else keyed.push({ key, cells, index });
  }
  // Stable: within a run of one key, the first row pushed comes first.
  const sorted = sortedByKey(keyed);
  let first = 0;
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.key !== sorted[first]!.key) {
      first = i;
      continue;
    }
    const { index } = sorted[i]!;
    errors.push({ index, error: { in: 'body', path: `/rows/${index}`, code: 'duplicate-key', message: `row ${index} has the same key as row ${sorted[first]!.index}` } });
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.index - b.index);
    throw apiError('validation', `${errors.length} row(s) have no natural key or repeat one; nothing was written.`, {
      reason: 'row-keys',
      errors: errors.slice(0, MAX_ROW_ERRORS).map((e) => e.error),
    });
  }
  return sorted;
}

interface IndexedRow extends SyncRow {
  /** Its place in the request, for error paths. */
  readonly index: number;
}

/** Own-department callers may write rows of their own department only. */
function checkScope(ctx: PushContext, kind: SheetKind, rows: readonly SyncRow[], deletes: readonly string[]): void {
  const access = ctx.view.access;
  if (access.scope.kind === 'global') return;
  if (!hasDepartment(kind)) {
    throw apiError('forbidden', `Your roles grant "${access.operation}" only for your own department, and this sheet holds no department.`, {
      operation: access.operation,
      reason: 'other-department',
    });
  }
  const decide = rowAccessor(access, kind);
  const outside = [
    ...rows.flatMap((r, i) => (decide(departmentOfCells(r.cells)).visible ? [] : [`/rows/${i}`])),
    ...deletes.flatMap((k, i) => (decide(departmentOfKey(kind, k)).visible ? [] : [`/deletes/${i}`])),
  ];
  if (outside.length > 0) {
    throw apiError('forbidden', `Your roles grant "${access.operation}" only for your own department; ${outside.length} row(s) belong to another.`, {
      operation: access.operation,
      reason: 'other-department',
      errors: outside.slice(0, MAX_ROW_ERRORS).map((path) => ({ in: 'body' as const, path, code: 'other-department', message: 'another department' })),
    });
  }
}

/** The matrix as it would stand after this push, if nothing else changes meanwhile. */
function matrixAfter(body: PushBody, rows: readonly SyncRow[], deletes: readonly string[], current: PullResult | null): Cells[] {
  if (body.mode === 'full' || current === null) return rows.map((r) => r.cells);
  const result = new Map<string, Cells>(current.rows.filter((r) => !r.deleted).map((r) => [r.key, r.cells]));
  for (const r of rows) result.set(r.key, { ...(result.get(r.key) ?? {}), ...r.cells });
  for (const k of deletes) result.delete(k);
  return [...result.values()];
}

/**
 * Everything checked before the store is touched; throws the ApiError that answers the request.
 * The store's own refusals (stale or unknown revision, another kind…) come from runPush.
 */
export async function preparePush(ctx: PushContext, command: PushCommand): Promise<PreparedPush> {
  const { body, ref } = command;
  const { store, config } = ctx.deps;
  const access = ctx.view.access;
  const maxRows = config.sync.maxRows;
  if (body.rows.length + body.deletes.length > maxRows) {
    throw apiError('payload-too-large', `This push carries ${body.rows.length + body.deletes.length} rows and deletes; the service takes at most ${maxRows} in one push. Raise SYNC_MAX_ROWS in the service's environment, or split the sheet into delta pushes.`, {
      limitRows: maxRows,
    });
  }
  let rows = keyedRows(body.kind, body.rows.map((r) => r.cells));
  let deletes = [...body.deletes];
  checkScope(ctx, body.kind, rows, deletes);

  const decide = rowAccessor(access, body.kind);
  const maskedFor = (cells: Cells): boolean => decide(departmentOfCells(cells)).masked;
  const masking = !ctx.view.seesEveryRowInClear() && rows.some((r) => maskedFor(r.cells)) ? await ctx.view.masking(body.kind) : null;
  const scopedFull = access.scope.kind !== 'global' && body.mode === 'full' && command.baseRevision !== null;
  const needsCurrent = (masking !== null && masking.active) || scopedFull || body.kind === 'permissions';
  const current = needsCurrent && command.baseRevision !== null ? await store.pull(ref, 0) : null;
  if (current !== null && current.kind !== body.kind) {
    throw apiError('conflict', `The sheet exists with kind "${current.kind}", not "${body.kind}".`, { reason: 'kind-mismatch' });
  }

  if (masking !== null && masking.active && current !== null) {
    // Masked values pushed back unchanged must not overwrite what they mask.
    const restored = restoreMaskedCells(body.kind, rows.map((r) => r.cells), current.rows, masking, maskedFor);
    rows = keyedRows(body.kind, restored);
  }

  let mode = body.mode;
  if (scopedFull && current !== null) {
    // A full push from an own-department caller replaces their department's rows, never the
    // others' (which it cannot see, so its absence of them means nothing): a delta that deletes
    // the caller's own rows the push leaves out.
    const pushed = new Set(rows.map((r) => r.key));
    const own = current.rows.filter((r) => !r.deleted && decide(departmentOfCells(r.cells)).visible);
    deletes = [...new Set([...deletes, ...own.filter((r) => !pushed.has(r.key)).map((r) => r.key)])];
    mode = 'delta';
  }

  if (body.kind === 'permissions') {
    const policy = policyFromMatrixRows(matrixAfter(body, rows, deletes, current));
    const groups = await policyGroups(ctx.deps.graph, ctx.principal, ctx.assertion, policy);
    if (!groups.ok) throw groups.error;
    if (locksOut(policy, ctx.principal, groups.value)) throw lockoutError();
  }

  return {
    request: {
      ref,
      kind: body.kind,
      baseRevision: command.baseRevision,
      mode,
      rows,
      deletes,
      actor: { tenantId: ctx.principal.tenantId, userId: ctx.principal.userId, email: ctx.principal.email },
      idempotencyKey: command.idempotencyKey,
      requestHash: await command.requestHash,
    },
  };
}

/** The stored answer of a first attempt, as store.push keeps it. */
const StoredOutcomeSchema = PushResponseSchema.omit({ issues: true });

/**
 * Kinds whose checks look at one row at a time (a metric value: its period and its number; a
 * repeated key cannot be stored). A delta push of such a sheet is answered with the issues of
 * the rows it changed, as stored: the same issues the whole sheet would give for those rows,
 * without re-reading and re-checking 100k unchanged rows on every 10-cell delta (the delta
 * sync budget is 5% of a full sync). Every other kind has checks across rows (weights adding up
 * to 100%, dependencies, cycles…) and is analysed whole.
 */
const ROW_LOCAL_KINDS: ReadonlySet<SheetKind> = new Set(['metrics']);

/** Which stored rows the issues of a push are computed from: all (0), or those changed after a revision. */
function issuesSince(request: PushRequest, revision: number, changedCells: number): number | null {
  if (request.mode !== 'delta' || !ROW_LOCAL_KINDS.has(request.kind)) return 0;
  // Nothing changed: no row to check (the issues of the rows as they were have been answered before).
  return changedCells === 0 ? null : revision - 1;
}

/**
 * The shared analysis of the sheet as stored (or of its rows changed after `since`), as this
 * caller may see it. `known`: the sheet as the push just left it, when the store answered it
 * (what pull(ref, 0) would read back), so that a 100k-row push is not read back to be checked.
 */
export async function storedIssues(
  ctx: PushContext,
  ref: SheetRef,
  kind: SheetKind,
  since: number | null = 0,
  known?: PullResult,
): Promise<PushResponse['issues']> {
  if (since === null) return [];
  const pulled = since === 0 && known !== undefined ? known : await ctx.deps.store.pull(ref, since);
  if (pulled === null || pulled.kind !== kind) return [];
  const rows = await ctx.view.rows(kind, pulled.rows.filter((r) => !r.deleted));
  return sheetIssues({ sheet: ref.sheet, kind, rows: rows.map((r) => r.cells), today: ctx.today, locale: ctx.locale });
}

/** The stored matrix, compiled, becomes the workspace policy. */
async function applyMatrix(ctx: PushContext, ref: SheetRef, revision: number, known?: PullResult): Promise<void> {
  const pulled = known ?? (await ctx.deps.store.pull(ref, 0));
  if (pulled === null || pulled.kind !== 'permissions') return;
  const policy = policyFromMatrixRows(pulled.rows.filter((r) => !r.deleted).map((r) => r.cells));
  await ctx.deps.store.setPolicy(ref.tenantId, ref.workspace, policy, revision);
}

/**
 * The issues of the sheet a push is about to store, analysed while the store writes it, when
 * the store can tell what it will hold (see PushObserver) and this caller sees it all as stored.
 * Whenever the store tells, the answer's issues are those of the whole sheet (a full push, or
 * a new sheet), which is what storedIssues would compute after the commit.
 */
function issuesWhileWriting(ctx: PushContext, request: PushRequest): { observer: PushObserver | undefined; issues: () => Promise<PushResponse['issues']> | null } {
  const analyser = ctx.deps.issueAnalyser;
  let started: Promise<PushResponse['issues']> | null = null;
  if (analyser === undefined || !ctx.view.seesEveryRowInClear()) return { observer: undefined, issues: () => null };
  const observer: PushObserver = {
    beforeWrite: ({ rowCells }) => {
      started = analyser.analyse({ sheet: request.ref.sheet, kind: request.kind, today: ctx.today, locale: ctx.locale, rowsJson: rowsJsonOf(rowCells) });
      // Awaited only if the push is applied; a push that rolls back drops it.
      started.catch(() => undefined);
    },
  };
  return { observer, issues: () => started };
}

export async function runPush(ctx: PushContext, prepared: PreparedPush): Promise<Result<PushAnswer, ApiError>> {
  const { request } = prepared;
  const early = issuesWhileWriting(ctx, request);
  const result = await ctx.deps.store.push(request, early.observer);
  switch (result.status) {
    case 'applied': {
      const { outcome } = result;
      const since = issuesSince(request, outcome.revision, outcome.changedCells);
      if (request.kind === 'permissions') await applyMatrix(ctx, request.ref, outcome.revision, result.sheet);
      const analysed = since === 0 ? early.issues() : null;
      const body: PushResponse = {
        revision: outcome.revision,
        changedCells: outcome.changedCells,
        conflicts: await ctx.view.conflicts(request.kind, outcome.conflicts),
        issues: analysed !== null ? await analysed : await storedIssues(ctx, request.ref, request.kind, since, result.sheet),
      };
      return ok({ status: 200, body, replayed: false });
    }
    case 'replay': {
      const stored = StoredOutcomeSchema.safeParse(result.body);
      if (!stored.success) throw new Error('store: a replayed push answer is not a push outcome');
      // The first answer's revision and conflicts, as stored; issues of the sheet as it is now.
      const body: PushResponse = {
        ...stored.data,
        conflicts: await ctx.view.conflicts(request.kind, stored.data.conflicts),
        issues: await storedIssues(ctx, request.ref, request.kind, issuesSince(request, stored.data.revision, stored.data.changedCells)),
      };
      return ok({ status: result.httpStatus, body, replayed: true });
    }
    case 'key-reused':
      return fail(apiError('idempotency-key-reused', 'This Idempotency-Key was used with another request; use a fresh key for a new push.'));
    case 'in-progress':
      return fail(apiError('idempotency-in-progress', 'A push with this Idempotency-Key is still being applied; retry shortly.', {}, { headers: { 'Retry-After': '1' } }));
    case 'exists':
      return fail(apiError('precondition-failed', 'The sheet already exists: pull it, then push with If-Match: "<revision>".', { reason: 'exists' }));
    case 'not-found':
      return fail(apiError('not-found', 'No such sheet; create it with If-None-Match: *.', { reason: 'sheet-not-found' }));
    case 'kind-mismatch':
      return fail(apiError('conflict', `The sheet exists with another kind than "${request.kind}".`, { reason: 'kind-mismatch' }));
    case 'stale-unknown':
      return fail(
        apiError('precondition-failed', `If-Match names a revision this sheet never had; its revision is ${result.current}.`, {
          reason: 'unknown-revision',
          revision: result.current,
        }),
      );
  }
}

/** The push context of a request: its caller, their view, their language, today. */
export function pushContextOf(ctx: RouteContext<unknown, unknown, unknown, Operation>): PushContext {
  const auth = stateOf(ctx.req).authentication;
  const locale = requestLocale(ctx.req);
  return {
    deps: ctx.deps,
    principal: ctx.principal,
    assertion: auth.kind === 'authenticated' ? auth.assertion : '',
    view: callerView(ctx.deps, ctx.access, ctx.principal.tenantId, locale),
    locale,
    today: localDate(ctx.deps.clock.now()),
  };
}

function pushReply(answer: PushAnswer): { status: number; json: PushResponse; headers: Record<string, string> } {
  return {
    status: answer.status,
    json: answer.body,
    headers: { ETag: etag(answer.body.revision), ...(answer.replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
  };
}

// ---------------------------------------------------------------------------------------------
// Routes

const SHEET_PATH = '/api/v1/workspaces/:workspace/workbooks/:workbook/sheets/:sheet';

const PUSH_RESPONSES = {
  200: { description: 'Applied (or replayed): the new revision, the cells written, the conflicts not written, and the issues of the sheet as stored.', schema: PushResponseSchema },
  400: { description: 'Invalid body or headers; rows without a natural key or with a repeated one (errors[].path names the row).' },
  403: { description: 'Your roles do not grant this operation here, or not for a row\'s department.' },
  404: { description: 'No such sheet (If-Match on a sheet that does not exist).' },
  409: { description: 'Another kind of sheet exists here; a matrix that would lock you out (reason admin-lockout); or a push with this Idempotency-Key is still running (Retry-After).' },
  412: { description: 'If-None-Match: * on an existing sheet, or If-Match names a revision the sheet never had.' },
  413: { description: 'More rows than SYNC_MAX_ROWS, or a body above SYNC_BODY_LIMIT.' },
  422: { description: 'The Idempotency-Key was used with another request.' },
  428: { description: 'Neither If-Match nor If-None-Match was sent.' },
} as const;

export const sheetRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'put',
    path: SHEET_PATH,
    operation: 'modify',
    summary: 'Push a sheet: full or delta, merged cell by cell with what others pushed since your base revision.',
    description:
      'Headers: If-Match: "N" (the revision your copy started from) or If-None-Match: * (create); Idempotency-Key (required; a retry with the same key and body replays the first answer). ' +
      'Rows are keyed by their natural key, computed by the service from the kind\'s key fields. Cells changed by both sides are returned as conflicts and not written. ' +
      'A permission-matrix sheet becomes the workspace policy.',
    tags: ['sync'],
    params: SheetParamsSchema,
    body: PushBodySchema,
    responses: PUSH_RESPONSES,
    handler: async (ctx) => {
      const baseRevision = baseRevisionOf(ctx.req) ?? null;
      const idempotencyKey = idempotencyKeyOf(ctx.req);
      const { workspace, workbook, sheet } = ctx.params;
      const push = pushContextOf(ctx);
      const prepared = await preparePush(push, {
        ref: { tenantId: ctx.principal.tenantId, workspace, workbook, sheet },
        body: ctx.body,
        baseRevision,
        idempotencyKey,
        requestHash: bodyRequestHashOf(['PUT', workspace, workbook, sheet, baseRevision], bodyBytesOf(ctx.bodyBytes)),
      });
      const answer = await runPush(push, prepared);
      if (!answer.ok) throw answer.error;
      return pushReply(answer.value);
    },
  }),

  defineRoute({
    method: 'get',
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
      const pulled = await ctx.deps.store.pull({ tenantId: ctx.principal.tenantId, workspace, workbook, sheet }, ctx.query.since);
      if (pulled === null) throw apiError('not-found', 'No such sheet.');
      const view = callerView(ctx.deps, ctx.access, ctx.principal.tenantId, requestLocale(ctx.req));
      const rows: PulledRow[] = await view.rows(pulled.kind, pulled.rows);
      return {
        json: { kind: pulled.kind, revision: pulled.revision, rows: rows.map((r) => ({ key: r.key, cells: r.cells, deleted: r.deleted, revision: r.revision })) },
        headers: { ETag: etag(pulled.revision) },
      };
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
    params: SheetParamsSchema.extend({ key: z.string().min(1).max(1024) }),
    responses: (({ 428: _none, ...rest }) => rest)(PUSH_RESPONSES),
    handler: async (ctx) => {
      const idempotencyKey = idempotencyKeyOf(ctx.req);
      const given = baseRevisionOf(ctx.req, true);
      if (given === null) throw headerError('If-None-Match', 'a delete cannot create a sheet');
      const { workspace, workbook, sheet, key } = ctx.params;
      const ref = { tenantId: ctx.principal.tenantId, workspace, workbook, sheet };
      const current = await ctx.deps.store.pull(ref, 0);
      if (current === null) throw apiError('not-found', 'No such sheet.');
      const baseRevision = given ?? current.revision;
      const body: PushBody = { kind: current.kind, mode: 'delta', rows: [], deletes: [key] };
      const push = pushContextOf(ctx);
      const prepared = await preparePush(push, {
        ref,
        body,
        baseRevision,
        idempotencyKey,
        // The base as sent, not as defaulted: a retry after the delete applied must still replay.
        requestHash: requestHashOf(['DELETE', workspace, workbook, sheet, given ?? null, key], null),
      });
      const answer = await runPush(push, prepared);
      if (!answer.ok) throw answer.error;
      return pushReply(answer.value);
    },
  }),
];
