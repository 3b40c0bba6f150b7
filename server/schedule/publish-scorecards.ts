import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locale } from '../../shared/i18n/locale';
import type { SheetGrid } from '../../shared/table/grid';
import { analyseWorkbook } from '../../shared/workbook/analyse';
import { audienceAccess } from '../access/enforce';
import { callerView, type CallerView } from '../access/masking/caller-view';
import { localDate } from '../clock/local-date';
import type { ResultGraphClient } from '../graph/graph-failure';
import { inlineScorecardWork, type ScorecardWork } from '../scorecard/scorecard-work';
import type { Store } from '../store/store-types';
import type { JobLog } from './scheduler';
import { reconcileGrids } from './reconcile-grids';
import { reconciliationSummary, type ReconciliationSummary } from './reconciliation-summary';
import { gridFromRows, isScorecardKind, SCORECARD_KINDS } from './stored-grids';

export interface PublishConfig {
  /** SCORECARD_DIR: workbooks go to <dir>/<tenant>/<workspace>/. */
  readonly dir: string;
  readonly locale: Locale;
  /** The schedule's time zone, for the date in the file name; the machine's when absent. */
  readonly timezone?: string;
  /**
   * SharePoint publishing. The library belongs to one Entra tenant, so only that tenant's
   * workspaces are uploaded to it: another tenant's scorecards must never land there.
   */
  readonly sharePoint?: { readonly tenantId: string; readonly driveId: string; readonly folder: string };
  /**
   * Who the workbooks are built for: whoever can read the folder or the library reads them, so
   * by default as a masked global role would see them (core fields masked by the workspace's
   * classification, identifiers pseudonymised); 'unmasked' only where the folder is as closed
   * as the data (SCORECARD_AUDIENCE).
   */
  readonly audience?: 'masked' | 'unmasked';
}

export interface PublishDeps {
  readonly store: Pick<Store, 'listWorkspaces' | 'listSheets' | 'pullWorkspace' | 'pull' | 'getGovernanceSources'>;
  /** The service's pseudonym key: masked workbooks pseudonymise as every masked answer does. */
  readonly pseudonymKey: Uint8Array;
  /**
   * The tenants to publish for. The Store contract lists workspaces per tenant but not the
   * tenants themselves, so the caller says which (from config, or a store query when one exists).
   */
  readonly tenants: () => Promise<readonly string[]>;
  /** Required when `sharePoint` is configured. */
  readonly graph?: Pick<ResultGraphClient, 'tryUploadFile'>;
  readonly log: JobLog;
  /** Where the workbooks are computed and written: the service's worker pool; this thread when absent. */
  readonly scorecardWork?: ScorecardWork;
  /**
   * After the workbooks: re-compute into the service's scorecard cache the views managers asked
   * for lately (ScorecardService.warm), so the first of them after the run finds theirs made.
   * Answers how many it computed. Only the instance that claimed the firing runs it.
   */
  readonly warmScorecards?: () => Promise<number>;
}

export type WorkspaceOutcome =
  | {
      readonly tenantId: string;
      readonly workspace: string;
      readonly status: 'skipped';
      readonly reason: string;
      /** What the workspace's reconciliation rules found, when it has any (counts only). */
      readonly reconciliation?: ReconciliationSummary;
    }
  | {
      readonly tenantId: string;
      readonly workspace: string;
      readonly status: 'written';
      /** What the workspace's reconciliation rules found, when it has any; the issues are in the workbook. */
      readonly reconciliation?: ReconciliationSummary;
      readonly file: string;
      /** SharePoint path when uploaded; null when SharePoint is not configured for this tenant. */
      readonly uploaded: string | null;
      /** Why the upload failed; the local files are written all the same. */
      readonly uploadError?: string;
    }
  | { readonly tenantId: string; readonly workspace: string; readonly status: 'failed'; readonly reason: string };

/**
 * The scheduled job: for every workspace, the scorecard recomputed from what is stored, written
 * as scorecard-<date>.xlsx and scorecard-latest.xlsx, and uploaded to SharePoint when configured.
 * A workspace that fails is reported and the others go on.
 *
 * Masking: the stored rows pass through the same caller view as any request, for the configured
 * audience (masked by default), before anything is computed: scores, rows and issues are made
 * of what that audience may see.
 */
export async function publishScorecards(config: PublishConfig, deps: PublishDeps, fireAt: string): Promise<WorkspaceOutcome[]> {
  if (config.sharePoint && !deps.graph) throw new Error('publishScorecards: SharePoint is configured without a Graph client');
  const date = dateOf(fireAt, config.timezone);
  const outcomes: WorkspaceOutcome[] = [];
  for (const tenantId of await deps.tenants()) {
    for (const workspace of await deps.store.listWorkspaces(tenantId)) {
      let outcome: WorkspaceOutcome;
      try {
        outcome = await publishWorkspace(config, deps, tenantId, workspace, date, fireAt);
      } catch (error) {
        outcome = { tenantId, workspace, status: 'failed', reason: error instanceof Error ? error.message : String(error) };
      }
      outcomes.push(outcome);
      logOutcome(deps.log, outcome);
    }
  }
  return outcomes;
}

/** The job as the scheduler runs it. */
export function publishScorecardsJob(config: PublishConfig, deps: PublishDeps): (fireAt: string) => Promise<void> {
  return async (fireAt) => {
    const outcomes = await publishScorecards(config, deps, fireAt);
    const failed = outcomes.filter((o) => o.status === 'failed').length;
    deps.log.info({ fireAt, workspaces: outcomes.length, failed }, 'Scorecards published');
    if (deps.warmScorecards !== undefined) {
      const warmed = await deps.warmScorecards();
      deps.log.info({ fireAt, warmed }, 'Scorecard cache warmed');
    }
  };
}

async function publishWorkspace(
  config: PublishConfig,
  deps: PublishDeps,
  tenantId: string,
  workspace: string,
  date: string,
  fireAt: string,
): Promise<WorkspaceOutcome> {
  const view = callerView(deps, audienceAccess(workspace, (config.audience ?? 'masked') === 'masked'), tenantId, config.locale);
  const grids = await scorecardGrids(deps.store, view, tenantId, workspace);
  const analysis = analyseWorkbook(grids, { today: date });
  // Reconciliation runs with the scorecard, and is reported even where there is no scorecard.
  const summary = reconciliationSummary(analysis);
  const reconciliation = summary ? { reconciliation: summary } : {};
  if (analysis.records.kpis.length === 0) return { tenantId, workspace, status: 'skipped', reason: 'no KPI definitions', ...reconciliation };

  // The workbook is written on the heavy-work pool when the service has one (main.ts).
  const work = deps.scorecardWork ?? inlineScorecardWork;
  const written = await work.writeScorecardWorkbook({ grids, today: date, locale: config.locale, title: workspace, generatedAt: fireAt, withPlan: false });
  if (!written.ok) {
    const e = written.error;
    const reason = e.code === 'worker-failed' ? `worker failed: ${e.message}` : e.code === 'task-failed' ? `${e.name}: ${e.message}` : e.code === 'timeout' ? `timed out after ${e.limitSeconds} s` : e.code;
    return { tenantId, workspace, status: 'failed', reason, ...reconciliation };
  }

  const folder = path.join(config.dir, fileSegment(tenantId), fileSegment(workspace));
  await mkdir(folder, { recursive: true });
  const name = `scorecard-${date}.xlsx`;
  const file = path.join(folder, name);
  // Written beside the file and renamed: readers never see half a file.
  await writeAtomically(file, written.value.bytes);
  await writeAtomically(path.join(folder, 'scorecard-latest.xlsx'), written.value.bytes);

  const sharePoint = config.sharePoint;
  if (!sharePoint || sharePoint.tenantId !== tenantId || !deps.graph) {
    return { tenantId, workspace, status: 'written', file, uploaded: null, ...reconciliation };
  }
  const target = `${sharePoint.folder.replace(/^\/+|\/+$/g, '')}/${fileSegment(workspace)}/${name}`;
  const uploaded = await deps.graph.tryUploadFile(sharePoint.driveId, target, await readFile(file));
  return uploaded.ok
    ? { tenantId, workspace, status: 'written', file, uploaded: target, ...reconciliation }
    : { tenantId, workspace, status: 'written', file, uploaded: null, uploadError: uploaded.error.message, ...reconciliation };
}

/**
 * The workspace's KPI and metric sheets, rebuilt as grids (read in one query), with its
 * reconciliation rules and the sheets they name. Sheet names may repeat across workbooks; a
 * repeated one is prefixed with its workbook, since issues are told by sheet name.
 */
async function scorecardGrids(store: PublishDeps['store'], view: CallerView, tenantId: string, workspace: string): Promise<SheetGrid[]> {
  const listed = await store.listSheets(tenantId, workspace);
  const sheets = await store.pullWorkspace(tenantId, workspace, SCORECARD_KINDS);
  const counts = new Map<string, number>();
  for (const s of sheets) counts.set(s.sheet, (counts.get(s.sheet) ?? 0) + 1);
  const grids: SheetGrid[] = [];
  for (const s of sheets) {
    if (!isScorecardKind(s.kind)) continue;
    const name = (counts.get(s.sheet) ?? 0) > 1 ? `${s.workbook} › ${s.sheet}` : s.sheet;
    grids.push(gridFromRows(name, s.kind, await view.rows(s.kind, s.rows)));
  }
  const allCounts = new Map<string, number>();
  for (const s of listed) allCounts.set(s.sheet, (allCounts.get(s.sheet) ?? 0) + 1);
  const others = await reconcileGrids(
    store,
    view,
    tenantId,
    workspace,
    listed,
    (s) => isScorecardKind(s.kind),
    (s) => ((allCounts.get(s.sheet) ?? 0) > 1 ? `${s.workbook} › ${s.sheet}` : s.sheet),
  );
  return grids.concat(others);
}

/** Written beside the target, then renamed over it: readers (scorecard-latest.xlsx too) never see half a file. */
async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const temp = `${target}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * A tenant or workspace name as one path segment: characters that separate paths or that
 * Windows and SharePoint refuse are percent-encoded (reversibly, so two names never share a
 * folder), and "." / ".." cannot climb out of the scorecard folder.
 */
export function fileSegment(name: string): string {
  const encoded = name.replace(/[%/\\:*?"<>|#\u0000-\u001f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  if (encoded === '') return '%00';
  if (/^\.+$/.test(encoded)) return encoded.replace(/\./g, '%2E');
  // Windows and SharePoint drop a trailing dot or space; encode it so the name survives.
  return encoded.replace(/[. ]$/, (c) => (c === '.' ? '%2E' : '%20'));
}

/** The calendar date of the firing where the schedule is read: 05:00 in Shanghai is that day. */
export function dateOf(fireAt: string, timezone: string | undefined): string {
  const at = new Date(fireAt);
  if (timezone === undefined) return localDate(at);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

function logOutcome(log: JobLog, outcome: WorkspaceOutcome): void {
  const fields = { tenantId: outcome.tenantId, workspace: outcome.workspace };
  // Counts by code only: a reconciliation issue's message holds cell values, which logs never do.
  if (outcome.status !== 'failed' && outcome.reconciliation) {
    const r = outcome.reconciliation;
    const reconciled = { ...fields, rules: r.rules, errors: r.errors, warnings: r.warnings, codes: r.codes };
    if (r.errors > 0) log.warn(reconciled, 'Reconciliation found differences');
    else log.info(reconciled, 'Reconciliation found no difference');
  }
  if (outcome.status === 'failed') log.error({ ...fields, reason: outcome.reason }, 'Scorecard not published');
  else if (outcome.status === 'skipped') log.info({ ...fields, reason: outcome.reason }, 'Scorecard skipped');
  else if (outcome.uploadError !== undefined) log.warn({ ...fields, file: outcome.file, reason: outcome.uploadError }, 'Scorecard written; SharePoint upload failed');
  else log.info({ ...fields, file: outcome.file, uploaded: outcome.uploaded }, 'Scorecard written');
}
