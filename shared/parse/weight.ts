import { fail, ok, type Result } from '../result';
import type { CellValue } from '../table/grid';
import { normalizeText } from '../text/normalize';
import { parseQuantity } from './number';
import type { ParseFailure } from './types';

/**
 * Shares of a whole, as fractions: KPI weights and Gantt progress. Sheets mix three ways of
 * writing them, and each is read as what its writer meant:
 *   - text with a percent sign ("20%", "150%", "５０‰"): exactly what it says, 150% is 1.5. A
 *     percent-formatted cell is this too: every reader hands it over as its percent text
 *     (shared/parse/excel-number.ts), so Excel's 1.5 shown as 150% is 150%, never 1.5 points;
 *   - a bare number up to 1 (0.2): a fraction;
 *   - a bare number above 1 and up to 100 (20, "33.4"): points out of 100.
 * The price of the bare-number rule: a bare 1 is 100%, never 1%. The percent sign decides,
 * before any guess about bare numbers.
 */

/** What a share's text said: the fraction and whether a percent (or per-mille) sign wrote it. */
function readShare(input: CellValue): Result<{ fraction: number; explicitPercent: boolean; shown: string }, ParseFailure> {
  const q = parseQuantity(input);
  if (!q.ok) return fail({ code: q.error.code === 'empty' ? 'empty' : 'not-a-weight', input: q.error.input });
  const shown = typeof input === 'string' ? normalizeText(input) : String(input);
  const { value, unit } = q.value;
  if (unit !== 'percent' && unit !== 'none') return fail({ code: 'not-a-weight', input: shown });
  if (!(value >= 0)) return fail({ code: 'not-a-weight', input: shown });
  if (unit === 'percent') return ok({ fraction: value, explicitPercent: true, shown });
  if (value <= 1) return ok({ fraction: value, explicitPercent: false, shown });
  // Points out of 100. Shift the decimal point rather than divide: 33.4 / 100 is
  // 0.33399999999999996, "33.4e-2" is 0.334. (String() of a number in 1..100 never uses
  // exponent notation, so the literal is well formed.)
  if (value <= 100) return ok({ fraction: Number(`${String(value)}e-2`), explicitPercent: false, shown });
  return fail({ code: 'not-a-weight', input: shown });
}

/**
 * A KPI weight as a fraction. A weight written with a percent sign is taken as written, even
 * above 100% ("150%" is 1.5): the KPI sheet's weights-total check then says the weights add up
 * to more than 100% and by how much, which is the mistake the user made. A bare number above
 * 100 is not a weight.
 */
export function parseWeight(input: CellValue): Result<number, ParseFailure> {
  const share = readShare(input);
  return share.ok ? ok(share.value.fraction) : share;
}

/**
 * A Gantt task's progress as a fraction 0..1: a task cannot be more than done, so "150%" (or
 * 1.5 read as a fraction) is refused and reported as an invalid progress, never read as 1.5%.
 */
export function parseProgress(input: CellValue): Result<number, ParseFailure> {
  const share = readShare(input);
  if (!share.ok) return share;
  return share.value.fraction <= 1 ? ok(share.value.fraction) : fail({ code: 'not-a-weight', input: share.value.shown });
}
