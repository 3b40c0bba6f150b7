/**
 * Calendar dates as plain day numbers (days since 1970-01-01) in the proleptic Gregorian
 * calendar. Plans compare and subtract dates constantly; doing it on integers avoids `Date`,
 * whose local time zone and DST shift a date by one day depending on where the code runs.
 * Excel's serial numbers are built on these in excel-number.ts.
 */

export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

/** Days since 1970-01-01 for a valid 'YYYY-MM-DD' (1900–9999); NaN for anything else. */
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

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function isoOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// Howard Hinnant's civil-calendar algorithms: exact integer arithmetic over 400-year eras.
export function daysFromCivil(year: number, m: number, d: number): number {
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number. */
export function civilFromDays(n: number): [number, number, number] {
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
