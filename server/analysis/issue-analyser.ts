import { existsSync } from 'node:fs';
import path from 'node:path';
import { issue } from '../../shared/issues/issue';
import { localizeIssue, type LocalizedIssue } from '../../shared/i18n/messages';
import { sheetIssues, type SheetIssuesInput } from '../../shared/workbook/sheet-issues';
import { createWorkerPool, type WorkerPool } from '../workers/worker-pool';
import { rowsOfJson } from './rows-json';

/**
 * Where the issues of a pushed sheet are computed. A push answers the issues of the sheet as
 * stored; on a 100k-row sheet that analysis takes about as long as the database write, and
 * the store knows the sheet's rows before it writes them. Handed to a worker thread at that
 * moment, the analysis runs on the other core while this thread writes, instead of after it.
 *
 * `analyse` settles with the issues; it rejects only on a bug. One worker, started on first
 * use and left idle (unref'd) between requests; requests queue in it in arrival order.
 */
export interface IssueAnalyser {
  analyse(input: IssuesInput): Promise<LocalizedIssue[]>;
  close(): Promise<void>;
}

/**
 * Rows travel as one JSON text (an array of the rows' cells): the store holds every row's cells
 * as JSON already, and one string crosses to a thread for the price of a copy where 100k cloned
 * objects would cost the sending thread ~100 ms.
 */
export type IssuesInput = Omit<SheetIssuesInput, 'rows'> & { readonly rowsJson: string };

/** The analysis on the calling thread: what the worker runs, for tests and when no worker can start. */
export const inlineIssueAnalyser: IssueAnalyser = {
  analyse: async ({ rowsJson, ...rest }) => sheetIssues({ ...rest, rows: rowsOfJson(rowsJson) }),
  close: async () => {},
};

/** The answer of an analysis stopped at its deadline: one warning that says so, in the reader's language. */
export function analysisTimeoutIssues(input: Pick<IssuesInput, 'sheet' | 'locale'>, timeoutMs: number): LocalizedIssue[] {
  return [localizeIssue(issue('sheet.analysis-timeout', 'warning', input.sheet, 'A1', { seconds: Math.round(timeoutMs / 100) / 10 }), input.locale)];
}

/** Compiled, the worker sits next to this file; under jest (the .ts source) it comes from `tsc -b`'s dist/. */
export function issuesWorkerScript(): string {
  if (__filename.endsWith('.ts')) return path.resolve(__dirname, '..', '..', 'dist', 'server', 'analysis', 'issues-worker.js');
  return path.join(__dirname, 'issues-worker.js');
}

/**
 * `timeoutMs`: the longest a request may wait for its answer (queue included). Past it the
 * request is answered with analysisTimeoutIssues, and a worker still at it is stopped (a sheet
 * that takes that long is hostile or broken, and holds every request queued behind it); the
 * next request starts a fresh one. One thread of the service's worker pool module
 * (server/workers/worker-pool.ts), requests queued in it in arrival order.
 */
export function workerIssueAnalyser(script = issuesWorkerScript(), timeoutMs = 20_000): IssueAnalyser {
  /** Set once the worker could not start or died: every later request runs inline (a push must not fail for it). */
  let broken = !existsSync(script);
  const pool: WorkerPool<IssuesInput, LocalizedIssue[]> | null = broken ? null : createWorkerPool({ script, size: 1, maxQueue: Number.MAX_SAFE_INTEGER, timeoutMs });

  return {
    async analyse(input) {
      if (broken || pool === null) return inlineIssueAnalyser.analyse(input);
      const answer = await pool.run(input);
      if (answer.ok) return answer.value;
      const failure = answer.error;
      switch (failure.code) {
        case 'timeout':
          return analysisTimeoutIssues(input, timeoutMs);
        case 'task-failed':
          throw new Error(`issue worker: ${failure.name}: ${failure.message}`);
        case 'closed':
          throw new Error('issue analyser closed');
        case 'worker-failed':
        case 'queue-full':
          // The worker is gone: what it owed is computed here instead, and so is what follows.
          broken = true;
          return inlineIssueAnalyser.analyse(input);
      }
    },
    async close() {
      // Requests still waiting are refused; later ones run inline.
      broken = true;
      await pool?.close();
    },
  };
}
