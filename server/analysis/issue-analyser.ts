import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { issue } from '../../shared/issues/issue';
import { localizeIssue, type LocalizedIssue } from '../../shared/i18n/messages';
import { sheetIssues, type SheetIssuesInput } from '../../shared/workbook/sheet-issues';
import type { IssuesReply, IssuesRequest } from './issues-message';
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

export type IssuesInput = Omit<SheetIssuesInput, 'rows'> & { readonly rowsJson: string };

/** The analysis on the calling thread: what the worker runs, for tests and when no worker can start. */
export const inlineIssueAnalyser: IssueAnalyser = {
  analyse: async ({ rowsJson, ...rest }) => sheetIssues({ ...rest, rows: rowsOfJson(rowsJson) }),
  close: async () => {},
};

interface Pending {
  readonly input: IssuesInput;
  readonly resolve: (issues: LocalizedIssue[]) => void;
  readonly reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

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
 * `timeoutMs`: the longest a request may wait for its answer (queue included). Past it the worker
 * is stopped (a sheet that takes that long is hostile or broken, and holds every request queued
 * behind it), every request it owed is answered with analysisTimeoutIssues, and the next request
 * starts a fresh worker.
 */
export function workerIssueAnalyser(script = issuesWorkerScript(), timeoutMs = 20_000): IssueAnalyser {
  let worker: Worker | null = null;
  /** Set once the worker could not start or died: every later request runs inline. */
  let broken = !existsSync(script);
  let nextId = 1;
  const pending = new Map<number, Pending>();

  /** The worker is gone: what it owed is computed here instead (a push must not fail for it). */
  const takeOverPending = (): void => {
    broken = true;
    for (const p of pending.values()) inlineIssueAnalyser.analyse(p.input).then(p.resolve, p.reject);
    pending.clear();
  };

  const start = (): Worker => {
    const w = new Worker(script);
    w.on('message', (reply: IssuesReply) => {
      const p = pending.get(reply.id);
      if (p === undefined) return;
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      clearTimeout(p.timer);
      if (reply.ok) p.resolve(reply.issues);
      else p.reject(new Error(`issue worker: ${reply.name}: ${reply.message}`));
    });
    w.on('error', () => {
      if (worker === w) worker = null;
      takeOverPending();
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      // A worker stopped at a deadline owes nothing any more (its requests were answered).
      if (pending.size > 0 && worker === null) takeOverPending();
    });
    w.unref();
    return w;
  };

  return {
    analyse(input) {
      if (broken) return inlineIssueAnalyser.analyse(input);
      const w = (worker ??= start());
      const id = nextId++;
      const request: IssuesRequest = { ...input, id };
      return new Promise<LocalizedIssue[]>((resolve, reject) => {
        const entry: Pending = { input, resolve, reject };
        entry.timer = setTimeout(() => {
          if (worker === w) worker = null;
          const owed = [...pending.values()];
          pending.clear();
          void w.terminate();
          for (const p of owed) {
            clearTimeout(p.timer);
            p.resolve(analysisTimeoutIssues(p.input, timeoutMs));
          }
        }, timeoutMs);
        entry.timer.unref();
        pending.set(id, entry);
        // Held while a request is out, so the process waits for the answer it is owed.
        w.ref();
        w.postMessage(request);
      });
    },
    async close() {
      const w = worker;
      worker = null;
      broken = true;
      for (const p of pending.values()) p.reject(new Error('issue analyser closed'));
      pending.clear();
      if (w !== null) await w.terminate();
    },
  };
}
