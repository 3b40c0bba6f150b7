import { z } from 'zod';

/**
 * The body of every error the service answers (RFC 9457 `application/problem+json`), shared
 * with the add-in so that both sides agree on it. `code` is the stable machine-readable part:
 * the add-in localises by code, never by `title` or `detail`.
 */

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Each code with the HTTP status it is answered with and a fixed English title. */
export const PROBLEM_CODES = {
  validation: { status: 400, title: 'The request is not valid' },
  'invalid-json': { status: 400, title: 'The request body is not valid JSON' },
  'bad-request': { status: 400, title: 'Bad request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'idempotency-in-progress': { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused with another request' },
  'refused-workbook': { status: 422, title: 'The workbook was refused' },
  'precondition-required': { status: 428, title: 'Precondition required' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  'upstream-unavailable': { status: 503, title: 'A service this request depends on is unavailable' },
  'not-ready': { status: 503, title: 'Not ready' },
  busy: { status: 503, title: 'The service is busy' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

const CODES = Object.keys(PROBLEM_CODES) as [ProblemCode, ...ProblemCode[]];
export const ProblemCodeSchema = z.enum(CODES);

/** A stable URI per code (RFC 9457 `type`): a URN, so nothing has to be hosted for it. */
export function problemType(code: ProblemCode): string {
  return `urn:ops-scorecard:problem:${code}`;
}

/** One invalid input: where (`in`), a JSON Pointer into it (`path`), zod's issue code and message. */
export const FieldErrorSchema = z.object({
  in: z.enum(['body', 'query', 'params', 'headers']),
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** Where a request named the workspace it is about: its path, ?workspace=, X-Workspace, or nowhere (the user sync's default). */
export const WORKSPACE_FROM = ['path', 'query', 'header', 'default'] as const;
export type WorkspaceFrom = (typeof WORKSPACE_FROM)[number];

/**
 * Extension members (operation, reason, retryAfter…) are allowed beside the standard ones. A
 * 403 about a workspace carries `workspace` (the name the request meant) and `workspaceFrom`.
 */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    code: ProblemCodeSchema,
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(FieldErrorSchema).optional(),
    workspace: z.string().optional(),
    workspaceFrom: z.enum(WORKSPACE_FROM).optional(),
  })
  .loose();
export type Problem = z.infer<typeof ProblemSchema>;
