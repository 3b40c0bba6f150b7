import { normalizeText } from '../../text/normalize';
import type { ColumnPair } from './types';

/**
 * A 关联列 / 比对列 cell as column pairs: headers separated by 、 ， , ; or line breaks, each
 * either one header (the same on both sides) or `left=right`. null when a part is empty or
 * holds more than one `=`; an empty cell is an empty list.
 */
export function parseColumnPairs(text: string): ColumnPair[] | null {
  // Line breaks split before normalising, which turns every run of white space into one space.
  const parts = text.split(/[\r\n]+|[、,，;；]/).map((p) => normalizeText(p));
  if (parts.every((p) => p === '')) return [];
  const pairs: ColumnPair[] = [];
  for (const part of parts) {
    if (part === '') return null;
    const sides = part.split('=').map((s) => s.trim());
    if (sides.length === 1) pairs.push({ left: sides[0]!, right: sides[0]! });
    else if (sides.length === 2 && sides[0] !== '' && sides[1] !== '') pairs.push({ left: sides[0]!, right: sides[1]! });
    else return null;
  }
  return pairs;
}
