import { fail, ok, type Result } from '../result';
import type { CellValue } from '../table/grid';
import { normalizeText } from '../text/normalize';
import type { ParseFailure, Quantity, Unit } from './types';

/**
 * Numbers as analysts type them into KPI and metric cells: "1,200", "3.6%", "1.2万", "¥500",
 * "4小时", "(1,200)". Scales and percents shift the decimal exponent of the literal instead of
 * multiplying, so "1.1万" is exactly 11000 and "3.6%" is exactly the double nearest 0.036.
 */
export function parseQuantity(input: CellValue): Result<Quantity, ParseFailure> {
  if (input === null) return fail({ code: 'empty', input: '' });
  if (typeof input === 'boolean') return fail({ code: 'not-a-number', input: String(input) });
  if (typeof input === 'number') {
    return Number.isFinite(input)
      ? ok({ value: input === 0 ? 0 : input, unit: 'none' })
      : fail({ code: 'not-a-number', input: String(input) });
  }
  // U+2212 is what Word and many web pages paste for a minus sign; NFKC leaves it alone.
  const text = normalizeText(input).replace(/\u2212/g, '-');
  if (text === '') return fail({ code: 'empty', input: '' });
  const quantity = readQuantity(text);
  return quantity ? ok(quantity) : fail({ code: 'not-a-number', input: text });
}

/** The value of a quantity whatever its unit: "4小时" is 4, "3%" is 0.03. */
export function parseNumber(input: CellValue): Result<number, ParseFailure> {
  const q = parseQuantity(input);
  return q.ok ? ok(q.value.value) : q;
}

// Thousands separators count only in full groups of three, so "1,2" (a European decimal, or a
// typo) is refused rather than read as 12.
const NUMBER = /^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:e([+-]?\d+))?/i;
const CURRENCY_PREFIX = /^(?:¥|rmb|cny)\s*/i;

interface Scale {
  readonly token: string;
  readonly exponent: number;
  /** "M" is million only in capitals: a lower-case m would as likely be minutes or metres. */
  readonly caseSensitive: boolean;
}

// Longest first, so "百万" is not read as "百" followed by an unknown unit "万".
const SCALES: readonly Scale[] = [
  { token: 'thousand', exponent: 3, caseSensitive: false },
  { token: 'million', exponent: 6, caseSensitive: false },
  { token: 'billion', exponent: 9, caseSensitive: false },
  { token: '百万', exponent: 6, caseSensitive: true },
  { token: '千万', exponent: 7, caseSensitive: true },
  { token: '万亿', exponent: 12, caseSensitive: true },
  { token: '百萬', exponent: 6, caseSensitive: true },
  { token: '千萬', exponent: 7, caseSensitive: true },
  { token: '百', exponent: 2, caseSensitive: true },
  { token: '千', exponent: 3, caseSensitive: true },
  { token: '万', exponent: 4, caseSensitive: true },
  { token: '萬', exponent: 4, caseSensitive: true },
  { token: '亿', exponent: 8, caseSensitive: true },
  { token: '億', exponent: 8, caseSensitive: true },
  { token: 'k', exponent: 3, caseSensitive: false },
  { token: 'M', exponent: 6, caseSensitive: true },
];

interface UnitSuffix {
  readonly unit: Unit;
  /** Decimal shift applied to the value (percent and per-mille are stored as fractions). */
  readonly exponent: number;
  /** Minutes have no unit of their own; they are stored as hours. */
  readonly divisor: number;
}

const PERCENT: UnitSuffix = { unit: 'percent', exponent: -2, divisor: 1 };
const UNIT_SUFFIXES: ReadonlyMap<string, UnitSuffix> = (() => {
  const m = new Map<string, UnitSuffix>();
  const add = (unit: Unit, words: string[], exponent = 0, divisor = 1) => {
    for (const w of words) m.set(w, { unit, exponent, divisor });
  };
  m.set('%', PERCENT);
  add('percent', ['‰'], -3);
  add('hour', ['小时', '小時', '个小时', '個小時', 'h', 'hr', 'hrs', 'hour', 'hours']);
  add('hour', ['分钟', '分鐘', 'min', 'mins', 'minute', 'minutes'], 0, 60);
  add('day', ['天', 'd', 'day', 'days']);
  add('yuan', ['元', 'yuan', 'rmb', 'cny']);
  return m;
})();

function scaleAt(rest: string, scale: Scale): boolean {
  const head = rest.slice(0, scale.token.length);
  if (scale.caseSensitive ? head !== scale.token : head.toLowerCase() !== scale.token) return false;
  // A Latin scale must end its word: "2 Minutes" is not 2 million "inutes".
  return !/^[a-z]/i.test(scale.token) || !/^[a-z]/i.test(rest.slice(scale.token.length));
}

function readQuantity(whole: string): Quantity | null {
  let text = whole;
  let negative = false;
  // Accounting negatives: "(1,200)". The inner text may not carry its own sign.
  const paren = /^\((.*)\)$/.exec(text);
  if (paren) {
    text = paren[1]!.trim();
    if (/^[+-]/.test(text)) return null;
    negative = true;
  }

  let signSeen = false;
  const takeSign = (): boolean => {
    const c = text[0];
    if (c !== '+' && c !== '-') return true;
    if (signSeen || negative) return false;
    signSeen = true;
    if (c === '-') negative = true;
    text = text.slice(1).trimStart();
    return true;
  };

  if (!takeSign()) return null;
  let currency = false;
  const prefix = CURRENCY_PREFIX.exec(text);
  if (prefix) {
    currency = true;
    text = text.slice(prefix[0].length);
    if (!takeSign()) return null;
  }

  const num = NUMBER.exec(text);
  if (!num) return null;
  const mantissa = num[1]!.replace(/,/g, '');
  let exponent = num[2] === undefined ? 0 : Number(num[2]);
  let rest = text.slice(num[0].length).trim();

  const scale = SCALES.find((s) => scaleAt(rest, s));
  if (scale) {
    exponent += scale.exponent;
    rest = rest.slice(scale.token.length).trim();
  }

  let unit: Unit = currency ? 'yuan' : 'none';
  let divisor = 1;
  if (rest !== '') {
    const suffix = UNIT_SUFFIXES.get(rest.toLowerCase());
    // One unit per quantity: "¥500元" and "3万%" are typos, not quantities.
    if (!suffix || currency || (scale && suffix.exponent !== 0)) return null;
    unit = suffix.unit;
    exponent += suffix.exponent;
    divisor = suffix.divisor;
  }

  const magnitude = Number(`${mantissa}e${exponent}`) / divisor;
  if (!Number.isFinite(magnitude)) return null;
  const value = negative ? -magnitude : magnitude;
  return { value: value === 0 ? 0 : value, unit };
}
