import { issue, type Issue } from '../../issues/issue';
import { addressOf, cellText, type LocatedTable } from '../../table/locate';
import { KeyRegistry, requiredCells } from '../row-checks';
import { parseColumnPairs } from './columns';
import type { ReconcileField } from './spec';
import { parseTolerance } from './tolerance';
import type { ReconcileRule } from './types';

/**
 * Reconciliation rules → rules; a list of columns or a tolerance that does not parse is an
 * error at its cell, and its rule is not run (a half-understood rule would report nonsense).
 * Comparing the sheets is the workbook's job (shared/reconcile/), once every sheet is read.
 */
export function analyseReconcileSheet(table: LocatedTable<ReconcileField>): { records: ReconcileRule[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const records: ReconcileRule[] = [];
  const keys = new KeyRegistry(table, 'rule');
  for (const row of table.rows) {
    const complete = requiredCells(table, row, ['rule', 'left', 'right', 'keys'], issues);
    if (row.cells.rule === undefined) continue;
    const rule = cellText(row.cells.rule);
    if (!keys.claim([rule], row.row, issues) || !complete) continue;
    // A column the sheet lacks has no cell: its issues go to the rule's name.
    const at = (field: ReconcileField) => addressOf(table, row.row, table.columns[field] ? field : 'rule');

    const keyText = cellText(row.cells.keys);
    const keyPairs = parseColumnPairs(keyText);
    if (keyPairs === null || keyPairs.length === 0) issues.push(issue('reconcile.columns-invalid', 'error', table.sheet, at('keys'), { input: keyText }));
    const compareText = cellText(row.cells.compare);
    const comparePairs = parseColumnPairs(compareText);
    if (comparePairs === null) issues.push(issue('reconcile.columns-invalid', 'error', table.sheet, at('compare'), { input: compareText }));
    const tolerance = parseTolerance(row.cells.tolerance);
    if (tolerance === null) issues.push(issue('reconcile.tolerance-invalid', 'error', table.sheet, at('tolerance'), { input: cellText(row.cells.tolerance) }));
    if (keyPairs === null || keyPairs.length === 0 || comparePairs === null || tolerance === null) continue;

    records.push({
      sheet: table.sheet,
      row: row.row,
      rule,
      left: cellText(row.cells.left),
      right: cellText(row.cells.right),
      keys: keyPairs,
      compare: comparePairs,
      tolerance,
      toleranceText: cellText(row.cells.tolerance),
      cells: { left: at('left'), right: at('right'), keys: at('keys'), compare: at('compare') },
    });
  }
  return { records, issues };
}
