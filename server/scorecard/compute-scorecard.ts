import { PassThrough } from 'node:stream';
import { computeScorecard } from '../../shared/engine/scorecard';
import type { ScorecardReport } from '../../shared/engine/scorecard-types';
import { localizeIssue } from '../../shared/i18n/messages';
import type { Locale } from '../../shared/i18n/locale';
import { gridFromRows as gridOfKind } from '../../shared/kinds/kind-specs';
import type { SheetGrid } from '../../shared/table/grid';
import { analyseWorkbook, type WorkbookAnalysis } from '../../shared/workbook/analyse';
import type { CallerView } from '../access/masking/caller-view';
import { gridFromRows, isScorecardKind } from '../schedule/stored-grids';
import type { WorkspaceSheet } from '../store/store-types';
import { firstSchedulablePlan } from '../workbook/plan-for-sheet';
import { writeScorecardWorkbook } from '../workbook/scorecard-writer';

/**
 * The workspace's Balanced Scorecard computed from its stored sheets, as one caller may see
 * them: JSON (the report) and the managers' workbook (bytes). What goes in is what the caller's
 * view lets through: for an own-department role only their department's metric values (KPI
 * definitions are the reference every department is scored against), and masked values for a
 * masked role — so neither numbers nor issues can reveal more.
 */

/** The sheets a scorecard reads: KPI definitions, metric values, and (for a global scope) the plan. */
export const SCORECARD_SOURCE_KINDS = ['kpi', 'metrics', 'gantt'] as const;

/**
 * The sheets of these kinds as this caller may see them, rebuilt as grids. A sheet name
 * repeated across workbooks is prefixed with its workbook: issues are told by sheet name.
 */
export async function visibleGrids(view: CallerView, stored: readonly WorkspaceSheet[], withPlan: boolean): Promise<SheetGrid[]> {
  const sheets = stored.filter((s) => isScorecardKind(s.kind) || (withPlan && s.kind === 'gantt'));
  const counts = new Map<string, number>();
  for (const s of sheets) counts.set(s.sheet, (counts.get(s.sheet) ?? 0) + 1);
  const grids: SheetGrid[] = [];
  for (const s of sheets) {
    const name = (counts.get(s.sheet) ?? 0) > 1 ? `${s.workbook} › ${s.sheet}` : s.sheet;
    const kind = s.kind;
    if (isScorecardKind(kind)) {
      grids.push(gridFromRows(name, kind, await view.rows(kind, s.rows, { reference: kind === 'kpi' })));
    } else {
      const rows = await view.rows(kind, s.rows);
      grids.push(gridOfKind(name, kind, rows.filter((r) => !r.deleted).map((r) => r.cells)));
    }
  }
  return grids;
}

function scorecardOf(analysis: WorkbookAnalysis, period: string | undefined): ScorecardReport {
  return computeScorecard(
    { kpis: analysis.records.kpis, metrics: analysis.records.metrics, resolver: analysis.resolver },
    period === undefined ? {} : { period },
  );
}

/**
 * The pure part: grids already passed through the caller's view in, bytes out. Plain data both
 * ways (grids, strings, dates as text), so it can run anywhere — on this thread (the default,
 * `inThreadScorecardComputer`) or on a worker pool handed to the scorecard service.
 */
export interface ScorecardComputer {
  /** The report as JSON text (UTF-8). */
  json(grids: readonly SheetGrid[], options: JsonOptions): Promise<Buffer>;
  /** The managers' workbook; `withPlan`: add the first schedulable Gantt plan (global scopes only). */
  xlsx(grids: readonly SheetGrid[], options: WorkbookOptions): Promise<Buffer>;
}

export interface JsonOptions {
  readonly today: string;
  readonly period: string | undefined;
  /** Changes to KPI definitions waiting for approval (docs/approval.md): not in the report, counted beside it. */
  readonly pendingApprovals: number;
}

export interface WorkbookOptions {
  readonly today: string;
  readonly period: string | undefined;
  readonly pendingApprovals: number;
  readonly locale: Locale;
  readonly title: string;
  /** ISO 8601. */
  readonly generatedAt: string;
  readonly withPlan: boolean;
}

export function scorecardJson(grids: readonly SheetGrid[], options: JsonOptions): Buffer {
  const report = scorecardOf(analyseWorkbook([...grids], { today: options.today }), options.period);
  return Buffer.from(JSON.stringify({ ...report, pendingApprovals: options.pendingApprovals }), 'utf8');
}

export async function scorecardWorkbookBytes(grids: readonly SheetGrid[], options: WorkbookOptions): Promise<Buffer> {
  const analysis = analyseWorkbook([...grids], { today: options.today });
  const report = scorecardOf(analysis, options.period);
  const issues = analysis.issues.map((i) => localizeIssue(i, options.locale));
  const plan = options.withPlan ? firstSchedulablePlan(analysis) : null;
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeScorecardWorkbook(
    { report, issues, locale: options.locale, title: options.title, generatedAt: options.generatedAt, pendingApprovals: options.pendingApprovals, ...(plan ? { plan } : {}) },
    { stream: out },
  );
  return Buffer.concat(chunks);
}

export const inThreadScorecardComputer: ScorecardComputer = {
  json: async (grids, options) => scorecardJson(grids, options),
  xlsx: scorecardWorkbookBytes,
};
