import { issue, type Issue } from '../issues/issue';
import { DEFAULT_MAX_CELL_TEXT, type TableSpec } from './columns';
import { addressOf, type LocatedTable, type TableRow } from './locate';

/**
 * The rows of a table whose cells all fit their column's length limit (ColumnSpec.maxLength).
 * A longer text is a `cell.too-long` error at its cell, and its row is left out of the kind's
 * parsing and checks: no single cell may make a parser or a suggestion do unbounded work (a
 * 32,000-character target, a 2,000-character task name), and the row is reported, not guessed at.
 */
export function withinCellLimits<F extends string>(table: LocatedTable<F>, spec: TableSpec<F>, issues: Issue[]): LocatedTable<F> {
  const limits = spec.map((c) => [c.field, c.maxLength ?? DEFAULT_MAX_CELL_TEXT] as const);
  let kept: TableRow<F>[] | null = null;
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    let fits = true;
    for (const [field, limit] of limits) {
      const value = row.cells[field];
      if (typeof value !== 'string' || value.length <= limit) continue;
      fits = false;
      issues.push(issue('cell.too-long', 'error', table.sheet, addressOf(table, row.row, field), { column: table.columns[field]?.header ?? field, length: value.length, limit }));
    }
    // Copied only from the first row that does not fit: most tables keep every row.
    if (!fits && kept === null) kept = table.rows.slice(0, r);
    else if (fits && kept !== null) kept.push(row);
  }
  return kept === null ? table : { ...table, rows: kept };
}
