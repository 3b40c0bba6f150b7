import { z } from 'zod';
import { ScorecardReportSchema } from '../../shared/api/scorecard';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import { LOCALES } from '../../shared/i18n/locale';
import { gridFromRows as gridOfKind } from '../../shared/kinds/kind-specs';
import { formatPeriod, parsePeriod } from '../../shared/parse/period';
import type { SheetGrid } from '../../shared/table/grid';
import { callerView, type CallerView } from '../access/masking/caller-view';
import { requestLocale } from '../access/masking/locale';
import { localDate } from '../clock/local-date';
import { defineRoute, type RouteDefinition } from '../http/route';
import { gridFromRows, isScorecardKind } from '../schedule/stored-grids';
import { heavyWorkProblem } from '../scorecard/heavy-work-problem';
import type { Store } from '../store/store-types';
import { XLSX_CONTENT_TYPE } from '../../shared/api/paths';

/**
 * The workspace's Balanced Scorecard, computed from its stored KPI definitions and metric
 * values by the shared engine: as JSON (analyze) and as the managers' workbook (export), both
 * made on the heavy-work pool (server/scorecard/scorecard-work.ts) so this thread only reads the
 * sheets and sends bytes. What goes in is what the caller may see: for an own-department role only their
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

/**
 * The workspace's sheets of these kinds, as this caller may see them, rebuilt as grids. A sheet
 * name repeated across workbooks is prefixed with its workbook: issues are told by sheet name.
 */
async function visibleGrids(store: Pick<Store, 'listSheets' | 'pull'>, view: CallerView, tenantId: string, withPlan: boolean): Promise<SheetGrid[]> {
  const sheets = (await store.listSheets(tenantId, view.access.workspace)).filter((s) => isScorecardKind(s.kind) || (withPlan && s.kind === 'gantt'));
  const counts = new Map<string, number>();
  for (const s of sheets) counts.set(s.sheet, (counts.get(s.sheet) ?? 0) + 1);
  const grids: SheetGrid[] = [];
  for (const s of sheets) {
    const pulled = await store.pull({ tenantId, workspace: view.access.workspace, workbook: s.workbook, sheet: s.sheet }, 0);
    // Deleted or re-kinded between the listing and the pull: not one of these sheets now.
    if (!pulled || pulled.kind !== s.kind) continue;
    const name = (counts.get(s.sheet) ?? 0) > 1 ? `${s.workbook} › ${s.sheet}` : s.sheet;
    const kind = pulled.kind;
    if (isScorecardKind(kind)) {
      grids.push(gridFromRows(name, kind, await view.rows(kind, pulled.rows, { reference: kind === 'kpi' })));
    } else {
      const rows = await view.rows(kind, pulled.rows);
      grids.push(gridOfKind(name, kind, rows.filter((r) => !r.deleted).map((r) => r.cells)));
    }
  }
  return grids;
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
    responses: {
      200: { description: 'The report; fractions, not percents (1.04 is 104%).', schema: ScorecardReportSchema },
      503: { description: 'The service is busy (its scorecard queue is full, or the scorecard took too long): retry after Retry-After seconds.' },
    },
    handler: async (ctx) => {
      const view = callerView(ctx.deps, ctx.access, ctx.principal.tenantId, requestLocale(ctx.req));
      const grids = await visibleGrids(ctx.deps.store, view, ctx.principal.tenantId, false);
      // Computed on the heavy-work pool: this thread goes on answering others meanwhile.
      const period = ctx.query.period;
      const report = await ctx.deps.scorecardWork.computeScorecardJson({ grids, today: localDate(ctx.deps.clock.now()), ...(period === undefined ? {} : { period }) });
      if (!report.ok) throw heavyWorkProblem(report.error, 'scorecard');
      // The report's JSON text, encoded on the pool: sent as it is.
      const bytes = report.value;
      ctx.res.status(200).type('application/json');
      // send, as res.json does: the same weak ETag and If-None-Match handling as before.
      ctx.res.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { handled: true };
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
    responses: {
      200: { description: 'The workbook, as an attachment.', contentType: XLSX_TYPE },
      503: { description: 'The service is busy (its scorecard queue is full, or the workbook took too long): retry after Retry-After seconds.' },
    },
    handler: async (ctx) => {
      const locale = requestLocale(ctx.req, ctx.query.lang);
      const view = callerView(ctx.deps, ctx.access, ctx.principal.tenantId, locale);
      const now = ctx.deps.clock.now();
      const today = localDate(now);
      // A plan belongs to no department: only roles with a global scope see it.
      const withPlan = ctx.access.scope.kind === 'global';
      const grids = await visibleGrids(ctx.deps.store, view, ctx.principal.tenantId, withPlan);
      // Analysed and written on the heavy-work pool; this thread only sends the finished bytes,
      // in one write rather than exceljs's many small ones queued behind every other answer.
      const period = ctx.query.period;
      const written = await ctx.deps.scorecardWork.writeScorecardWorkbook({
        grids,
        today,
        ...(period === undefined ? {} : { period }),
        locale,
        title: ctx.access.workspace,
        generatedAt: now.toISOString(),
        withPlan,
      });
      if (!written.ok) throw heavyWorkProblem(written.error, 'scorecard workbook');
      const bytes = written.value.bytes;
      ctx.res.status(200);
      ctx.res.setHeader('Content-Type', XLSX_TYPE);
      ctx.res.setHeader('Content-Disposition', attachment(`scorecard-${ctx.access.workspace}-${today}.xlsx`));
      ctx.res.setHeader('Cache-Control', 'no-store');
      ctx.res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { handled: true };
    },
  }),
];
