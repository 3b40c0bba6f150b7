import type { Request } from 'express';
import { z } from 'zod';
import { ScorecardReportSchema } from '../../shared/api/scorecard';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import { ConditionalGetHeadersSchema } from '../../shared/api/headers';
import { XLSX_CONTENT_TYPE } from '../../shared/api/paths';
import { LOCALES } from '../../shared/i18n/locale';
import { formatPeriod, parsePeriod } from '../../shared/parse/period';
import { requestLocale } from '../access/masking/locale';
import { defineRoute, type Reply, type RouteDefinition } from '../http/route';
import type { ContentCoding, ScorecardAnswer } from '../scorecard/scorecard-service';

/**
 * The workspace's Balanced Scorecard, computed from its stored KPI definitions and metric
 * values by the shared engine: as JSON (analyze) and as the managers' workbook (export).
 * What goes in is what the caller may see (server/scorecard/compute-scorecard.ts); answers are
 * computed once per change and view and kept (server/scorecard/scorecard-service.ts), with an
 * ETag, and 304 for a matching If-None-Match.
 */

const XLSX_TYPE = XLSX_CONTENT_TYPE;

const PeriodSchema = z
  .string()
  .max(40)
  .transform((text, ctx) => {
    const parsed = parsePeriod(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: 'a period such as 2024-03, 2024-Q1, 2024-W09, 2024 or 2024年3月' });
      return z.NEVER;
    }
    return formatPeriod(parsed.value);
  });

const Params = z.object({ workspace: WorkspaceNameSchema });
const JsonQuery = z.object({ period: PeriodSchema.optional() });
const XlsxQuery = z.object({ period: PeriodSchema.optional(), lang: z.enum(LOCALES).optional() });

/**
 * Private: every answer is one caller's view. no-cache: a cache may keep it but must ask again
 * (If-None-Match) every time, so a push shows at once. Vary: the language of masked values and
 * of the workbook follows Accept-Language.
 */
const CACHE_HEADERS = { 'Cache-Control': 'private, no-cache', Vary: 'Authorization, Accept-Language' } as const;

function notModified(answer: Extract<ScorecardAnswer, { status: 304 }>): Reply {
  return { status: 304, content: '', contentType: 'application/json', headers: { ETag: answer.etag, ...CACHE_HEADERS } };
}

/** The coding the caller accepts best among those kept: brotli, gzip, or none. */
function acceptedCoding(req: Request): ContentCoding {
  const best = req.acceptsEncodings('br', 'gzip', 'identity');
  return best === 'br' || best === 'gzip' ? best : 'identity';
}

/** attachment; filename= for old clients (ASCII), filename*= (RFC 6987) for the real name. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const scorecardRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get',
    heavy: true,
    path: '/api/v1/workspaces/:workspace/scorecard',
    operation: 'analyze',
    summary: "The workspace's Balanced Scorecard as JSON: every KPI by period and department, perspective and overall scores.",
    description: 'period (optional) is any period form the sheets accept (2024-03, 2024-Q1, 2024年3月…); the report uses the canonical form.',
    tags: ['scorecard'],
    params: Params,
    query: JsonQuery,
    headers: ConditionalGetHeadersSchema,
    responses: {
      200: { description: 'The report; fractions, not percents (1.04 is 104%). ETag: the revisions read and the caller\'s view.', schema: ScorecardReportSchema },
      304: { description: 'If-None-Match names the current ETag: nothing changed for this caller.' },
    },
    handler: async (ctx) => {
      const answer = await ctx.deps.scorecards.answer({
        access: ctx.access,
        tenantId: ctx.principal.tenantId,
        locale: requestLocale(ctx.req),
        period: ctx.query.period,
        format: 'json',
        ifNoneMatch: ctx.headers['if-none-match'],
        encoding: acceptedCoding(ctx.req),
      });
      if (answer.status === 304) return notModified(answer);
      // A kept answer is kept compressed too: Content-Encoding set here, the compression middleware leaves it.
      const coding: Record<string, string> = answer.encoding === 'identity' ? {} : { 'Content-Encoding': answer.encoding };
      return {
        content: answer.body,
        contentType: 'application/json; charset=utf-8',
        headers: { ETag: answer.etag, ...CACHE_HEADERS, Vary: `${CACHE_HEADERS.Vary}, Accept-Encoding`, ...coding },
      };
    },
  }),
  defineRoute({
    method: 'get',
    heavy: true,
    path: '/api/v1/workspaces/:workspace/scorecard.xlsx',
    operation: 'export',
    summary: "The workspace's scorecard workbook: overview by perspective, KPI detail, the Gantt plan, issues.",
    description: 'lang (zh-CN or en-US) picks the workbook language, else Accept-Language. The Gantt sheet is included for roles with a global scope.',
    tags: ['scorecard'],
    params: Params,
    query: XlsxQuery,
    headers: ConditionalGetHeadersSchema,
    responses: {
      200: { description: 'The workbook, as an attachment. ETag: the revisions read and the caller\'s view.', contentType: XLSX_TYPE },
      304: { description: 'If-None-Match names the current ETag: nothing changed for this caller.' },
    },
    handler: async (ctx) => {
      const answer = await ctx.deps.scorecards.answer({
        access: ctx.access,
        tenantId: ctx.principal.tenantId,
        locale: requestLocale(ctx.req, ctx.query.lang),
        period: ctx.query.period,
        format: 'xlsx',
        ifNoneMatch: ctx.headers['if-none-match'],
      });
      if (answer.status === 304) return notModified(answer);
      return {
        content: answer.body,
        contentType: XLSX_TYPE,
        headers: { ETag: answer.etag, ...CACHE_HEADERS, 'Content-Disposition': attachment(`scorecard-${ctx.access.workspace}-${answer.today}.xlsx`) },
      };
    },
  }),
];
