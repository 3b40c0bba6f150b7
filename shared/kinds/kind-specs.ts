import type { CellValue, SheetGrid } from '../table/grid';
import type { TableSpec } from '../table/columns';
import { formatPeriod, parsePeriod } from '../parse/period';
import { cellText } from '../table/locate';
import { matchKey } from '../text/normalize';
import { CLASSIFICATION_SPEC } from './classification/spec';
import { DASHBOARD_SPEC } from './dashboard/spec';
import { GANTT_SPEC } from './gantt/spec';
import { KPI_SPEC } from './kpi/spec';
import { METRIC_SPEC } from './metrics/spec';
import { PERMISSION_SPEC } from './permissions/spec';
import type { SheetKind } from './sheet-kind';

/** Every kind's columns, by kind: what a synced row's fields are named. */
export const KIND_SPECS: Readonly<Record<SheetKind, TableSpec<string>>> = {
  kpi: KPI_SPEC,
  metrics: METRIC_SPEC,
  dashboard: DASHBOARD_SPEC,
  gantt: GANTT_SPEC,
  permissions: PERMISSION_SPEC,
  classification: CLASSIFICATION_SPEC,
};

/** The fields that make a row's natural key, per kind (a duplicate key is an error). */
export const KEY_FIELDS: Readonly<Record<SheetKind, readonly string[]>> = {
  kpi: ['name'],
  metrics: ['period', 'department', 'metric'],
  dashboard: ['metric'],
  gantt: ['task'],
  permissions: ['role'],
  classification: ['field'],
};

/**
 * A row's natural key as the service stores it and the add-in computes it: the key fields,
 * folded like the duplicate check folds them (script, case, spaces), periods in canonical form.
 * null when a key field is empty.
 */
export function naturalKey(kind: SheetKind, cells: Readonly<Record<string, CellValue>>): string | null {
  const parts: string[] = [];
  for (const field of KEY_FIELDS[kind]) {
    const value = cells[field];
    if (value === undefined || value === null || cellText(value) === '') return null;
    if (kind === 'metrics' && field === 'period') {
      const period = parsePeriod(value);
      parts.push(period.ok ? formatPeriod(period.value) : matchKey(cellText(value)));
    } else {
      parts.push(matchKey(cellText(value)));
    }
  }
  return parts.join(' / ');
}

/**
 * Stored rows back into a grid with the kind's first header for each field, so that the same
 * shared analysis runs on synced data as on a workbook (one engine, nothing parsed twice).
 */
export function gridFromRows(name: string, kind: SheetKind, rows: readonly Readonly<Record<string, CellValue>>[]): SheetGrid {
  const spec = KIND_SPECS[kind];
  const header = spec.map((c) => c.headers[0]!);
  const body = rows.map((cells) => spec.map((c) => cells[c.field] ?? null));
  return { name, rows: [header, ...body] };
}
