import { fail, ok, type Result } from '../result';
import type { CellValue } from '../table/grid';
import { normalizeText } from '../text/normalize';
import type { ParseFailure } from './types';

/**
 * Calendar dates as plain day numbers. Plans compare and subtract dates constantly; doing it on
 * integers in the proleptic Gregorian calendar avoids `Date`, whose local time zone and DST
 * shift a date by one day depending on where the code runs.
 */

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
/** Serial of 1970-01-01 in Excel's 1900 system (which counts the phantom 1900-02-29). */
const EXCEL_EPOCH_1970 = 25569;
/** Excel serial 60 is 1900-02-29, a day that never was (kept for Lotus 1-2-3 compatibility). */
const EXCEL_PHANTOM_LEAP_DAY = 60;
const EXCEL_MAX_SERIAL = 2958465; // 9999-12-31

const SEPARATED = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(.*)$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?(.*)$/;
// The time of day is dropped, but it must still look like a time: "2024-03-01 garbage" is not a date.
const TIME = /^(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A date cell → 'YYYY-MM-DD'. Day-first and month-first forms ("01/12/2023") are refused as ambiguous. */
export function parseDate(input: CellValue): Result<string, ParseFailure> {
  if (input === null) return fail({ code: 'empty', input: '' });
  if (typeof input === 'boolean') return fail({ code: 'not-a-date', input: String(input) });
  if (typeof input === 'number') {
    const serial = Math.floor(input);
    if (!Number.isFinite(input) || serial < 1 || serial > EXCEL_MAX_SERIAL || serial === EXCEL_PHANTOM_LEAP_DAY) {
      return fail({ code: 'not-a-date', input: String(input) });
    }
    return ok(excelSerialToIso(serial));
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

/** Days since 1970-01-01 for a valid 'YYYY-MM-DD'; NaN for anything else. */
export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? daysFromCivil(y, mo, d) : NaN;
}

/** 'YYYY-MM-DD' for a day number (fractions are floored). */
export function fromDayNumber(n: number): string {
  const [y, m, d] = civilFromDays(Math.floor(n));
  return isoOf(y, m, d);
}

/** 0 = Monday … 6 = Sunday, the ISO-8601 order that weeks and schedules use. */
export function weekday(n: number): number {
  // 1970-01-01 was a Thursday (3).
  return (((Math.floor(n) + 3) % 7) + 7) % 7;
}

/**
 * Excel 1900-system serial → 'YYYY-MM-DD', time of day dropped. Serials before the phantom
 * 1900-02-29 are one day off from the rest; serial 60 itself yields 1900-03-01 (callers that
 * must refuse it, like parseDate, check for it first).
 */
export function excelSerialToIso(serial: number): string {
  const s = Math.floor(serial);
  return fromDayNumber(s <= EXCEL_PHANTOM_LEAP_DAY ? s - EXCEL_EPOCH_1970 + 1 : s - EXCEL_EPOCH_1970);
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function isValidDate(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function isoOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// Howard Hinnant's civil-calendar algorithms: exact integer arithmetic over 400-year eras.
function daysFromCivil(year: number, m: number, d: number): number {
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}
