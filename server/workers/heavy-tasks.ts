import path from 'node:path';
import type { ScorecardReport } from '../../shared/engine/scorecard-types';
import type { ScorecardJob, ScorecardJson, ScorecardWorkbook, ScorecardWorkbookJob } from '../scorecard/scorecard-jobs';

/** The tasks the heavy-work pool's threads (heavy-worker.ts) run, and their answers. */
export type HeavyTask =
  | { readonly kind: 'scorecard'; readonly job: ScorecardJob }
  | { readonly kind: 'scorecard-json'; readonly job: ScorecardJob }
  | { readonly kind: 'scorecard-workbook'; readonly job: ScorecardWorkbookJob };

export type HeavyAnswer =
  | { readonly kind: 'scorecard'; readonly report: ScorecardReport }
  | { readonly kind: 'scorecard-json'; readonly json: ScorecardJson }
  | { readonly kind: 'scorecard-workbook'; readonly workbook: ScorecardWorkbook };

/** Compiled, the worker sits next to this file; under jest (the .ts source) it comes from `tsc -b`'s dist/. */
export function heavyWorkerScript(): string {
  if (__filename.endsWith('.ts')) return path.resolve(__dirname, '..', '..', 'dist', 'server', 'workers', 'heavy-worker.js');
  return path.join(__dirname, 'heavy-worker.js');
}
