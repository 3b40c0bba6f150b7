import { headerKey } from '../../table/header-key';
import { HEADER_SCAN_ROWS, type HeaderMatch, type LocatedColumn } from '../../table/locate';
import type { SheetGrid } from '../../table/grid';
import { columnField } from './field-names';
import { TABLE_SPEC } from './spec';

const KEY_HEADERS = new Set(TABLE_SPEC[0]!.headers.map(headerKey));
/** `order_id（键）`, `order_id (key)`: a column that is the key and keeps its own name. */
export const MARKED_KEY = /^(.*?)\s*[(（]\s*(?:键|鍵|主键|主鍵|key)\s*[)）]$/i;

/**
 * The header row of a data table: the first row (within the rows a header is looked for in)
 * with a key column, and every other header cell of that row as a column of its own. Only the
 * key counts as matched, so a sheet that another kind recognises stays that kind's.
 */
export function findDataTable(grid: SheetGrid): HeaderMatch<string> | null {
  const last = Math.min(grid.rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < last; r++) {
    const row = grid.rows[r] ?? [];
    let key: LocatedColumn | null = null;
    const columns: Record<string, LocatedColumn> = {};
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (typeof value !== 'string' || value.trim() === '') continue;
      const header = value.trim();
      const marked = MARKED_KEY.exec(header);
      if (key === null && (KEY_HEADERS.has(headerKey(header)) || (marked && marked[1] !== ''))) {
        key = { col: c, header };
        if (!marked) continue;
      }
      const field = columnField(marked ? marked[1]! : header);
      if (field !== null && columns[field] === undefined) columns[field] = { col: c, header };
    }
    if (key !== null) return { row: r, columns: { ...columns, key }, matched: 1 };
  }
  return null;
}
