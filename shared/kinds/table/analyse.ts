import { issue, type Issue } from '../../issues/issue';
import { cellAddress } from '../../table/address';
import type { SheetGrid } from '../../table/grid';
import { cellText, type LocatedTable } from '../../table/locate';
import { KeyRegistry, requiredCells } from '../row-checks';
import { columnField } from './field-names';
import { MARKED_KEY } from './locate-table';

/** The header cells of a data table that have no column of their own: they are not synced, and the user is told. */
export function unsyncedColumns(grid: SheetGrid, table: LocatedTable<string>): Issue[] {
  const issues: Issue[] = [];
  const located = new Set(Object.values(table.columns).map((c) => c!.col));
  const row = grid.rows[table.headerRow] ?? [];
  for (let c = 0; c < row.length; c++) {
    const value = row[c];
    if (typeof value !== 'string' || value.trim() === '' || located.has(c)) continue;
    const header = value.trim();
    const own = MARKED_KEY.exec(header)?.[1] ?? header;
    const reason = columnField(own) === null ? 'long' : 'repeated';
    issues.push(issue('table.column-not-synced', 'warning', table.sheet, cellAddress(table.headerRow, c), { column: header, reason }));
  }
  return issues;
}

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
