import type { ScorecardComputer } from './compute-scorecard';
import { heavyWorkProblem } from './heavy-work-problem';
import type { ScorecardWork } from './scorecard-work';

/**
 * The scorecard service's computation seam on the heavy-work pool: grids in, bytes out, made on
 * a pool thread. A pool failure (full queue, deadline, a dead thread) rejects with the problem
 * the caller is answered (503 busy / 500), which the scorecard service passes through to every
 * request waiting on that computation.
 */
const bytesOf = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function scorecardComputerOf(work: ScorecardWork): ScorecardComputer {
  return {
    async json(grids, options) {
      const { period, ...rest } = options;
      const made = await work.computeScorecardJson({ grids, ...rest, ...(period !== undefined ? { period } : {}) });
      if (!made.ok) throw heavyWorkProblem(made.error, 'scorecard');
      return bytesOf(made.value);
    },
    async xlsx(grids, options) {
      const { period, ...rest } = options;
      const made = await work.writeScorecardWorkbook({ grids, ...rest, ...(period !== undefined ? { period } : {}) });
      if (!made.ok) throw heavyWorkProblem(made.error, 'scorecard workbook');
      return bytesOf(made.value.bytes);
    },
  };
}
