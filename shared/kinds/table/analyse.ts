import type { Issue } from '../../issues/issue';
import { cellText, type LocatedTable } from '../../table/locate';
import { KeyRegistry, requiredCells } from '../row-checks';

/** A data table's own checks: every row has a key, and no key repeats. Its columns are the data. */
export function analyseDataTable(table: LocatedTable<string>): { records: never[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const keys = new KeyRegistry(table, 'key');
  for (const row of table.rows) {
    if (!requiredCells(table, row, ['key'], issues)) continue;
    keys.claim([cellText(row.cells['key'])], row.row, issues);
  }
  return { records: [], issues };
}
