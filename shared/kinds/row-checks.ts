import { issue, type Issue } from '../issues/issue';
import { addressOf, cellText, type LocatedTable, type TableRow } from '../table/locate';
import { matchKey } from '../text/normalize';

/** Every required field of the spec that a data row leaves empty becomes a `cell.required` error. */
export function requiredCells<F extends string>(
  table: LocatedTable<F>,
  row: TableRow<F>,
  required: readonly F[],
  issues: Issue[],
): boolean {
  let complete = true;
  for (const field of required) {
    if (row.cells[field] === undefined) {
      complete = false;
      issues.push(
        issue('cell.required', 'error', table.sheet, addressOf(table, row.row, field), {
          column: table.columns[field]?.header ?? field,
        }),
      );
    }
  }
  return complete;
}

/**
 * Tracks natural keys: the second row with a key already seen is a `row.duplicate-key` error.
 * Keys compare folded (Traditional/Simplified, case, spaces), as users think of them.
 */
export class KeyRegistry {
  private readonly seen = new Map<string, string>();

  constructor(private readonly sheet: string) {}

  /** Returns false, and records an issue, when the key was seen before. */
  claim(parts: readonly string[], display: string, cell: string, issues: Issue[]): boolean {
    const key = parts.map(matchKey).join('\u0000');
    const first = this.seen.get(key);
    if (first !== undefined) {
      issues.push(issue('row.duplicate-key', 'error', this.sheet, cell, { key: display, first }));
      return false;
    }
    this.seen.set(key, cell);
    return true;
  }
}

export { cellText };
