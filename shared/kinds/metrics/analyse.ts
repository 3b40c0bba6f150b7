import { issue, type Issue } from '../../issues/issue';
import { parseNumber } from '../../parse/number';
import { formatPeriod, parsePeriod } from '../../parse/period';
import { addressOf, cellText, type LocatedTable } from '../../table/locate';
import { KeyRegistry, requiredCells } from '../row-checks';
import type { MetricField } from './spec';
import type { MetricValue } from './types';

export function analyseMetricSheet(table: LocatedTable<MetricField>): { records: MetricValue[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const records: MetricValue[] = [];
  const keys = new KeyRegistry(table.sheet);
  for (const row of table.rows) {
    if (!requiredCells(table, row, ['period', 'department', 'metric', 'value'], issues)) continue;
    const at = (field: MetricField) => addressOf(table, row.row, field);
    const period = parsePeriod(row.cells.period!);
    if (!period.ok) {
      issues.push(issue('metrics.period-invalid', 'error', table.sheet, at('period'), { input: cellText(row.cells.period) }));
    }
    const value = parseNumber(row.cells.value!);
    if (!value.ok) {
      issues.push(issue('metrics.value-invalid', 'error', table.sheet, at('value'), { input: cellText(row.cells.value) }));
    }
    if (!period.ok || !value.ok) continue;
    const periodKey = formatPeriod(period.value);
    const department = cellText(row.cells.department);
    const metric = cellText(row.cells.metric);
    if (!keys.claim([periodKey, department, metric], `${periodKey} / ${department} / ${metric}`, at('metric'), issues)) continue;
    records.push({ sheet: table.sheet, row: row.row, period: period.value, periodKey, department, metric, value: value.value });
  }
  return { records, issues };
}
