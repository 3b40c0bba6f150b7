import type { RequestHandler } from 'express';
import { z } from 'zod';
import { CellValueSchema } from '../../shared/api/cells';
import { USER_SYNC_PATH } from '../../shared/api/paths';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import type { CellValue } from '../../shared/table/grid';
import { requireSubject, type Access } from '../access/enforce';
import { callerView, type UserRecord } from '../access/masking/caller-view';
import { CSV_CONTENT_TYPE, toCsv } from '../access/masking/csv';
import { requestLocale } from '../access/masking/locale';
import { apiError } from '../http/api-error';
import { stateOf } from '../http/request-state';
import { defineRoute, type RouteDefinition } from '../http/route';
import type { SyncedUser } from '../store/store-types';

/**
 * The handbook's user API (四(一)2): POST /api/v1/user/sync keeps its path and body, a user
 * being at least an id, a phone number and a registration time, with more fields (address,
 * age, ID number…) that the workspace's data classification governs. Listing them (JSON, CSV)
 * goes through the caller's view: masked roles get core fields masked, as the classification
 * says (address → province, age → band, identifiers → keyed pseudonyms, others → ***).
 */

export { USER_SYNC_PATH };
/** Where the user sync writes when the request names no workspace and USER_SYNC_WORKSPACE is unset. */
export const DEFAULT_USER_SYNC_WORKSPACE = 'default';
const MAX_USERS_PER_REQUEST = 10_000;
const MAX_FIELDS_PER_USER = 64;
const MAX_LIST = 1_000;
/** A CSV export is built in memory; beyond this many users it must be paged through the JSON API. */
const MAX_EXPORT = 200_000;

/**
 * The handbook's route takes its workspace from ?workspace= or an X-Workspace header, else the
 * service's default (USER_SYNC_WORKSPACE: "default", or the demo workspace under `npm start`);
 * the router reads a query parameter. This puts the header (or the default) into the query
 * before routing, so the route declares `workspace: { query: 'workspace' }` like any other and
 * the router authorizes it the same way, and notes where the name came from, so that a 403 can
 * say so. The value is validated by the router.
 */
export function userSyncWorkspace(defaultWorkspace: string = DEFAULT_USER_SYNC_WORKSPACE): RequestHandler {
  return (req, _res, next) => {
    // Express routes case-insensitively and with an optional trailing slash: so does this.
    if (req.path.toLowerCase().replace(/\/+$/, '') === USER_SYNC_PATH) {
      const query = req.url.indexOf('?');
      const has = query >= 0 && new URLSearchParams(req.url.slice(query + 1)).has('workspace');
      if (!has) {
        const header = req.get('X-Workspace');
        const fromHeader = header !== undefined && header.trim() !== '';
        const workspace = fromHeader ? header.trim() : defaultWorkspace;
        stateOf(req).workspaceFrom = fromHeader ? 'header' : 'default';
        req.url += `${query >= 0 ? '&' : '?'}workspace=${encodeURIComponent(workspace)}`;
      }
    }
    next();
  };
}

/** A user id as CRMs write them: text or a whole number, sent on as text. */
const UserIdSchema = z
  .union([z.string().trim().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)])
  .transform(String);

/** Loose but checked: an optional +, digits, and the usual separators; 5 to 20 digits. */
const PhoneSchema = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9][0-9 ()./-]*$/, 'digits, optionally with + ( ) - . / and spaces')
  .refine((p) => {
    const digits = p.replace(/\D/g, '').length;
    return digits >= 5 && digits <= 20;
  }, '5 to 20 digits');

const IsoInstantSchema = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** Extra fields: plain values only, names that cannot be mistaken for an object's internals. */
// The same values a sheet cell may hold: no control characters or lone surrogates, finite numbers.
const FieldValueSchema = CellValueSchema;
const FieldNameSchema = z
  .string()
  .regex(/^[\p{L}\p{N}_][\p{L}\p{N}_ .-]{0,63}$/u, 'a field name of letters, digits, "_", "-", "." or spaces')
  .refine((f) => !['__proto__', 'constructor', 'prototype'].includes(f), 'a reserved name');

/**
 * Field names are checked on the raw object, before zod builds its output: zod leaves a
 * `__proto__` key out of what it returns, so a check after parsing would never see it.
 */
const SyncUserSchema = z
  .unknown()
  .superRefine((raw, ctx) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
    const names = Object.keys(raw);
    if (names.length > MAX_FIELDS_PER_USER) ctx.addIssue({ code: 'custom', message: `at most ${MAX_FIELDS_PER_USER} fields` });
    for (const name of names) {
      if (!FieldNameSchema.safeParse(name).success) ctx.addIssue({ code: 'custom', path: [name], message: 'not a valid field name' });
    }
  })
  .pipe(z.object({ user_id: UserIdSchema, phone: PhoneSchema, registered_at: IsoInstantSchema }).catchall(FieldValueSchema));

export const UserSyncBodySchema = z
  .object({
    user_ids: z.array(UserIdSchema).max(MAX_USERS_PER_REQUEST),
    data_source: z.string().trim().min(1).max(100),
    timestamp: z.iso.datetime({ offset: true }),
    users: z.array(SyncUserSchema).min(1).max(MAX_USERS_PER_REQUEST),
  })
  .strict()
  .superRefine((body, ctx) => {
    // user_ids is the handbook's list of who is in this batch: it must be exactly the users sent.
    const listed = new Set(body.user_ids);
    const sent = new Set(body.users.map((u) => u.user_id));
    if (listed.size !== body.user_ids.length) ctx.addIssue({ code: 'custom', path: ['user_ids'], message: 'user_ids repeats an id' });
    if (sent.size !== body.users.length) ctx.addIssue({ code: 'custom', path: ['users'], message: 'two users have the same user_id' });
    const same = listed.size === sent.size && [...listed].every((id) => sent.has(id));
    if (!same) ctx.addIssue({ code: 'custom', path: ['user_ids'], message: 'user_ids must list exactly the user_id of every user sent' });
  });

const SyncResponseSchema = z.object({ synced: z.number().int().nonnegative() });
const UserRecordSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const ListResponseSchema = z.object({ users: z.array(UserRecordSchema), limit: z.number().int(), offset: z.number().int() });

/** Users belong to no department: an own-department role does not reach them; a grant about other data neither. */
function requireGlobal(access: Access): void {
  requireSubject(access, 'users');
  if (access.scope.kind !== 'global') {
    throw apiError('forbidden', `Your roles grant "${access.operation}" only for your own department, and user records belong to none.`, {
      operation: access.operation,
      reason: 'other-department',
      subject: 'users',
    });
  }
}

/** Columns of the export: the handbook's three, the others in order of first appearance, then the sync metadata. */
function columnsOf(records: readonly UserRecord[]): string[] {
  const first = ['user_id', 'phone', 'registered_at'];
  const last = ['data_source', 'synced_at'];
  const seen = new Set([...first, ...last]);
  const middle: string[] = [];
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (seen.has(k)) continue;
      seen.add(k);
      middle.push(k);
    }
  }
  return [...first, ...middle, ...last];
}

const WorkspaceParams = z.object({ workspace: WorkspaceNameSchema });

export const userRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'post',
    heavy: true,
    path: USER_SYNC_PATH,
    operation: 'modify',
    workspace: { query: 'workspace' },
    summary: "The handbook's user sync: upsert users by user_id (phone and registered_at required, more fields allowed).",
    description:
      `Workspace from ?workspace=, else the X-Workspace header, else the service's USER_SYNC_WORKSPACE ("${DEFAULT_USER_SYNC_WORKSPACE}" unless set; the demo workspace under npm start). A 403 names the workspace and how to name another. At most ${MAX_USERS_PER_REQUEST} users a request; ` +
      'user_ids must list exactly the ids of the users sent. Extra fields are text, numbers, booleans or null; the data classification governs how they leave.',
    tags: ['users'],
    query: z.object({ workspace: WorkspaceNameSchema }),
    body: UserSyncBodySchema,
    responses: { 200: { description: 'How many users were written.', schema: SyncResponseSchema } },
    handler: async ({ deps, principal, access, body }) => {
      requireGlobal(access);
      const syncedAt = deps.clock.now().toISOString();
      const users: SyncedUser[] = body.users.map(({ user_id, ...fields }) => ({
        userId: user_id,
        fields: fields as Record<string, string | number | boolean | null>,
        dataSource: body.data_source,
        syncedAt,
      }));
      const synced = await deps.store.upsertUsers(principal.tenantId, access.workspace, users);
      return { json: { synced } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces/:workspace/users',
    operation: 'view',
    summary: 'Synced users, by user_id; core fields masked for masked roles.',
    tags: ['users'],
    params: WorkspaceParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(MAX_LIST).default(100), offset: z.coerce.number().int().min(0).max(10_000_000).default(0) }),
    responses: { 200: { description: 'A page of users.', schema: ListResponseSchema } },
    handler: async (ctx) => {
      requireGlobal(ctx.access);
      const { limit, offset } = ctx.query;
      const users = await ctx.deps.store.listUsers(ctx.principal.tenantId, ctx.params.workspace, limit, offset);
      const view = callerView(ctx.deps, ctx.access, ctx.principal.tenantId, requestLocale(ctx.req));
      return { json: { users: await view.users(users), limit, offset } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces/:workspace/users.csv',
    heavy: true,
    operation: 'export',
    summary: 'Synced users as CSV for Excel (UTF-8 with BOM); core fields masked for masked roles; no cell can run as a formula.',
    tags: ['users'],
    params: WorkspaceParams,
    responses: { 200: { description: 'The CSV file, as an attachment.', contentType: CSV_CONTENT_TYPE }, 413: { description: `More than ${MAX_EXPORT} users: page through the JSON listing.` } },
    handler: async (ctx) => {
      requireGlobal(ctx.access);
      const { tenantId } = ctx.principal;
      const users: SyncedUser[] = [];
      for (let offset = 0; ; offset += MAX_LIST) {
        const page = await ctx.deps.store.listUsers(tenantId, ctx.params.workspace, MAX_LIST, offset);
        users.push(...page);
        if (users.length > MAX_EXPORT) throw apiError('payload-too-large', `More than ${MAX_EXPORT} users: page through GET …/users instead.`);
        if (page.length < MAX_LIST) break;
      }
      const view = callerView(ctx.deps, ctx.access, tenantId, requestLocale(ctx.req));
      const records = await view.users(users);
      const columns = columnsOf(records);
      // Own keys only: a column named like an Object method must not read one from the prototype.
      const rows = records.map((r) => columns.map((c): CellValue => (Object.hasOwn(r, c) ? (r[c] ?? null) : null)));
      return {
        content: toCsv(columns, rows),
        contentType: CSV_CONTENT_TYPE,
        headers: { 'Content-Disposition': `attachment; filename="users.csv"; filename*=UTF-8''${encodeURIComponent(`users-${ctx.params.workspace}.csv`)}`, 'Cache-Control': 'no-store' },
      };
    },
  }),
];
