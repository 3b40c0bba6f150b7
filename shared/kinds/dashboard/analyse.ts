import { issue, type Issue } from '../../issues/issue';
import { parseTarget } from '../../parse/target';
import { addressOf, cellText, type LocatedTable } from '../../table/locate';
import { KeyRegistry, requiredCells } from '../row-checks';
import type { DashboardField } from './spec';
import type { DashboardMetric } from './types';

export function analyseDashboardSheet(table: LocatedTable<DashboardField>): { records: DashboardMetric[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const records: DashboardMetric[] = [];
  const keys = new KeyRegistry(table, 'metric');
  for (const row of table.rows) {
    if (!requiredCells(table, row, ['metric', 'target'], issues) && row.cells.metric === undefined) continue;
    const metric = cellText(row.cells.metric);
    const at = (field: DashboardField) => addressOf(table, row.row, field);
    if (!keys.claim([metric], row.row, issues)) continue;
    const targetText = cellText(row.cells.target);
    let target = null;
    if (row.cells.target !== undefined) {
      const parsed = parseTarget(row.cells.target);
      if (parsed.ok) target = parsed.value;
      else issues.push(issue('dashboard.target-invalid', 'error', table.sheet, at('target'), { input: targetText }));
    }
    records.push({ sheet: table.sheet, row: row.row, metric, source: cellText(row.cells.source), targetText, target });
  }
  return { records, issues };
}
