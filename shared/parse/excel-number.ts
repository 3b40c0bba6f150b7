import type { CellValue } from '../table/grid';
import { civilFromDays, dayNumber, isoOf } from './calendar';

/**
 * What a number stored in an Excel cell means under the cell's number format: the one place
 * where the xlsx reader (server/workbook/xlsx/), the add-in's adapter (addin/excel/cell-values.ts)
 * and the Excel fake turn it into the value the checks see, and where dates become serials for
 * the workbooks we write. One table test (test/shared/parse/excel-number.test.ts) runs every
 * rule below through all three paths.
 *
 * - Date, time and date-time formats: the serial as ISO text, 'YYYY-MM-DD', with
 *   'THH:mm:ss' when it has a time of day (rounded to the second, as Excel shows it). The time
 *   is kept whatever the format shows: it is in the value, and parseDate drops it anyway.
 * - A time of day and nothing else (a time format, 0 ≤ serial < 1: "12:00" is 0.5): the
 *   number, a fraction of a day, as elapsed-time formats ([h]:mm) always are. It has no date,
 *   and Excel's "1900-01-00" is none.
 * - A serial that is no calendar day stays a number: negative, past 9999-12-31, serial 0 in
 *   the 1900 system ("1900-01-00") and 60 (Lotus 1-2-3's 1900-02-29, which never was).
 * - Percent formats: the text Excel's General format would show with a percent sign, "150%"
 *   for 1.5 — the decimal point moved, never multiplied, so the checks read it back
 *   (shared/parse/number.ts) as exactly the stored number, with the unit percent. A cell that
 *   shows 150% therefore means 150%: a weight of 1.5 *points* would have to be typed as 1.5.
 * - Anything else (General, numbers, currency, text "@", scientific, fractions): the number.
 *
 * The 1900 date system counts the phantom 1900-02-29 as serial 60, so serials before it are one
 * day off from the rest (serial 1 is 1900-01-01, 61 is 1900-03-01); the 1904 system (old Mac
 * workbooks) has serial 0 on 1904-01-01.
 */
export type FormatKind = 'date' | 'time' | 'datetime' | 'duration' | 'percent' | 'number';

/** The value the checks see for `value` stored under a format of kind `kind`. */
export function excelNumberValue(value: number, kind: FormatKind, date1904 = false): CellValue {
  switch (kind) {
    case 'date':
    case 'datetime':
    case 'time':
      if (kind === 'time' && value >= 0 && value < 1) return value;
      return serialToIso(value, date1904) ?? value;
    case 'percent':
      return percentText(value);
    default:
      return value;
  }
}

// --- number formats -----------------------------------------------------------------------

const kindCache = new Map<string, FormatKind>();
/** Distinct codes a workbook or a session meets are few; the cap only bounds a hostile file. */
const KIND_CACHE_LIMIT = 4096;

/**
 * The kind of a number-format code, from its first section (the one positive numbers and
 * dates are shown with). Quoted text, `\x` escapes, `_x` spaces, `*x` fills and `[…]`
 * brackets (colours, conditions, locales) print literally and are skipped; `[h]`, `[mm]`,
 * `[ss]` make it a duration. `m` is minutes right after an hour or right before seconds, a
 * month anywhere else (Excel's own rule).
 */
export function classifyFormat(code: string): FormatKind {
  let kind = kindCache.get(code);
  if (kind === undefined) {
    kind = classify(code);
    if (kindCache.size < KIND_CACHE_LIMIT) kindCache.set(code, kind);
  }
  return kind;
}

/** A cell format from styles.xml: its custom code, or else the built-in format its id names. */
export function numFmtKind(numFmtId: number, customCode: string | undefined): FormatKind {
  return classifyFormat(customCode ?? BUILTIN_FORMAT_CODES[numFmtId] ?? 'General');
}

/** Sticky, matched at a position: a slice per letter would make a long code cost quadratic time. */
const AM_PM = /am\/pm|a\/p/iy;
const ELAPSED = /^(?:h+|m+|s+)$/i;

function classify(code: string): FormatKind {
  const tokens: string[] = [];
  let percent = false;
  let i = 0;
  while (i < code.length) {
    const c = code[i] as string;
    if (c === ';') break;
    if (c === '"') {
      const end = code.indexOf('"', i + 1);
      i = end < 0 ? code.length : end + 1;
    } else if (c === '\\' || c === '_' || c === '*') {
      i += 2;
    } else if (c === '[') {
      const end = code.indexOf(']', i + 1);
      if (ELAPSED.test(code.slice(i + 1, end < 0 ? code.length : end))) return 'duration';
      i = end < 0 ? code.length : end + 1;
    } else {
      const lower = c.toLowerCase();
      AM_PM.lastIndex = i;
      const ampm = lower === 'a' ? AM_PM.exec(code) : null;
      if (ampm) {
        tokens.push('h');
        i += ampm[0].length;
      } else if ('ymdhs'.includes(lower)) {
        tokens.push(lower);
        while (i < code.length && (code[i] as string).toLowerCase() === lower) i++;
      } else {
        if (c === '%') percent = true;
        i++;
      }
    }
  }
  let date = false;
  let time = false;
  tokens.forEach((t, k) => {
    if (t === 'y' || t === 'd') date = true;
    else if (t === 'h' || t === 's') time = true;
    else if (tokens[k - 1] === 'h' || tokens[k + 1] === 's') time = true;
    else date = true;
  });
  if (date) return time ? 'datetime' : 'date';
  if (time) return 'time';
  return percent ? 'percent' : 'number';
}

/**
 * The built-in formats (ECMA-376 Part 1, 18.8.30), which styles.xml names by id alone. 27–36
 * and 50–58 depend on the workbook's locale: Simplified Chinese's codes here, the product's
 * language (the Japanese and Korean ones are dates where these are dates, and 34/35 dates where
 * these are times: either way a serial ≥ 1 reads the same). 59–81 are Thai, by their Latin
 * equivalents. Ids not listed (5–8, 23–26, 41–44 are currencies and accounting) are numbers.
 */
const BUILTIN_FORMAT_CODES: Readonly<Record<number, string>> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?',
  13: '# ??/??', 14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM',
  20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm', 27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0',
  49: '@', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"', 59: '0',
  60: '0.00', 61: '#,##0', 62: '#,##0.00', 67: '0%', 68: '0.00%', 69: '# ?/?', 70: '# ??/??', 71: 'd/m/yyyy',
  72: 'd-mmm-yy', 73: 'd-mmm', 74: 'mmm-yy', 75: 'h:mm', 76: 'h:mm:ss', 77: 'd/m/yyyy h:mm', 78: 'mm:ss',
  79: '[h]:mm:ss', 80: 'mm:ss.0', 81: 'd/m/yyyy',
};

// --- percents -----------------------------------------------------------------------------

/**
 * 1.5 → "150%", 0.035 → "3.5%", 1e-7 → "0.00001%" (exponent form kept for very large or small
 * numbers: "1e-5%"). The shortest text that reads back as the same double: the decimal point of
 * JavaScript's own shortest representation moved two places, so parseQuantity("3.5%") is
 * exactly 0.035.
 */
export function percentText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(value === 0 ? 0 : value);
  const e = text.indexOf('e');
  if (e >= 0) return `${text.slice(0, e)}e${Number(text.slice(e + 1)) + 2}%`;
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const fraction = (dot < 0 ? '' : body.slice(dot + 1)).padEnd(2, '0');
  const whole = ((dot < 0 ? body : body.slice(0, dot)) + fraction.slice(0, 2)).replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2);
  return `${negative ? '-' : ''}${whole}${rest === '' ? '' : `.${rest}`}%`;
}

// --- date serials -------------------------------------------------------------------------

const DAY_SECONDS = 86_400;
/** Day numbers (calendar.ts) of serial 0: 1899-12-30 for 1900-system serials from 61 on; 1904-01-01. */
const EPOCH_1900 = -25_569;
const EPOCH_1904 = -24_107;
/** 9999-12-31, the last day Excel shows in either system. */
const LAST_DAY = 2_932_896;
/** Serial 60 of the 1900 system: 1900-02-29. */
const PHANTOM_LEAP_DAY = 60;

/** A serial as Excel shows it: the calendar day (Excel's own 1900-01-00 and 1900-02-29 included) and the time, to the second. */
export interface SerialParts {
  readonly y: number;
  readonly m: number;
  readonly d: number;
  readonly h: number;
  readonly mi: number;
  readonly s: number;
}

/** Null for what Excel cannot show as a date: a serial below 0 (after rounding to the second), a day past 9999-12-31. */
export function serialParts(serial: number, date1904 = false): SerialParts | null {
  if (!Number.isFinite(serial)) return null;
  // Whole seconds: Excel shows times rounded so, and rounding absorbs the binary noise of
  // serials such as 45366.354166666664 (08:30).
  const seconds = Math.round(serial * DAY_SECONDS);
  if (seconds < 0) return null;
  const days = Math.floor(seconds / DAY_SECONDS);
  const rest = seconds - days * DAY_SECONDS;
  let ymd: [number, number, number];
  if (date1904 || days > PHANTOM_LEAP_DAY) {
    const day = days + (date1904 ? EPOCH_1904 : EPOCH_1900);
    if (day > LAST_DAY) return null;
    ymd = civilFromDays(day);
  } else if (days === 0) {
    ymd = [1900, 1, 0];
  } else if (days === PHANTOM_LEAP_DAY) {
    ymd = [1900, 2, 29];
  } else {
    ymd = civilFromDays(days + EPOCH_1900 + 1);
  }
  return { y: ymd[0], m: ymd[1], d: ymd[2], h: Math.floor(rest / 3600), mi: Math.floor((rest % 3600) / 60), s: rest % 60 };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:mm:ss' with a time of day; null when the serial is no calendar day. */
export function serialToIso(serial: number, date1904 = false): string | null {
  const p = serialParts(serial, date1904);
  if (p === null || p.d === 0 || (p.y === 1900 && p.m === 2 && p.d === 29)) return null;
  const date = isoOf(p.y, p.m, p.d);
  return p.h === 0 && p.mi === 0 && p.s === 0 ? date : `${date}T${pad2(p.h)}:${pad2(p.mi)}:${pad2(p.s)}`;
}

/**
 * The 1900-system serial of a day number (calendar.ts), for the workbooks we write: days since
 * 1899-12-30 from 1900-03-01 on, one less before it (the phantom day is not counted yet). Total,
 * so that a plan running past 9999 still writes; Excel shows such serials as "####".
 */
export function dayToSerial(day: number): number {
  const serial = day - EPOCH_1900;
  return serial > PHANTOM_LEAP_DAY ? serial : serial - 1;
}

/** The serial of a 'YYYY-MM-DD' date (1900–9999); null for anything else or a day the system cannot hold. */
export function isoToSerial(iso: string, date1904 = false): number | null {
  const day = dayNumber(iso);
  if (Number.isNaN(day)) return null;
  const serial = date1904 ? day - EPOCH_1904 : dayToSerial(day);
  return serial >= (date1904 ? 0 : 1) ? serial : null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date stored as ISO 8601 text (an xlsx `t="d"` cell) in the same two shapes as a serial:
 * 'YYYY-MM-DD', or with 'THH:mm:ss' when it has a time of day. Other text is kept as it is.
 */
export function isoDateText(text: string): string {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return text;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const date = `${y}-${mo}-${d}`;
  return h === '00' && mi === '00' && s === '00' ? date : `${date}T${h}:${mi}:${s}`;
}
