import { issue, type Issue } from '../issues/issue';
import type { ReconcileRule } from '../kinds/reconcile/types';
import { withinTolerance } from '../kinds/reconcile/tolerance';
import { parseNumber } from '../parse/number';
import { isBlank, type CellValue, type SheetGrid } from '../table/grid';
import { cellText } from '../table/locate';
import { normalizeText } from '../text/normalize';
import { addressOfCell, cellOf, locateSide, type HeaderFolder, type SideTable } from './side-table';

/** What reconciling needs of the workbook: its sheets by name, and how each reads its headers. */
export interface ReconcileSheets {
  grid(name: string): SheetGrid | undefined;
  /** A recognised sheet's headers fold to its kind's fields, so "Value" finds "数值". */
  folder(name: string): HeaderFolder;
}

/**
 * One side's rows by key: the sheet row of the first row with each key (duplicates reported).
 * Rows, not objects: 100k-row sides are common, and only a reported row needs its key spelled.
 */
type KeyedRows = Map<string, number>;

/**
 * Runs a rule: the handbook's `LEFT JOIN payments … WHERE o.total_amount != p.paid_amount`, done
 * the way it should be. A full outer join on the key columns, so an order without a payment is
 * reported (the SQL's comparison with NULL is never true, and silently drops it), and so is a
 * payment without an order; keys that repeat on one side are reported rather than multiplied
 * into the join; compared columns agree when both are numbers within the tolerance (read by
 * the project's one number parser: "1,200", "3.6%", "1.2万"), or when both hold the same text
 * after trimming, or when both are empty.
 */
export function reconcile(rule: ReconcileRule, sheets: ReconcileSheets): Issue[] {
  const issues: Issue[] = [];
  const left = side(rule, 'left', sheets, issues);
  const right = side(rule, 'right', sheets, issues);
  if (!left || !right) return issues;
  const l = keyRows(rule, left, issues);
  const r = keyRows(rule, right, issues);
  const keyCount = rule.keys.length;
  for (const [match, lr] of l) {
    const rr = r.get(match);
    if (rr === undefined) {
      issues.push(issue('reconcile.missing-right', 'error', left.grid.name, addressOfCell(left, lr, 0), { rule: rule.rule, key: keyText(rule, left, lr), sheet: right.grid.name }));
      continue;
    }
    for (let i = 0; i < rule.compare.length; i++) {
      const column = keyCount + i;
      const lv = cellOf(left, lr, column);
      const rv = cellOf(right, rr, column);
      if (agree(lv, rv, rule)) continue;
      const lAt = addressOfCell(left, lr, column);
      const rAt = addressOfCell(right, rr, column);
      const pair = rule.compare[i]!;
      const common = { rule: rule.rule, key: keyText(rule, left, lr), tolerance: rule.toleranceText };
      issues.push(
        issue('reconcile.mismatch', 'error', left.grid.name, lAt, { ...common, column: pair.left, value: cellText(lv), otherValue: cellText(rv), other: `${right.grid.name}!${rAt}` }),
        issue('reconcile.mismatch', 'error', right.grid.name, rAt, { ...common, column: pair.right, value: cellText(rv), otherValue: cellText(lv), other: `${left.grid.name}!${lAt}` }),
      );
    }
  }
  for (const [match, rr] of r) {
    if (!l.has(match)) {
      issues.push(issue('reconcile.missing-left', 'error', right.grid.name, addressOfCell(right, rr, 0), { rule: rule.rule, key: keyText(rule, right, rr), sheet: left.grid.name }));
    }
  }
  return issues;
}

/** The side's sheet and columns, or the rule's issue saying which is missing. */
function side(rule: ReconcileRule, which: 'left' | 'right', sheets: ReconcileSheets, issues: Issue[]): SideTable | null {
  const name = rule[which];
  const grid = sheets.grid(name);
  if (!grid) {
    issues.push(issue('reconcile.sheet-missing', 'error', rule.sheet, rule.cells[which], { rule: rule.rule, sheet: name }));
    return null;
  }
  const names = [...rule.keys, ...rule.compare].map((p) => p[which]);
  const found = locateSide(grid, names, sheets.folder(grid.name));
  if (found.ok) return found.table;
  const isKey = rule.keys.some((p) => p[which] === found.missing);
  issues.push(
    issue('reconcile.column-missing', 'error', rule.sheet, isKey ? rule.cells.keys : rule.cells.compare, { rule: rule.rule, sheet: grid.name, column: found.missing }),
  );
  return null;
}

/**
 * The data rows under the side's header, by key. A row blank in every named column ends no
 * table (sheets have gaps) and is skipped; a row with an empty key cell cannot be matched and
 * is a warning; a key seen before is an error, and the first row stands for the key.
 */
function keyRows(rule: ReconcileRule, table: SideTable, issues: Issue[]): KeyedRows {
  const rows: KeyedRows = new Map();
  const keyCount = rule.keys.length;
  const width = table.columns.length;
  const parts = new Array<string>(keyCount);
  for (let r = table.headerRow + 1; r < table.grid.rows.length; r++) {
    let blank = true;
    // isBlank, not cellText: a number need not be spelled out to see that it is not empty.
    for (let c = 0; c < width && blank; c++) blank = isBlank(cellOf(table, r, c));
    if (blank) continue;
    let emptyAt = -1;
    for (let k = 0; k < keyCount; k++) {
      parts[k] = keyPart(cellOf(table, r, k));
      if (parts[k] === '' && emptyAt < 0) emptyAt = k;
    }
    if (emptyAt >= 0) {
      issues.push(issue('reconcile.key-empty', 'warning', table.grid.name, addressOfCell(table, r, emptyAt), { rule: rule.rule }));
      continue;
    }
    const match = keyCount === 1 ? parts[0]! : parts.join('\u0000');
    const first = rows.get(match);
    if (first !== undefined) {
      issues.push(
        issue('reconcile.duplicate-key', 'error', table.grid.name, addressOfCell(table, r, 0), {
          rule: rule.rule,
          key: keyText(rule, table, r),
          first: addressOfCell(table, first, 0),
        }),
      );
      continue;
    }
    rows.set(match, r);
  }
  return rows;
}

/**
 * Keys compare as text after trimming and folding full-width forms: O1001 and Ｏ1001 are one
 * order, but case and punctuation count (A-1 is not A1).
 */
function keyPart(value: CellValue): string {
  return normalizeText(cellText(value));
}

/** A row's key as messages show it: its key cells joined by " / ". */
function keyText(rule: ReconcileRule, table: SideTable, row: number): string {
  const parts: string[] = [];
  for (let k = 0; k < rule.keys.length; k++) parts.push(keyPart(cellOf(table, row, k)));
  return parts.join(' / ');
}

function agree(a: CellValue, b: CellValue, rule: ReconcileRule): boolean {
  // Two numeric cells (the common case in big sheets) need no text and no parsing.
  if (typeof a === 'number' && typeof b === 'number') return withinTolerance(a, b, rule.tolerance);
  const ta = cellText(a);
  const tb = cellText(b);
  if (ta === '' || tb === '') return ta === tb;
  const na = parseNumber(a);
  const nb = parseNumber(b);
  if (na.ok && nb.ok) return withinTolerance(na.value, nb.value, rule.tolerance);
  return ta === tb;
}

