import { fail, ok, type Result } from '../result';
import type { CellValue } from '../table/grid';
import { normalizeText } from '../text/normalize';
import { parseQuantity } from './number';
import type { ParseFailure } from './types';

/**
 * A KPI weight as a fraction 0..1. Sheets mix "20%" (typed, or a percent-formatted cell,
 * which every reader hands over as its percent text: shared/parse/excel-number.ts), 0.2 and 20
 * (someone typed points out of 100), so a bare number above 1 is read as a percent. The
 * price of that rule: a bare 1 is 100%, never 1%. A percent cell is never a bare number, so a
 * percent-formatted 1.5 is 150%, not 1.5 points.
 */
export function parseWeight(input: CellValue): Result<number, ParseFailure> {
  const q = parseQuantity(input);
  if (!q.ok) return fail({ code: q.error.code === 'empty' ? 'empty' : 'not-a-weight', input: q.error.input });
  const shown = typeof input === 'string' ? normalizeText(input) : String(input);
  const { value, unit } = q.value;
  if (unit !== 'percent' && unit !== 'none') return fail({ code: 'not-a-weight', input: shown });
  // Shift the decimal point rather than divide: 33.4 / 100 is 0.33399999999999996, "33.4e-2" is 0.334.
  // (String() of a number in 1..100 never uses exponent notation, so the literal is well formed.)
  const fraction = unit === 'none' && value > 1 ? Number(`${String(value)}e-2`) : value;
  return fraction >= 0 && fraction <= 1 ? ok(fraction) : fail({ code: 'not-a-weight', input: shown });
}
