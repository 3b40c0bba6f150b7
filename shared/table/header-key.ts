import { matchKey, normalizeText } from '../text/normalize';

/** The key a header cell is matched by: no notes in brackets, no required-markers, folded. */
export function headerKey(text: string): string {
  const withoutNotes = normalizeText(text)
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[*%#]/g, '');
  return matchKey(withoutNotes);
}
