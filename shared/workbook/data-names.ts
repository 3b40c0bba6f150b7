import type { ParsedRecords } from '../kinds/rooms';
import type { SheetKind } from '../kinds/sheet-kind';
import type { SheetGrid } from '../table/grid';
import { HEADER_SCAN_ROWS } from '../table/locate';

/**
 * What the workbook's data is called, for checking that the classification names real fields.
 *
 * - Data sheets: every sheet no kind recognises (a user export, a CRM extract): the text cells
 *   of its header row, taken as the first row (within the rows a header is looked for in) that
 *   has at least two text cells.
 * - Metric names (指标) of metric sheets and dashboard metrics: data stored by name, not by column.
 * - Header cells of the other recognised sheets (KPI, Gantt, matrix), extra columns included.
 *
 * `hasData` says whether there is anything the classification could be about: a data sheet or
 * a metric sheet. Without one (a workbook of definitions only) the check is not made, since
 * every masked field would be "absent" and the warnings would say nothing.
 */
export interface DataNames {
  readonly names: readonly string[];
  readonly hasData: boolean;
}

export function dataNames(
  grids: readonly SheetGrid[],
  recognised: ReadonlyMap<string, { readonly kind: SheetKind; readonly headerRow: number }>,
  records: ParsedRecords,
): DataNames {
  const names: string[] = [];
  let hasData = records.metrics.length > 0;
  for (const grid of grids) {
    const sheet = recognised.get(grid.name);
    if (sheet?.kind === 'classification') continue;
    const row = sheet ? grid.rows[sheet.headerRow] : firstHeaderLikeRow(grid);
    if (!row) continue;
    const texts = row.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (!sheet && texts.length > 0) hasData = true;
    names.push(...texts);
  }
  for (const m of records.metrics) names.push(m.metric);
  for (const d of records.dashboard) names.push(d.metric);
  return { names, hasData };
}

function firstHeaderLikeRow(grid: SheetGrid): SheetGrid['rows'][number] | undefined {
  const last = Math.min(grid.rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < last; r++) {
    const row = grid.rows[r] ?? [];
    if (row.filter((v) => typeof v === 'string' && v.trim() !== '').length >= 2) return row;
  }
  return undefined;
}
