import type { ModelValue } from './model';
import { isoToSerial } from '../../shared/parse/excel-number';

/**
 * What Excel makes of text typed into a cell, or written to `range.values` as a string (Excel
 * parses both the same way): "=1+1" becomes a formula, "3%" the number 0.03 shown as a percent,
 * "2024-03-01" a date serial, "TRUE" a boolean. A leading apostrophe, or the cell's Text
 * format ("@"), keeps the text as typed. This is the behaviour the adapter must defeat to keep
 * user text text, so the fake implements it rather than storing strings verbatim.
 *
 * Sources:
 * - "=", "+", "-" read as a formula: Excel.Range.values, "If the returned value starts with a plus
 *   ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a formula",
 *   https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member.
 *   "@" (an implicit intersection, what Excel 365 writes for a legacy "@name") is not in that
 *   sentence: the docs are silent; the fake treats it as Excel's UI does, as the start of a formula.
 * - Text typed into a Text ("@") cell is stored as typed: "Format numbers as text",
 *   https://support.microsoft.com/office/format-numbers-as-text-583160db-35e7-4ec0-a6ac-4b1fb2ab9f80.
 *   That a value set through the API behaves the same, the API docs do not say; the contract
 *   suite (addin/contract/) checks it in a real Excel.
 * - A leading apostrophe keeps the rest as text and is not shown (Excel.Range "quotePrefix" style
 *   flag, https://learn.microsoft.com/javascript/api/excel/excel.style#excel-excel-style-quoteprefix-member).
 * - Numbers, percents and dates recognised as typed ("3%" → 0.03, "2024-03-01" → a date serial):
 *   what Excel's UI does with typed text; for API writes the docs are silent beyond "Excel
 *   interprets" strings, so the fake parses the common forms the UI parses, never more.
 */
export interface TypedCell {
  readonly value: ModelValue;
  readonly formula: string | null;
  /** The format Excel gives the cell when it recognised a number, date or percent; null: keep. */
  readonly numberFormat: string | null;
  readonly quotePrefix: boolean;
}

const text = (value: string, quotePrefix = false): TypedCell => ({ value, formula: null, numberFormat: null, quotePrefix });

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?$|^[+-]?\.\d+$/;
const PERCENT = /^([+-]?\d+(?:\.\d+)?)\s*%$/;

function dateCell(y: number, m: number, d: number, format: string): TypedCell | null {
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const serial = isoToSerial(iso);
  return serial === null ? null : { value: serial, formula: null, numberFormat: format, quotePrefix: false };
}

function parseDateText(t: string): TypedCell | null {
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (m) return dateCell(Number(m[1]), Number(m[2]), Number(m[3]), 'yyyy-mm-dd');
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return dateCell(Number(m[3]), Number(m[1]), Number(m[2]), 'm/d/yyyy');
  m = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (m) return dateCell(Number(m[1]), Number(m[2]), 1, 'mmm-yy');
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t);
  if (m) return dateCell(Number(m[1]), Number(m[2]), Number(m[3]), 'yyyy"年"m"月"d"日"');
  m = /^(\d{4})年(\d{1,2})月$/.exec(t);
  if (m) return dateCell(Number(m[1]), Number(m[2]), 1, 'yyyy"年"m"月"');
  return null;
}

export function parseTypedInput(input: string, currentFormat: string): TypedCell {
  if (input === '') return text('');
  if (input.startsWith("'")) return text(input.slice(1), true);
  if (currentFormat === '@') return text(input);

  const t = input.trim();
  if (NUMBER.test(t)) {
    const grouped = t.includes(',');
    return { value: Number(t.replace(/,/g, '')), formula: null, numberFormat: grouped ? '#,##0' : null, quotePrefix: false };
  }
  const pct = PERCENT.exec(t);
  if (pct) {
    const digits = (pct[1]!.split('.')[1] ?? '').length;
    return { value: Number(`${pct[1]!}e-2`), formula: null, numberFormat: digits > 0 ? '0.00%' : '0%', quotePrefix: false };
  }
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true', formula: null, numberFormat: null, quotePrefix: false };
  const date = parseDateText(t);
  if (date) return date;
  // Excel reads = + - @ at the start as the start of a formula ("+86 138…" is "=+86 138…").
  if (/^[=+\-@]/.test(input) && input.length > 1) {
    const formula = input.startsWith('=') ? input : `=${input}`;
    return { value: evaluateFormula(formula), formula, numberFormat: null, quotePrefix: false };
  }
  return text(input);
}

/**
 * The fake evaluates arithmetic on numbers only (enough to show that "=1+1" became 2); any
 * other formula is what Excel shows for a name it does not know.
 */
export function evaluateFormula(formula: string): ModelValue {
  // Spaces around operators are fine; a space between two operands is Excel's intersection
  // operator, which on numbers is an error.
  const src = formula.slice(1).trim().replace(/\s*([+\-*/()])\s*/g, '$1');
  if (/\s/.test(src)) return '#NULL!';
  let i = 0;
  const fail = (): never => {
    throw new Error('not arithmetic');
  };
  const factor = (): number => {
    const ch = src[i];
    if (ch === '+' || ch === '-') {
      i++;
      const v = factor();
      return ch === '-' ? -v : v;
    }
    if (ch === '(') {
      i++;
      const v = sum();
      if (src[i] !== ')') fail();
      i++;
      return v;
    }
    const m = /^\d+(?:\.\d+)?%?/.exec(src.slice(i));
    if (!m) return fail();
    i += m[0].length;
    return m[0].endsWith('%') ? Number(m[0].slice(0, -1)) / 100 : Number(m[0]);
  };
  const product = (): number => {
    let v = factor();
    while (src[i] === '*' || src[i] === '/') {
      const op = src[i++];
      const r = factor();
      v = op === '*' ? v * r : v / r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (src[i] === '+' || src[i] === '-') {
      const op = src[i++];
      const r = product();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  try {
    const v = sum();
    if (i !== src.length) return '#NAME?';
    return Number.isFinite(v) ? v : '#DIV/0!';
  } catch {
    return '#NAME?';
  }
}
