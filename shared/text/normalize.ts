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
  const known = keyCache.get(input);
  if (known !== undefined) return known;
  const key = computeMatchKey(input);
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(input, key);
  return key;
}

const KEY_CACHE_LIMIT = 50_000;
const keyCache = new Map<string, string>();

function computeMatchKey(input: string): string {
  return toSimplified(normalizeText(input))
    .toLowerCase()
    .replace(/[\s_\-·・.,:;'"`()[\]{}<>/\\|、，。：；（）【】《》“”‘’]/g, '');
}
