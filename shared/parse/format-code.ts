/**
 * Pieces of Excel number-format codes that both readers of formats need: the add-in (from
 * Excel's `numberFormat`) and the service's xlsx reader (from styles.xml).
 */

/** [h]:mm, [mm]:ss… count elapsed time: a duration is a number of days, not a date. */
export const ELAPSED_TIME = /\[(h+|m+|s+)\]/i;

/** A format code without what it prints literally: "quoted text", \x escapes, _x padding, *x fills, [brackets]. */
export function literalFree(code: string): string {
  return code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '');
}
