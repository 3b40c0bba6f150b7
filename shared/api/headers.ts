import { z } from 'zod';

/**
 * The request headers of the sync API, declared like parameters and bodies: the service parses
 * them with these schemas (server/http/route.ts, step 2), /api/openapi.json documents them, and
 * the add-in's client builds them from the same rules. Names are lower case, as Node reads them.
 */

/** 1-255 printable ASCII characters: a UUID, a ULID, or the add-in's own keys. */
export const IdempotencyKeySchema = z
  .string({ error: 'required: a fresh UUID per logical push, the same on its retries' })
  .regex(/^[\x21-\x7e]{1,255}$/, '1-255 printable ASCII characters without spaces');

const ENTITY_TAG = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/;

/** If-Match: "N", the revision the push started from (W/"N" and a bare N are read too). */
export const IfMatchSchema = z
  .string()
  .regex(ENTITY_TAG, 'one revision as an entity tag, such as "3"')
  .transform((v) => Number(ENTITY_TAG.exec(v)![1]));

/** If-None-Match: *, "create the sheet" (nothing else is understood on a push). */
export const IfNoneMatchCreateSchema = z
  .string()
  .refine((v) => v.trim() === '*', 'only * (create the sheet) is understood')
  .transform(() => '*' as const);

/** An entity tag of a revision, as the service answers it in ETag. */
export function revisionTag(revision: number): string {
  return `"${revision}"`;
}

/**
 * PUT …/sheets/:sheet. Either If-Match (the base revision) or If-None-Match: * (create); with
 * neither, the service answers 428 (a push without a base would overwrite what others pushed).
 */
export const PushHeadersSchema = z
  .object({
    'idempotency-key': IdempotencyKeySchema,
    'if-match': IfMatchSchema.optional(),
    'if-none-match': IfNoneMatchCreateSchema.optional(),
  })
  .refine((h) => h['if-match'] === undefined || h['if-none-match'] === undefined, {
    message: 'send either If-Match or If-None-Match, not both',
    path: ['if-match'],
  });

/** DELETE …/rows/:key. If-Match is optional (default: the current revision); a delete cannot create. */
export const DeleteRowHeadersSchema = z.object({
  'idempotency-key': IdempotencyKeySchema,
  'if-match': IfMatchSchema.optional(),
  'if-none-match': z.undefined({ error: 'a delete cannot create a sheet' }).optional(),
});

/** POST …/uploads: the key is required with ?store=true only (the route says so). */
export const UploadHeadersSchema = z.object({ 'idempotency-key': IdempotencyKeySchema.optional() });

/** The base revision a push names: a number, null to create, undefined when it names none. */
export function baseRevisionOf(headers: { readonly 'if-match'?: number | undefined; readonly 'if-none-match'?: '*' | undefined }): number | null | undefined {
  if (headers['if-none-match'] !== undefined) return null;
  return headers['if-match'];
}

/**
 * GET …/scorecard and …/scorecard.xlsx: If-None-Match with the ETag of an earlier answer (or a
 * list of them, or *); a match is answered 304 Not Modified without computing anything.
 */
export const ConditionalGetHeadersSchema = z.object({
  'if-none-match': z.string().max(2000, 'at most 2000 characters of entity tags').optional(),
});
