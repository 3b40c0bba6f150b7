import { fail, ok, type Result } from '../result';
import type { CellValue } from '../table/grid';
import { normalizeText } from '../text/normalize';
import { toSimplified } from '../text/simplified';
import { parseDate } from './date';
import type { ParseFailure, Period, PeriodKind } from './types';

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
const KIND_ORDER: readonly PeriodKind[] = ['year', 'quarter', 'month', 'week'];

const CHINESE_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4 };
// English month names and their usual abbreviations; nothing looser, so "Mars 2024" is refused.
const MONTH_NAMES: ReadonlyMap<string, number> = (() => {
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  const m = new Map<string, number>([['sept', 9]]);
  full.forEach((name, i) => {
    m.set(name, i + 1);
    m.set(name.slice(0, 3), i + 1);
  });
  return m;
})();

interface Pattern {
  readonly kind: PeriodKind;
  readonly re: RegExp;
  /** Capture groups holding the year and the index, in that order. */
  readonly year: number;
  readonly index: number;
}

// Matched against normalised, simplified, upper-cased text.
const PATTERNS: readonly Pattern[] = [
  { kind: 'year', re: /^(\d{4})\s*年?$/, year: 1, index: 0 },
  { kind: 'month', re: /^(\d{4})\s*([-/.])\s*(\d{1,2})$/, year: 1, index: 3 },
  { kind: 'month', re: /^(\d{4})\s*年\s*(\d{1,2})\s*月份?$/, year: 1, index: 2 },
  // "202403", as data exports and finance systems write accounting periods.
  { kind: 'month', re: /^(\d{4})(\d{2})$/, year: 1, index: 2 },
  { kind: 'month', re: /^([A-Z]{3,9})\.?\s*[-/,]?\s*(\d{4})$/, year: 2, index: 1 },
  { kind: 'month', re: /^(\d{4})\s*[-/,]?\s*([A-Z]{3,9})\.?$/, year: 1, index: 2 },
  { kind: 'quarter', re: /^(\d{4})\s*[-/.]?\s*Q\s*(\d)$/, year: 1, index: 2 },
  { kind: 'quarter', re: /^Q\s*(\d)\s*[-/.,]?\s*(\d{4})$/, year: 2, index: 1 },
  { kind: 'quarter', re: /^(\d{4})\s*年\s*(?:第\s*)?([\d一二三四])\s*季度?$/, year: 1, index: 2 },
  { kind: 'quarter', re: /^(\d{4})\s*年\s*Q\s*(\d)$/, year: 1, index: 2 },
  { kind: 'week', re: /^(\d{4})\s*[-/.]?\s*W\s*(\d{1,2})$/, year: 1, index: 2 },
  { kind: 'week', re: /^W\s*(\d{1,2})\s*[-/.,]?\s*(\d{4})$/, year: 2, index: 1 },
  { kind: 'week', re: /^(\d{4})\s*年\s*(?:第\s*)?(\d{1,2})\s*周$/, year: 1, index: 2 },
];

/**
 * A reporting period from a cell. A bare number is a year (2024), a YYYYMM accounting period
 * (202403) or else an Excel date serial (45366 → that date's month). Any date parseDate
 * accepts stands for its month.
 */
export function parsePeriod(input: CellValue): Result<Period, ParseFailure> {
  if (input === null) return fail({ code: 'empty', input: '' });
  if (typeof input === 'boolean') return fail({ code: 'not-a-period', input: String(input) });
  if (typeof input === 'number') {
    const p = periodOfNumber(input);
    return p ? ok(p) : fail({ code: 'not-a-period', input: String(input) });
  }
  const text = normalizeText(input);
  if (text === '') return fail({ code: 'empty', input: '' });
  const key = toSimplified(text).replace(/週/g, '周').toUpperCase();
  for (const pattern of PATTERNS) {
    const m = pattern.re.exec(key);
    if (!m) continue;
    const year = Number(m[pattern.year]);
    const index = pattern.index === 0 ? 0 : indexOf(m[pattern.index]!);
    const period = { kind: pattern.kind, year, index };
    if (isValidPeriod(period)) return ok(period);
  }
  const date = parseDate(text);
  if (date.ok) return ok(monthOfIso(date.value));
  return fail({ code: 'not-a-period', input: text });
}

/** The canonical spelling: 2024-03, 2024-Q1, 2024-W09, 2024. */
export function formatPeriod(p: Period): string {
  const year = String(p.year).padStart(4, '0');
  switch (p.kind) {
    case 'year':
      return year;
    case 'quarter':
      return `${year}-Q${p.index}`;
    case 'month':
      return `${year}-${String(p.index).padStart(2, '0')}`;
    case 'week':
      return `${year}-W${String(p.index).padStart(2, '0')}`;
  }
}

/** The period just before, of the same kind (what a trend target compares with). */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'year') return { kind: 'year', year: p.year - 1, index: 0 };
  if (p.index > 1) return { kind: p.kind, year: p.year, index: p.index - 1 };
  return { kind: p.kind, year: p.year - 1, index: lastIndex(p.kind, p.year - 1) };
}

/** The period just after, of the same kind. */
export function nextPeriod(p: Period): Period {
  if (p.kind === 'year') return { kind: 'year', year: p.year + 1, index: 0 };
  if (p.index < lastIndex(p.kind, p.year)) return { kind: p.kind, year: p.year, index: p.index + 1 };
  return { kind: p.kind, year: p.year + 1, index: 1 };
}

/** Chronological within a kind; periods of different kinds sort year < quarter < month < week. */
export function comparePeriods(a: Period, b: Period): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.year - b.year || a.index - b.index;
}

function periodOfNumber(n: number): Period | null {
  if (!Number.isFinite(n)) return null;
  if (Number.isInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR) return { kind: 'year', year: n, index: 0 };
  // A YYYYMM integer would otherwise be a serial in the year 2454 or later, which no KPI sheet means.
  if (Number.isInteger(n) && n >= 190001 && n <= 999912) {
    const p: Period = { kind: 'month', year: Math.floor(n / 100), index: n % 100 };
    if (isValidPeriod(p)) return p;
  }
  if (n > 10000) {
    const date = parseDate(n);
    return date.ok ? monthOfIso(date.value) : null;
  }
  return null;
}

function indexOf(token: string): number {
  const digit = CHINESE_DIGITS[token];
  if (digit !== undefined) return digit;
  if (/^\d+$/.test(token)) return Number(token);
  return MONTH_NAMES.get(token.toLowerCase()) ?? NaN;
}

function monthOfIso(iso: string): Period {
  return { kind: 'month', year: Number(iso.slice(0, 4)), index: Number(iso.slice(5, 7)) };
}

function isValidPeriod(p: Period): boolean {
  if (!Number.isInteger(p.year) || p.year < MIN_YEAR || p.year > MAX_YEAR || !Number.isInteger(p.index)) return false;
  if (p.kind === 'year') return p.index === 0;
  return p.index >= 1 && p.index <= lastIndex(p.kind, p.year);
}

function lastIndex(kind: Exclude<PeriodKind, 'year'>, year: number): number {
  if (kind === 'quarter') return 4;
  if (kind === 'month') return 12;
  return isoWeeksInYear(year);
}

/**
 * ISO years have 53 weeks when they start on a Thursday, or on a Wednesday in a leap year:
 * p(y) is the weekday of 31 December (0 = Sunday), which decides both cases.
 */
function isoWeeksInYear(year: number): number {
  const p = (y: number) => (((y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) % 7) + 7) % 7;
  return p(year) === 4 || p(year - 1) === 3 ? 53 : 52;
}
