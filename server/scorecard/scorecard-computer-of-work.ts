import { computedOf, jobOptions, type ScorecardComputer } from './compute-scorecard';
import { heavyWorkProblem } from './heavy-work-problem';
import type { ScorecardWork } from './scorecard-work';

/**
 * The scorecard service's computation seam on the heavy-work pool: grids in, bytes out, made on
 * a pool thread. A pool failure (full queue, deadline, a dead thread) rejects with the problem
 * the caller is answered (503 busy / 500), which the scorecard service passes through to every
 * request waiting on that computation.
 */
export function scorecardComputerOf(work: ScorecardWork): ScorecardComputer {
  return {
    async json(grids, options) {
      const made = await work.computeScorecardJson({ grids, ...jobOptions(options) });
      if (!made.ok) throw heavyWorkProblem(made.error, 'scorecard');
      return computedOf(made.value);
    },
    async xlsx(grids, options) {
      const made = await work.writeScorecardWorkbook({ grids, ...jobOptions(options) });
      if (!made.ok) throw heavyWorkProblem(made.error, 'scorecard workbook');
      return computedOf(made.value);
    },
  };
}
