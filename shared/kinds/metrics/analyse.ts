import { issue, type Issue } from '../../issues/issue';
import { parseNumber } from '../../parse/number';
import { formatPeriod, parsePeriod } from '../../parse/period';
import type { CellValue } from '../../table/grid';
import { addressOf, cellText, type LocatedTable } from '../../table/locate';
import { KeyRegistry, requiredCells } from '../row-checks';
import type { MetricField } from './spec';
import type { MetricValue } from './types';

type ParsedPeriod = ReturnType<typeof parsePeriod>;

/** A metric sheet repeats a handful of periods over thousands of rows: parse each spelling once. */
function periodParser(): (value: CellValue) => { parsed: ParsedPeriod; key: string } {
  const cache = new Map<CellValue, { parsed: ParsedPeriod; key: string }>();
  return (value) => {
    let hit = cache.get(value);
    if (!hit) {
      const parsed = parsePeriod(value);
      hit = { parsed, key: parsed.ok ? formatPeriod(parsed.value) : '' };
      cache.set(value, hit);
    }
    return hit;
  };
}

/** Every metric column is required. */
const REQUIRED: readonly MetricField[] = ['period', 'department', 'metric', 'value'];

export function analyseMetricSheet(table: LocatedTable<MetricField>): { records: MetricValue[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const records: MetricValue[] = [];
  const keys = new KeyRegistry(table, 'metric');
  const periodOf = periodParser();
  for (const row of table.rows) {
    if (!requiredCells(table, row, REQUIRED, issues)) continue;
    const { parsed: period, key: periodKey } = periodOf(row.cells.period!);
    if (!period.ok) {
      const cell = addressOf(table, row.row, 'period');
      issues.push(issue('metrics.period-invalid', 'error', table.sheet, cell, { input: cellText(row.cells.period) }));
    }
    const value = parseNumber(row.cells.value!);
    if (!value.ok) {
      const cell = addressOf(table, row.row, 'value');
      issues.push(issue('metrics.value-invalid', 'error', table.sheet, cell, { input: cellText(row.cells.value) }));
    }
    if (!period.ok || !value.ok) continue;
    const department = cellText(row.cells.department);
    const metric = cellText(row.cells.metric);
    if (!keys.claim([periodKey, department, metric], row.row, issues)) continue;
    records.push({ sheet: table.sheet, row: row.row, period: period.value, periodKey, department, metric, value: value.value });
  }
  return { records, issues };
}
