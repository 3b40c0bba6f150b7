import type { ScorecardReport } from '../../shared/engine/scorecard-types';
import { fail, ok, type Result } from '../../shared/result';
import type { HeavyAnswer, HeavyTask } from '../workers/heavy-tasks';
import type { PoolFailure, PoolStats, WorkerPool } from '../workers/worker-pool';
import { scorecardJsonOfGrids, scorecardOfGrids, scorecardWorkbookOfGrids, type ScorecardJob, type ScorecardJson, type ScorecardWorkbook, type ScorecardWorkbookJob } from './scorecard-jobs';

export type { ScorecardJob, ScorecardJson, ScorecardWorkbook, ScorecardWorkbookJob } from './scorecard-jobs';

/** Why heavy work was not done: the pool's failures, as data the route turns into a problem. */
export type HeavyWorkFailure = PoolFailure;

/**
 * Where a scorecard is computed and its workbook written: the one door the scorecard routes and
 * the scheduler go through (and what a cache wraps). The pooled one runs them on worker threads
 * (main.ts); the inline one on the caller's thread (tests, and the same answers by construction:
 * both run server/scorecard/scorecard-jobs.ts).
 */
export interface ScorecardWork {
  computeScorecard(job: ScorecardJob): Promise<Result<ScorecardReport, HeavyWorkFailure>>;
  /** The same report as the JSON answer's bytes (what GET …/scorecard sends), encoded off this thread. */
  computeScorecardJson(job: ScorecardJob): Promise<Result<ScorecardJson, HeavyWorkFailure>>;
  writeScorecardWorkbook(job: ScorecardWorkbookJob): Promise<Result<ScorecardWorkbook, HeavyWorkFailure>>;
  /** The pool's load, for logs and the bench; null inline. */
  stats(): PoolStats | null;
}

export const inlineScorecardWork: ScorecardWork = {
  computeScorecard: async (job) => ok(scorecardOfGrids(job)),
  computeScorecardJson: async (job) => ok(scorecardJsonOfGrids(job)),
  writeScorecardWorkbook: async (job) => ok(await scorecardWorkbookOfGrids(job)),
  stats: () => null,
};

/** A worker answering another kind than asked is a bug in the worker, not a user's failure. */
function mismatch(asked: string, answer: HeavyAnswer): never {
  throw new Error(`heavy worker answered ${answer.kind} to a ${asked} task`);
}

export function pooledScorecardWork(pool: WorkerPool<HeavyTask, HeavyAnswer>): ScorecardWork {
  return {
    async computeScorecard(job) {
      const answer = await pool.run({ kind: 'scorecard', job });
      if (!answer.ok) return fail(answer.error);
      return answer.value.kind === 'scorecard' ? ok(answer.value.report) : mismatch('scorecard', answer.value);
    },
    async computeScorecardJson(job) {
      const answer = await pool.run({ kind: 'scorecard-json', job });
      if (!answer.ok) return fail(answer.error);
      return answer.value.kind === 'scorecard-json' ? ok(answer.value.json) : mismatch('scorecard-json', answer.value);
    },
    async writeScorecardWorkbook(job) {
      const answer = await pool.run({ kind: 'scorecard-workbook', job });
      if (!answer.ok) return fail(answer.error);
      return answer.value.kind === 'scorecard-workbook' ? ok(answer.value.workbook) : mismatch('scorecard-workbook', answer.value);
    },
    stats: () => pool.stats(),
  };
}
