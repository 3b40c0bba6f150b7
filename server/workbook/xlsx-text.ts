/**
 * User text on its way into a generated workbook. Values are always written as plain strings
 * (never formulas, links or rich text), so "=cmd|..." stays inert text; what is left to guard
 * is the XML itself and Excel's limits.
 */

/** Excel's limit on the characters in one cell; longer text makes Excel repair the file. */
export const MAX_CELL_CHARS = 32767;
/** Excel's limit on a sheet name. */
export const MAX_SHEET_NAME_CHARS = 31;

// Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, and — thanks to
// the `u` flag — only *unpaired* surrogates), plus DEL, which exceljs drops silently anyway:
// dropping it here keeps what we write equal to what the file holds.
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]/gu;
// One cheap test decides whether a string needs any work: nearly all text does not.
const NEEDS_WORK = /[\u0000-\u0008\u000B-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Text safe to put in a cell: XML-illegal characters removed, line breaks as LF (an XML reader
 * turns a raw CR into LF anyway, so writing LF makes the file say what we meant), at most
 * MAX_CELL_CHARS long without splitting a surrogate pair.
 */
export function cellText(input: string): string {
  let text = input;
  if (NEEDS_WORK.test(text)) {
    text = text.replace(/\r\n?/g, '\n').replace(ILLEGAL, '');
  }
  return text.length > MAX_CELL_CHARS ? cutAt(text, MAX_CELL_CHARS) : text;
}

/**
 * A legal, unique sheet name: no []:*?/\, no leading or trailing apostrophe, not empty, not the
 * reserved "History", at most 31 characters, and different (ignoring case, as Excel does) from
 * the names in `taken`. Adds the result to `taken`.
 */
export function sheetName(input: string, taken: Set<string>): string {
  let base = input
    .replace(ILLEGAL, '')
    .replace(/[\r\n\t]/g, ' ')
    .replace(/[[\]:*?/\\]/g, '_')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  if (base === '') base = 'Sheet';
  if (base.toLowerCase() === 'history') base = `${base}_`;
  base = cutAt(base, MAX_SHEET_NAME_CHARS);

  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) {
    const suffix = ` (${n})`;
    name = cutAt(base, MAX_SHEET_NAME_CHARS - suffix.length).trimEnd() + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** The first `max` UTF-16 units, one fewer when the cut would split a surrogate pair. */
function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
