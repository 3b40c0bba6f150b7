/**
 * SpreadsheetML escapes characters XML cannot carry as `_xHHHH_` (a carriage return is
 * `_x000D_`); a literal "_x000D_" is itself written `_x005F_x000D_`. One left-to-right pass
 * undoes both, as Excel does.
 */
const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

export function decodeXString(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
