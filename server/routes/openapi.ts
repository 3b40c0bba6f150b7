import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from '../../shared/api/problem';
import { defineRoute, isOperation, type RouteDefinition } from '../http/route';

/**
 * /api/openapi.json, generated from the route definitions themselves (their zod schemas through
 * z.toJSONSchema, their declared operation as `x-operation`), so the document cannot drift from
 * the code; and /api/docs, a self-contained HTML page listing the operations: no script, no CDN,
 * readable offline and under the strict CSP.
 */

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

/** The parameters of an object schema, one per property. */
function parameters(schema: z.ZodType | undefined, place: 'path' | 'query' | 'header', pathNames: readonly string[]): JsonSchema[] {
  const js = schema ? jsonSchema(schema, 'input') : {};
  const props = (js.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((js.required ?? []) as string[]);
  const names = place === 'path' ? [...new Set([...pathNames, ...Object.keys(props)])] : Object.keys(props);
  return names.map((name) => ({
    // Header names as HTTP writes them (Idempotency-Key), whatever case the schema uses.
    name: place === 'header' ? name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase()) : name,
    in: place,
    required: place === 'path' || required.has(name),
    schema: props[name] ?? { type: 'string' },
  }));
}

const problemRef = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string): JsonSchema => ({ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: problemRef } } });

function operationOf(route: RouteDefinition): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    const type = spec.contentType ?? 'application/json';
    responses[status] =
      Number(status) >= 400
        ? problemResponse(spec.description)
        : { description: spec.description, ...(spec.schema ? { content: { [type]: { schema: jsonSchema(spec.schema, 'output') } } } : {}) };
  }
  const add = (status: number, description: string): void => {
    responses[String(status)] ??= problemResponse(description);
  };
  if (route.params || route.query || route.headers || route.body || isOperation(route.operation)) add(400, 'The request is not valid.');
  if (route.operation !== 'public') add(401, 'No valid access token.');
  if (isOperation(route.operation)) add(403, `The caller's roles do not grant "${route.operation}" in this workspace.`);
  if (route.body) {
    add(413, 'The body is larger than the limit.');
    add(415, 'The body is not JSON.');
  }
  if (route.rateLimit !== false) add(429, 'Too many requests; see Retry-After.');
  add(500, 'Unexpected error.');

  const op: JsonSchema = {
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(route.tags ? { tags: [...route.tags] } : {}),
    'x-operation': route.operation,
    parameters: [
      ...parameters(route.params, 'path', pathParams(route.path)),
      ...parameters(route.query, 'query', []),
      ...parameters(route.headers, 'header', []),
    ],
    responses,
    security: route.operation === 'public' ? [] : [{ bearerAuth: [] }],
  };
  if (route.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } };
  return op;
}

export function openApiDocument(routes: readonly RouteDefinition[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) (paths[openApiPath(route.path)] ??= {})[route.method] = operationOf(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ops Scorecard API',
      version: '1.0.0',
      description:
        'Sync of KPI sheets, Gantt plans and permission matrices; Balanced-Scorecard results. Errors are ' +
        'application/problem+json. `x-operation` is the permission-matrix operation a route performs ' +
        '(view, export, analyze, modify, delete), or public / authenticated.',
    },
    paths,
    components: {
      schemas: { Problem: jsonSchema(ProblemSchema, 'output') },
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Microsoft Entra ID v2 access token (or a development token).' } },
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function docsPage(routes: readonly RouteDefinition[]): string {
  const rows = [...routes]
    .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))
    .map(
      (r) =>
        `<tr><td class="m ${escapeHtml(r.method)}">${escapeHtml(r.method.toUpperCase())}</td><td><code>${escapeHtml(r.path)}</code></td>` +
        `<td><span class="op">${escapeHtml(r.operation)}</span></td><td>${escapeHtml(r.summary)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ops Scorecard API</title>
<style>
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI","Microsoft YaHei",sans-serif;margin:2rem;color:#222;max-width:70rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}
.m{font-weight:600;font-family:ui-monospace,monospace}.get{color:#0a6}.post{color:#06c}.put,.patch{color:#a60}.delete{color:#c22}
.op{background:#eef;border-radius:3px;padding:0 .4rem;font-family:ui-monospace,monospace}
</style></head><body>
<h1>Ops Scorecard API</h1>
<p>The machine-readable description is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
Send <code>Authorization: Bearer &lt;token&gt;</code>: a Microsoft Entra ID access token, or in development a token from
<code>npx ops-scorecard token --user you@example.com</code>. Errors are <code>application/problem+json</code> with a
stable <code>code</code> and a <code>requestId</code>.</p>
<p>The <em>permission</em> column is the operation of the workspace's permission matrix a route needs
(view, export, analyze, modify, delete), or <code>public</code> / <code>authenticated</code>.</p>
<table><thead><tr><th>method</th><th>path</th><th>permission</th><th>summary</th></tr></thead><tbody>
${rows}
</tbody></table>
</body></html>
`;
}

/** The two routes, describing `all()` (the app's full route list, these two included). */
export function openApiRoutes(all: () => readonly RouteDefinition[]): RouteDefinition[] {
  let document: JsonSchema | null = null;
  let page: string | null = null;
  return [
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      operation: 'public',
      summary: 'This API as an OpenAPI 3.1 document.',
      tags: ['docs'],
      responses: { 200: { description: 'The OpenAPI document.' } },
      handler: async () => ({ json: (document ??= openApiDocument(all())) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/docs',
      operation: 'public',
      summary: 'A page listing the operations of this API.',
      tags: ['docs'],
      responses: { 200: { description: 'HTML.', contentType: 'text/html' } },
      handler: async () => ({ content: (page ??= docsPage(all())), contentType: 'text/html; charset=utf-8' }),
    }),
  ];
}
