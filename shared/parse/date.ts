import { fail, ok, type Result } from '../result';
import type { CellValue } from '../table/grid';
import { normalizeText } from '../text/normalize';
import { isoOf, isValidDate } from './calendar';
import { serialToIso } from './excel-number';
import type { ParseFailure } from './types';

export { dayNumber, fromDayNumber, weekday } from './calendar';

const SEPARATED = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(.*)$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?(.*)$/;
// The time of day is dropped, but it must still look like a time: "2024-03-01 garbage" is not a date.
const TIME = /^(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A date cell → 'YYYY-MM-DD'. Day-first and month-first forms ("01/12/2023") are refused as ambiguous. */
export function parseDate(input: CellValue): Result<string, ParseFailure> {
  if (input === null) return fail({ code: 'empty', input: '' });
  if (typeof input === 'boolean') return fail({ code: 'not-a-date', input: String(input) });
  if (typeof input === 'number') {
    // A bare number is an Excel serial (1900 system), time of day dropped; 0, 60 (the phantom
    // 1900-02-29) and anything past 9999-12-31 are no day.
    const iso = serialToIso(Math.floor(input));
    return iso === null ? fail({ code: 'not-a-date', input: String(input) }) : ok(iso);
  }
  const text = normalizeText(input);
  if (text === '') return fail({ code: 'empty', input: '' });
  const m = SEPARATED.exec(text);
  const parts = m ? [m[1], m[3], m[4], m[5]] : CHINESE.exec(text)?.slice(1);
  if (parts && TIME.test(parts[3] ?? '')) {
    const [y, mo, d] = [Number(parts[0]), Number(parts[1]), Number(parts[2])];
    if (isValidDate(y, mo, d)) return ok(isoOf(y, mo, d));
  }
  return fail({ code: 'not-a-date', input: text });
}
