import { fail, ok, type Result } from '../result';
import type { CellValue } from '../table/grid';
import { normalizeText } from '../text/normalize';
import { toSimplified } from '../text/simplified';
import { parseQuantity } from './number';
import type { ParseFailure, Quantity, Target, Unit } from './types';

/**
 * A KPI target as written in the sheet. Strict and non-strict bounds are the same target
 * (">5" scores like "≥5": achievement is a ratio, not a pass/fail test).
 */
export function parseTarget(input: CellValue): Result<Target, ParseFailure> {
  if (input === null) return fail({ code: 'empty', input: '' });
  if (typeof input === 'boolean') return fail({ code: 'not-a-target', input: String(input) });
  if (typeof input === 'number') {
    return Number.isFinite(input)
      ? ok({ kind: 'higher', value: input, unit: 'none' })
      : fail({ code: 'not-a-target', input: String(input) });
  }
  // Longer text is no target (a sheet caps the cell; this keeps every caller's work bounded).
  if (input.length > MAX_TARGET_TEXT) return fail({ code: 'not-a-target', input: input.slice(0, 40) });
  const text = normalizeText(input);
  if (text === '') return fail({ code: 'empty', input: '' });
  const target = readTarget(foldTarget(text));
  return target ? ok(target) : fail({ code: 'not-a-target', input: text });
}

/** The longest text read as a target: "不低于 1,234.5 万元" is some twenty characters. */
export const MAX_TARGET_TEXT = 200;

type Direction = 'higher' | 'lower';

// Traditional characters of the target vocabulary that the shared table does not cover.
const EXTRA_TRADITIONAL: Readonly<Record<string, string>> = { 過: '过', 穩: '稳', 續: '续', 於: '于', 達: '达' };

function foldTarget(text: string): string {
  return toSimplified(text)
    .replace(/[過穩續於達]/g, (c) => EXTRA_TRADITIONAL[c] ?? c)
    .replace(/[≧⩾]/g, '≥')
    .replace(/[≦⩽]/g, '≤')
    .replace(/\u2212/g, '-');
}

const TRENDS = new Set([
  '稳定增长', '持续增长', '稳步增长', '增长', '环比增长', '持续上升', '稳定上升', '上升', '↑',
  'steady growth', 'growth', 'continuous growth', 'steady increase', 'increase', 'increasing', 'upward trend',
]);

// Longest first, so "大于等于" is not taken as "大于" followed by "等于5".
const PREFIXES: ReadonlyArray<readonly [string, Direction]> = (
  [
    ['≥', 'higher'], ['>=', 'higher'], ['=>', 'higher'], ['>', 'higher'],
    ['不低于', 'higher'], ['至少', 'higher'], ['大于等于', 'higher'], ['大于', 'higher'], ['不少于', 'higher'],
    ['高于', 'higher'], ['达到', 'higher'],
    ['at least', 'higher'], ['no less than', 'higher'], ['not less than', 'higher'], ['minimum', 'higher'], ['min', 'higher'],
    ['≤', 'lower'], ['<=', 'lower'], ['=<', 'lower'], ['<', 'lower'],
    ['不超过', 'lower'], ['至多', 'lower'], ['小于等于', 'lower'], ['小于', 'lower'], ['不高于', 'lower'], ['不多于', 'lower'],
    ['低于', 'lower'], ['控制在', 'lower'],
    ['at most', 'lower'], ['no more than', 'lower'], ['not more than', 'lower'], ['maximum', 'lower'], ['max', 'lower'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

const SUFFIXES: ReadonlyArray<readonly [string, Direction]> = [
  ['及以上', 'higher'], ['或以上', 'higher'], ['以上', 'higher'], ['or more', 'higher'], ['or above', 'higher'],
  ['及以下', 'lower'], ['或以下', 'lower'], ['以下', 'lower'], ['以内', 'lower'], ['or less', 'lower'], ['or below', 'lower'],
];

function readTarget(text: string): Target | null {
  const lower = text.toLowerCase();
  if (TRENDS.has(lower)) return { kind: 'trend' };

  const plain = quantity(text);
  if (plain) return { kind: 'higher', ...plain };

  for (const [word, direction] of PREFIXES) {
    if (!lower.startsWith(word)) continue;
    // "min" must end its word, or "minutes" and "maximal" would be read as bounds.
    const rest = text.slice(word.length);
    if (/^[a-z]/i.test(word) && /^[a-z]/i.test(rest)) continue;
    const bound = rest.replace(/^\s*:?\s*/, '');
    const q = quantity(bound);
    if (q) return { kind: direction, ...q };
    // "控制在2%-3%" keeps a value within a band; "控制在3%以内" is an upper bound.
    return word === '控制在' ? readTarget(bound) : null;
  }
  for (const [word, direction] of SUFFIXES) {
    if (!lower.endsWith(word)) continue;
    const q = quantity(text.slice(0, text.length - word.length));
    return q ? { kind: direction, ...q } : null;
  }
  return readRange(text);
}

function quantity(text: string): Quantity | null {
  const q = parseQuantity(text.trim());
  return q.ok ? q.value : null;
}

function readRange(text: string): Target | null {
  const between =
    /^between\s+(.+?)\s+and\s+(.+)$/i.exec(text) ??
    /^(?:介于|在)\s*(.+?)\s*(?:和|与|至|到|~)\s*(.+?)\s*之间$/.exec(text) ??
    /^(.+?)\s*(?:至|到|~)\s*(.+?)\s*之间$/.exec(text);
  if (between) return rangeOf(between[1]!, between[2]!);

  const words = /^(.+?)\s+to\s+(.+)$/i.exec(text);
  if (words) return rangeOf(words[1]!, words[2]!);

  // Every separator position is tried, because "-" is also a sign: "-5-5", "-5~-3". A separator
  // right after another one cannot end a lower bound ("--5"), which keeps a run of dashes cheap;
  // the text itself is at most MAX_TARGET_TEXT long.
  const chars = Array.from(text);
  for (let i = 1; i < chars.length; i++) {
    if (!/^[-~〜–—至到]$/.test(chars[i]!)) continue;
    if (/^[-~〜–—至到+]$/.test(chars[i - 1]!)) continue;
    const range = rangeOf(chars.slice(0, i).join(''), chars.slice(i + 1).join(''));
    if (range) return range;
  }
  return null;
}

const CURRENCY_PREFIX = /^(?:¥|rmb|cny)/i;

function rangeOf(lowText: string, highText: string): Target | null {
  let left = lowText.trim();
  let right = highText.trim();
  // A unit or scale written once, after the upper bound, applies to both: "2-3%", "1.2~1.5万".
  const rightSuffix = /\d([^\d]*)$/.exec(right)?.[1] ?? '';
  if (/\d$/.test(left) && rightSuffix !== '' && !rightSuffix.includes(')')) left += rightSuffix;
  // A currency sign written once, before the lower bound, applies to both: "¥100-200".
  const currency = CURRENCY_PREFIX.exec(left.replace(/^[+-]/, ''));
  if (currency && !CURRENCY_PREFIX.test(right.replace(/^[+-]/, '')) && /\d$/.test(right)) right = currency[0] + right;

  const low = quantity(left);
  const high = quantity(right);
  if (!low || !high || low.unit !== high.unit || low.value > high.value) return null;
  return { kind: 'range', low: low.value, high: high.value, unit: low.unit };
}

const UNIT_TEXT: Readonly<Record<'zh-CN' | 'en-US', Readonly<Record<Unit, string>>>> = {
  'zh-CN': { percent: '%', hour: '小时', day: '天', yuan: '元', none: '' },
  'en-US': { percent: '%', hour: 'h', day: 'd', yuan: ' yuan', none: '' },
};

/** A target as the scorecard shows it; parseTarget reads every form this writes. */
export function formatTarget(t: Target, locale: 'zh-CN' | 'en-US'): string {
  switch (t.kind) {
    case 'trend':
      return locale === 'zh-CN' ? '稳定增长' : 'steady growth';
    case 'higher':
      return `≥${formatQuantity(t.value, t.unit, locale)}`;
    case 'lower':
      return `≤${formatQuantity(t.value, t.unit, locale)}`;
    case 'range':
      return `${formatQuantity(t.low, t.unit, locale)}–${formatQuantity(t.high, t.unit, locale)}`;
  }
}

function formatQuantity(value: number, unit: Unit, locale: 'zh-CN' | 'en-US'): string {
  // toPrecision(15) then Number() drops the binary noise of ×100 (0.07 × 100 = 7.000000000000001).
  const shown = unit === 'percent' ? Number((value * 100).toPrecision(15)) : value;
  return `${String(shown)}${UNIT_TEXT[locale][unit]}`;
}
