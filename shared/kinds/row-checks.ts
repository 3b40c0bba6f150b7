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
 * A map per key part but the last, whose map holds the first row with the key. The folded
 * parts are cached strings that hash once; a joined key was a new string to build, flatten and
 * hash on every row (a third of a 100k-row metric sheet's analysis).
 */
type KeyTree = Map<string, KeyTree | number>;

/**
 * Tracks natural keys: the second row with a key already seen is a `row.duplicate-key` error at
 * the row's cell in the `at` column. Keys compare folded (Traditional/Simplified, case, spaces),
 * as users think of them. Every key claimed on one registry has the same number of parts: one
 * kind's key fields.
 */
export class KeyRegistry<F extends string> {
  private readonly seen: KeyTree = new Map();

  constructor(
    private readonly table: LocatedTable<F>,
    private readonly at: F,
  ) {}

  /** Returns false, and records an issue naming the key as `parts` joined by " / ", when the key was seen before. */
  claim(parts: readonly string[], row: number, issues: Issue[]): boolean {
    const last = parts.length - 1;
    let level = this.seen;
    for (let i = 0; i < last; i++) {
      const part = matchKey(parts[i]!);
      let next = level.get(part) as KeyTree | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(part, next);
      }
      level = next;
    }
    const key = matchKey(parts[last]!);
    // Rows, not addresses: only a duplicate needs the address of its first row.
    const first = level.get(key) as number | undefined;
    if (first !== undefined) {
      const { table, at } = this;
      issues.push(
        issue('row.duplicate-key', 'error', table.sheet, addressOf(table, row, at), {
          key: parts.join(' / '),
          first: addressOf(table, first, at),
        }),
      );
      return false;
    }
    level.set(key, row);
    return true;
  }
}

export { cellText };
