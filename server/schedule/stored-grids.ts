import { KPI_SPEC } from '../../shared/kinds/kpi/spec';
import { METRIC_SPEC } from '../../shared/kinds/metrics/spec';
import type { TableSpec } from '../../shared/table/columns';
import type { CellValue, SheetGrid } from '../../shared/table/grid';
import type { PulledRow } from '../store/store-types';

/** The kinds a scorecard is computed from. */
export const SCORECARD_KINDS = ['kpi', 'metrics'] as const;
export type ScorecardKind = (typeof SCORECARD_KINDS)[number];

const SPECS: Record<ScorecardKind, TableSpec<string>> = { kpi: KPI_SPEC, metrics: METRIC_SPEC };

export function isScorecardKind(kind: string): kind is ScorecardKind {
  return (SCORECARD_KINDS as readonly string[]).includes(kind);
}

/**
 * Stored rows back into a sheet as a user would have typed it: a header row of each field's
 * first header alias (the kind's own name for it), then one row per live row, cells by field.
 * Rebuilding a grid, rather than records, means the scheduled scorecard goes through the very
 * recognition, parsing and checks that a sync or an upload goes through: one engine, one answer.
 */
export function gridFromRows(name: string, kind: ScorecardKind, rows: readonly PulledRow[]): SheetGrid {
  const spec = SPECS[kind];
  const header: CellValue[] = spec.map((column) => column.headers[0] ?? column.field);
  const body = rows
    .filter((row) => !row.deleted)
    .map((row) => spec.map((column): CellValue => row.cells[column.field] ?? null));
  return { name, rows: [header, ...body] };
}
