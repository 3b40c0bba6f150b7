import { z } from 'zod';
import { ScorecardReportSchema } from '../../shared/api/scorecard';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import { LOCALES } from '../../shared/i18n/locale';
import { formatPeriod, parsePeriod } from '../../shared/parse/period';
import { analyseWorkbook } from '../../shared/workbook/analyse';
import { callerView } from '../access/masking/caller-view';
import { requestLocale } from '../access/masking/locale';
import { localDate } from '../clock/local-date';
import { defineRoute, type RouteDefinition } from '../http/route';
import { writeScorecardWorkbook } from '../workbook/scorecard-writer';
import { callerWorkbook, scorecardOf, visibleGrids } from '../workbook/visible-scorecard';
import { XLSX_CONTENT_TYPE } from '../../shared/api/paths';

/**
 * The workspace's Balanced Scorecard, computed from its stored KPI definitions and metric
 * values by the shared engine: as JSON (analyze) and as the managers' workbook (export),
 * streamed. What goes in is what the caller may see: for an own-department role only their
 * department's metric values (KPI definitions are the reference every department is scored
 * against), and masked values for a masked role — so neither numbers nor issues can reveal more.
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
    responses: { 200: { description: 'The report; fractions, not percents (1.04 is 104%).', schema: ScorecardReportSchema } },
    handler: async (ctx) => {
      const view = callerView(ctx.deps, ctx.access, ctx.principal.tenantId, requestLocale(ctx.req));
      const { grids } = await visibleGrids(ctx.deps.store, view, ctx.principal.tenantId, false);
      const analysis = analyseWorkbook(grids, { today: localDate(ctx.deps.clock.now()) });
      return { json: scorecardOf(analysis, ctx.query.period) };
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
    responses: { 200: { description: 'The workbook, streamed as an attachment.', contentType: XLSX_TYPE } },
    handler: async (ctx) => {
      const locale = requestLocale(ctx.req, ctx.query.lang);
      const view = callerView(ctx.deps, ctx.access, ctx.principal.tenantId, locale);
      const now = ctx.deps.clock.now();
      const today = localDate(now);
      const { input } = await callerWorkbook(ctx.deps.store, view, ctx.principal.tenantId, { locale, now, ...(ctx.query.period === undefined ? {} : { period: ctx.query.period }) });
      ctx.res.status(200);
      ctx.res.setHeader('Content-Type', XLSX_TYPE);
      ctx.res.setHeader('Content-Disposition', attachment(`scorecard-${ctx.access.workspace}-${today}.xlsx`));
      ctx.res.setHeader('Cache-Control', 'no-store');
      try {
        await writeScorecardWorkbook(input, { stream: ctx.res });
      } catch (error) {
        // Failed before the first byte: the problem handler answers, and it is not an attachment.
        if (!ctx.res.headersSent) ctx.res.removeHeader('Content-Disposition');
        throw error;
      }
      return { handled: true };
    },
  }),
];
