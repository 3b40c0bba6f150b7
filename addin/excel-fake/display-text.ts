import type { ModelValue } from './model';
import { classifyFormat, serialParts } from '../../shared/parse/excel-number';

/**
 * What a cell shows (Range.text) for the number formats the add-in and its users write:
 * General, Text, 0 / 0.00 / #,##0, percents, and date codes built of y m d h s and quoted
 * literals. Enough for the preview to render a sheet and for tests to assert what users see.
 * Source: the format codes, "Number format codes",
 * https://support.microsoft.com/office/number-format-codes-5026bbd6-04bc-48cd-bf33-80f18b4eae68;
 * Range.text is "text values of the specified range ... as displayed",
 * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-text-member.
 * Locale-dependent display (month names, separators) is what an en-US Excel shows; the docs say
 * the text follows the user's locale, which the fake does not simulate.
 */
export function displayText(value: ModelValue, numberFormat: string): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const format = numberFormat.split(';')[0] ?? 'General';
  if (format === 'General' || format === '@') return general(value);
  const pct = /^0(?:\.(0+))?%$/.exec(format);
  if (pct) return `${(value * 100).toFixed(pct[1]?.length ?? 0)}%`;
  const fixed = /^(#,##)?0(?:\.(0+))?$/.exec(format);
  if (fixed) {
    const digits = fixed[2]?.length ?? 0;
    const s = value.toFixed(digits);
    return fixed[1] ? groupThousands(s) : s;
  }
  if (isDateCode(format)) return formatDate(value, format);
  return general(value);
}

function general(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(11)));
}

function groupThousands(s: string): string {
  const [int, frac] = s.split('.');
  const grouped = (int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

function isDateCode(format: string): boolean {
  const kind = classifyFormat(format);
  return kind === 'date' || kind === 'time' || kind === 'datetime';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function formatDate(serial: number, format: string): string {
  const p = serialParts(serial);
  // What Excel shows for a serial it cannot show as a date.
  if (p === null) return '#'.repeat(8);
  const pad = (n: number): string => String(n).padStart(2, '0');
  let out = '';
  let afterHour = false;
  for (let i = 0; i < format.length; ) {
    const rest = format.slice(i);
    const quoted = /^"([^"]*)"/.exec(rest);
    if (quoted) {
      out += quoted[1];
      i += quoted[0].length;
      continue;
    }
    if (rest.startsWith('\\')) {
      out += rest[1] ?? '';
      i += 2;
      continue;
    }
    const token = /^(yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss|s)/i.exec(rest);
    if (!token) {
      out += rest[0];
      i += 1;
      continue;
    }
    const t = token[1]!.toLowerCase();
    i += t.length;
    if (t === 'yyyy') out += String(p.y);
    else if (t === 'yy') out += pad(p.y % 100);
    else if (t === 'mmmm' || t === 'mmm') out += MONTHS[p.m - 1] ?? '';
    else if (t === 'mm' || t === 'm') out += afterHour ? pad(p.mi) : t === 'mm' ? pad(p.m) : String(p.m);
    else if (t === 'dd') out += pad(p.d);
    else if (t === 'd') out += String(p.d);
    else if (t === 'hh' || t === 'h') out += t === 'hh' ? pad(p.h) : String(p.h);
    else out += pad(p.s);
    // "m" right after an hour is minutes, as in Excel's own codes.
    afterHour = t.startsWith('h');
  }
  return out;
}
