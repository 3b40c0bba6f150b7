import { toSimplified } from './simplified';

/**
 * Text as people type it in Excel: full-width digits and symbols (NFKC folds `１２％` to `12%`),
 * non-breaking and ideographic spaces, stray line breaks. Everything that compares user text
 * goes through here first, so that `≥３％` and `>=3%` mean the same thing.
 */
export function normalizeText(input: string): string {
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
  return toSimplified(normalizeText(input))
    .toLowerCase()
    .replace(/[\s_\-·・.,:;'"`()[\]{}<>/\\|、，。：；（）【】《》“”‘’]/g, '');
}
