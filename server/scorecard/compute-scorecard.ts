import type { Locale } from '../../shared/i18n/locale';
import { gridFromRows as gridOfKind } from '../../shared/kinds/kind-specs';
import type { SheetGrid } from '../../shared/table/grid';
import type { CallerView } from '../access/masking/caller-view';
import { gridFromRows, isScorecardKind } from '../schedule/stored-grids';
import type { WorkspaceSheet } from '../store/store-types';
import type { ReportNarrowing } from './narrow-report';
import { scorecardJsonOfGrids, scorecardWorkbookOfGrids } from './scorecard-jobs';

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


/**
 * The pure part: grids already passed through the caller's view in, bytes out. Plain data both
 * ways (grids, strings, dates as text), so it can run anywhere — on this thread (the default,
 * `inThreadScorecardComputer`) or on a worker pool handed to the scorecard service.
 */
export interface ScorecardComputer {
  /** The report as JSON text (UTF-8). */
  json(grids: readonly SheetGrid[], options: JsonOptions): Promise<Computed>;
  /** The managers' workbook; `withPlan`: add the first schedulable Gantt plan (global scopes only). */
  xlsx(grids: readonly SheetGrid[], options: WorkbookOptions): Promise<Computed>;
}

export interface Computed {
  readonly body: Buffer;
  /** KPI definitions the grids held: 0, the caller has nothing to be scored against (a subscription sends nothing). */
  readonly kpis: number;
}

export interface JsonOptions {
  readonly today: string;
  readonly period: string | undefined;
  /** Changes to KPI definitions waiting for approval (docs/approval.md): not in the report, counted beside it. */
  readonly pendingApprovals: number;
  /** A subscription's departments and perspectives; absent: the whole view. */
  readonly narrow?: ReportNarrowing | undefined;
}

export interface WorkbookOptions extends JsonOptions {
  readonly locale: Locale;
  readonly title: string;
  /** ISO 8601. */
  readonly generatedAt: string;
  readonly withPlan: boolean;
}

/**
 * On this thread: the same job functions the heavy-work pool runs (scorecard-jobs.ts), so the
 * answer is the same wherever it is computed.
 */
export const inThreadScorecardComputer: ScorecardComputer = {
  json: async (grids, options) => computedOf(scorecardJsonOfGrids({ grids, ...jobOptions(options) })),
  xlsx: async (grids, options) => computedOf(await scorecardWorkbookOfGrids({ grids, ...jobOptions(options) })),
};

/** The options as a job takes them: a job leaves out what is absent rather than carrying undefined. */
export function jobOptions<O extends JsonOptions>({ period, narrow, ...rest }: O): Omit<O, 'period' | 'narrow'> & { period?: string; narrow?: ReportNarrowing } {
  return { ...rest, ...(period !== undefined ? { period } : {}), ...(narrow !== undefined ? { narrow } : {}) };
}

/** A job's answer as the service keeps it: a Buffer over the same memory (no copy). */
export function computedOf(made: { readonly kpis: number; readonly bytes: Uint8Array }): Computed {
  return { kpis: made.kpis, body: Buffer.from(made.bytes.buffer, made.bytes.byteOffset, made.bytes.byteLength) };
}
