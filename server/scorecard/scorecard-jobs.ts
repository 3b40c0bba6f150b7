import { Writable } from 'node:stream';
import { computeScorecard } from '../../shared/engine/scorecard';
import type { ScorecardReport } from '../../shared/engine/scorecard-types';
import type { Locale } from '../../shared/i18n/locale';
import { localizeIssue } from '../../shared/i18n/messages';
import type { SheetGrid } from '../../shared/table/grid';
import { analyseWorkbook, type WorkbookAnalysis } from '../../shared/workbook/analyse';
import { firstSchedulablePlan } from '../workbook/plan-for-sheet';
import { writeScorecardWorkbook } from '../workbook/scorecard-writer';
import { narrowReport, type ReportNarrowing } from './narrow-report';

/**
 * The scorecard's heavy steps as plain functions of plain data, so that they run the same on
 * the request's thread (tests, a service without workers) and on a pool thread
 * (server/workers/heavy-worker.ts): the grids a caller may see go in, the report or the
 * workbook's bytes come out. What the caller may see is decided before (callerView); nothing
 * here reads the store or knows who asks.
 */

export interface ScorecardJob {
  /** The workspace's KPI and metric sheets (and, for the workbook, its Gantt plans) as this caller sees them. */
  readonly grids: readonly SheetGrid[];
  /** The calendar date the checks take as today (YYYY-MM-DD). */
  readonly today: string;
  /** Only this canonical period; every period when absent. */
  readonly period?: string;
  /** Changes to KPI definitions waiting for approval (docs/approval.md): counted beside the report, never in it. */
  readonly pendingApprovals?: number;
  /** Fewer departments or perspectives than the grids hold (a subscription's choice); absent: all. */
  readonly narrow?: ReportNarrowing;
}

export interface ScorecardWorkbookJob extends ScorecardJob {
  readonly locale: Locale;
  /** The document title (the workspace). */
  readonly title: string;
  /** ISO timestamp stored as the document's created/modified time. */
  readonly generatedAt: string;
  /** Draw the first schedulable Gantt plan of the grids on its own sheet. */
  readonly withPlan: boolean;
}

export interface ScorecardWorkbook {
  /** KPI definitions found: 0 means there is nothing to score (the scheduler skips such a workspace). */
  readonly kpis: number;
  /** The .xlsx file. */
  readonly bytes: Uint8Array;
}

export interface ScorecardJson {
  /** KPI definitions found, as for the workbook: 0 means the caller has nothing to be scored against. */
  readonly kpis: number;
  /** The JSON answer (UTF-8). */
  readonly bytes: Uint8Array;
}

function reportOf(analysis: WorkbookAnalysis, job: ScorecardJob): ScorecardReport {
  const report = computeScorecard(
    { kpis: analysis.records.kpis, metrics: analysis.records.metrics, resolver: analysis.resolver },
    job.period === undefined ? {} : { period: job.period },
  );
  return job.narrow === undefined ? report : narrowReport(report, job.narrow);
}

/** The scorecard report (GET …/scorecard). */
export function scorecardOfGrids(job: ScorecardJob): ScorecardReport {
  return reportOf(analyseWorkbook(job.grids, { today: job.today }), job);
}

const encoder = new TextEncoder();

/**
 * The report as the JSON answer's bytes (JSON.stringify's text, UTF-8): made where it is
 * computed, so the thread that answers only sends them (and a cache keeps them as they are).
 */
export function scorecardJsonOfGrids(job: ScorecardJob): ScorecardJson {
  const analysis = analyseWorkbook(job.grids, { today: job.today });
  const waiting = job.pendingApprovals !== undefined ? { pendingApprovals: job.pendingApprovals } : {};
  return { kpis: analysis.records.kpis.length, bytes: encoder.encode(JSON.stringify({ ...reportOf(analysis, job), ...waiting })) };
}

/** The managers' workbook (GET …/scorecard.xlsx, the scheduled publication), as bytes. */
export async function scorecardWorkbookOfGrids(job: ScorecardWorkbookJob): Promise<ScorecardWorkbook> {
  const analysis = analyseWorkbook(job.grids, { today: job.today });
  const report = reportOf(analysis, job);
  const issues = analysis.issues.map((i) => localizeIssue(i, job.locale));
  const plan = job.withPlan ? firstSchedulablePlan(analysis) : null;
  const chunks: Buffer[] = [];
  let length = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      length += chunk.length;
      done();
    },
  });
  await writeScorecardWorkbook(
    { report, issues, locale: job.locale, title: job.title, generatedAt: job.generatedAt, ...(job.pendingApprovals ? { pendingApprovals: job.pendingApprovals } : {}), ...(plan ? { plan } : {}) },
    { stream: sink },
  );
  // One fresh buffer of its own (never a slice of Node's shared pool), so it can be transferred.
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { kpis: analysis.records.kpis.length, bytes };
}
