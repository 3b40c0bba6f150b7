import type { FakeExcel } from '../excel-fake';

/**
 * What the preview grid draws for the conditional formats the add-in writes (the Scorecard
 * sheet's status fills and score icons), so preview mode shows what Excel would: cell-value
 * rules (fill and font colour where the rule holds) and three-icon sets on number criteria.
 * Anything else Excel offers is left undrawn rather than guessed.
 */

type ConditionalFormat = ReturnType<FakeExcel['view']['conditionalFormats']>[number];
type CellValue = string | number | boolean;

export interface ConditionalLook {
  readonly fill: string | null;
  readonly fontColor: string | null;
  /** A three-icon set's icon, lowest first: 0, 1 or 2. */
  readonly icon: 0 | 1 | 2 | null;
}

/** "=\"On target\"" → "On target", "=0.9" → 0.9; null for a formula that is not a constant. */
export function constantOf(formula: string): CellValue | null {
  const body = formula.trim().replace(/^=/, '').trim();
  const quoted = /^"((?:[^"]|"")*)"$/.exec(body);
  if (quoted) return (quoted[1] ?? '').replace(/""/g, '"');
  if (/^(TRUE|FALSE)$/i.test(body)) return body.toUpperCase() === 'TRUE';
  const n = Number(body);
  return body !== '' && Number.isFinite(n) ? n : null;
}

/** Excel compares numbers with numbers and text with text, text without case; mixed kinds never match. */
function compare(a: CellValue, b: CellValue): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase().localeCompare(b.toLowerCase());
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return null;
}

export function holds(operator: string, value: CellValue, formula1: string, formula2?: string): boolean {
  const first = constantOf(formula1);
  if (first === null) return false;
  const c = compare(value, first);
  if (c === null) return operator === 'NotEqualTo';
  switch (operator) {
    case 'EqualTo':
      return c === 0;
    case 'NotEqualTo':
      return c !== 0;
    case 'GreaterThan':
      return c > 0;
    case 'GreaterThanOrEqual':
      return c >= 0;
    case 'LessThan':
      return c < 0;
    case 'LessThanOrEqual':
      return c <= 0;
    case 'Between':
    case 'NotBetween': {
      const second = formula2 === undefined ? null : constantOf(formula2);
      const d = second === null ? null : compare(value, second);
      if (d === null) return false;
      const inside = (c >= 0 && d <= 0) || (c <= 0 && d >= 0);
      return operator === 'Between' ? inside : !inside;
    }
    default:
      return false;
  }
}

function iconOf(cf: ConditionalFormat, value: CellValue): 0 | 1 | 2 | null {
  const criteria = cf.iconSet?.criteria ?? [];
  if (typeof value !== 'number' || !/^Three/.test(cf.iconSet?.style ?? '') || criteria.length !== 3) return null;
  // criteria[0] is the floor of the lowest icon; the others are tried from the top.
  for (const i of [2, 1] as const) {
    const c = criteria[i]!;
    if (c.type !== 'Number') return null;
    if (holds(c.operator, value, c.formula)) return i;
  }
  return 0;
}

/** The conditional look of the cell at (row, col) holding `value`; the first rule that holds wins. */
export function conditionalLook(formats: readonly ConditionalFormat[], row: number, col: number, value: CellValue): ConditionalLook | null {
  let fill: string | null = null;
  let fontColor: string | null = null;
  let icon: 0 | 1 | 2 | null = null;
  let any = false;
  for (const cf of formats) {
    const { top, left, bottom, right } = cf.rect;
    if (row < top || row > bottom || col < left || col > right || value === '') continue;
    if (cf.type === 'CellValue' && cf.cellValue?.rule && fill === null && fontColor === null) {
      const { operator, formula1, formula2 } = cf.cellValue.rule;
      if (holds(operator, value, formula1, formula2)) {
        fill = cf.cellValue.fill;
        fontColor = cf.cellValue.fontColor;
        any = true;
      }
    } else if (cf.type === 'IconSet' && icon === null) {
      icon = iconOf(cf, value);
      any ||= icon !== null;
    }
  }
  return any ? { fill, fontColor, icon } : null;
}
