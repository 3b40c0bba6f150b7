import { ELAPSED_TIME, literalFree } from '../../../shared/parse/format-code';

/**
 * Which number formats make a number a date (the grid then carries an ISO date) or a percent.
 * A percent cell already holds the fraction (3% is 0.03), so percent is only reported.
 */
export type NumberKind = 'date' | 'percent' | 'number';

/**
 * Built-in ids that are dates or times: 14–22 everywhere, 27–36 and 50–58 in the East Asian
 * locales (年月日, 令和…), 45–47 the mm:ss family. Built-ins carry no formatCode in styles.xml.
 */
const BUILTIN_DATE_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55,
  56, 57, 58,
]);
const BUILTIN_PERCENT_IDS = new Set([9, 10]);

export function classifyFormatCode(code: string): NumberKind {
  const withoutQuotes = code.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  if (ELAPSED_TIME.test(withoutQuotes)) return 'number';
  const bare = literalFree(code);
  if (/[ymdhs]/i.test(bare)) return 'date';
  if (bare.includes('%')) return 'percent';
  return 'number';
}

/** A custom code wins over a built-in id: some writers redefine built-in ids in numFmts. */
export function classifyNumberFormat(numFmtId: number, customCode: string | undefined): NumberKind {
  if (customCode !== undefined) return classifyFormatCode(customCode);
  if (BUILTIN_DATE_IDS.has(numFmtId)) return 'date';
  if (BUILTIN_PERCENT_IDS.has(numFmtId)) return 'percent';
  return 'number';
}
