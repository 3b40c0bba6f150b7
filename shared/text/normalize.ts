import { toSimplified } from './simplified';

/**
 * Text as people type it in Excel: full-width digits and symbols (NFKC folds `１２％` to `12%`),
 * non-breaking and ideographic spaces, stray line breaks. Everything that compares user text
 * goes through here first, so that `≥３％` and `>=3%` mean the same thing.
 */
export function normalizeText(input: string): string {
  // Most cells are short printable ASCII with single spaces: nothing to fold, skip the work.
  if (/^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/.test(input)) return input;
  return input
    .normalize('NFKC')
    .replace(/[\u00a0\u3000\u2000-\u200b\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A key for matching names written in different scripts and cases: Traditional folded to
 * Simplified, Latin lower-cased, spaces and most punctuation dropped.
 */
export function matchKey(input: string): string {
  // Keys repeat by the thousand in big sheets (departments, metric names, periods): remember them.
  let key = recent.get(input) ?? older.get(input);
  if (key === undefined) {
    key = computeMatchKey(input);
    if (recent.size >= KEY_CACHE_LIMIT) {
      older = recent;
      recent = new Map();
    }
    recent.set(input, key);
  }
  return key;
}

/**
 * Two generations: when the young one is full it becomes the old one (and the old one is
 * dropped), so the names folded a moment ago are still there when the next pass over the same
 * sheet asks again (a push folds its key fields, then the analysis folds them for its
 * duplicate check), where clearing everything at the limit made a sheet with more distinct
 * names than the limit miss every time. A generation holds a 100k-row sheet's worth of
 * distinct names; both together at most 200k entries, some 25 MB.
 */
const KEY_CACHE_LIMIT = 100_000;
let recent = new Map<string, string>();
let older = new Map<string, string>();

/** Drops every remembered key (tests of the cache). */
export function forgetMatchKeys(): void {
  recent = new Map();
  older = new Map();
}

const DROPPED = /[\s_\-·・.,:;'"`()[\]{}<>/\\|、，。：；（）【】《》“”‘’]/g;

/**
 * Printable ASCII and CJK Unified Ideographs only: NFKC leaves such text as it is, and the
 * other folds of normalizeText only touch spaces, which DROPPED removes anyway.
 */
const NFKC_STABLE = /^[\x20-\x7e\u4e00-\u9fff]*$/;

function computeMatchKey(input: string): string {
  const text = NFKC_STABLE.test(input) ? input : normalizeText(input);
  return simplified(text).toLowerCase().replace(DROPPED, '');
}

/** toSimplified, skipped for text in which it has nothing to fold (most of it). */
function simplified(text: string): string {
  return traditional().test(text) ? toSimplified(text) : text;
}

let traditionalChars: RegExp | null = null;

/**
 * Where toSimplified's table lives: CJK radicals, symbols and ideographs (extension A, unified,
 * compatibility). A test folds every BMP character both ways, so a character added to the table
 * outside these ranges is caught there.
 */
const CJK_RANGES: readonly (readonly [number, number])[] = [
  [0x2e80, 0x9fff],
  [0xf900, 0xfaff],
];

/**
 * The characters toSimplified changes, found by asking it about each one once (a few
 * milliseconds, on first use), and any surrogate: characters outside the BMP go to toSimplified
 * as they are.
 */
function traditional(): RegExp {
  if (traditionalChars === null) {
    let escaped = '';
    for (const [from, to] of CJK_RANGES) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCharCode(c);
        if (toSimplified(ch) !== ch) escaped += `\\u${c.toString(16).padStart(4, '0')}`;
      }
    }
    traditionalChars = new RegExp(`[${escaped}\\ud800-\\udfff]`);
  }
  return traditionalChars;
}
