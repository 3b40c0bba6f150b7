import type { Issue } from '../issues/issue';
import type { TableSpec } from '../table/columns';
import { withinCellLimits } from '../table/cell-limits';
import { findHeader, readTable, type HeaderMatch, type LocatedTable } from '../table/locate';
import type { SheetGrid } from '../table/grid';
import { analyseClassificationSheet } from './classification/analyse';
import { CLASSIFICATION_SPEC } from './classification/spec';
import type { ClassifiedField } from './classification/types';
import type { AnalyseContext, AnalyseOptions } from './context';
import { analyseDashboardSheet } from './dashboard/analyse';
import { DASHBOARD_SPEC } from './dashboard/spec';
import type { DashboardMetric } from './dashboard/types';
import { analyseGanttSheet } from './gantt/analyse';
import { GANTT_SPEC } from './gantt/spec';
import type { GanttPlan } from './gantt/types';
import { analyseKpiSheet } from './kpi/analyse';
import { KPI_SPEC } from './kpi/spec';
import type { KpiDefinition } from './kpi/types';
import { analyseMetricSheet } from './metrics/analyse';
import { METRIC_SPEC } from './metrics/spec';
import type { MetricValue } from './metrics/types';
import { analysePermissionSheet } from './permissions/analyse';
import { PERMISSION_SPEC } from './permissions/spec';
import { analyseReconcileSheet } from './reconcile/analyse';
import { RECONCILE_SPEC } from './reconcile/spec';
import type { ReconcileRule } from './reconcile/types';
import type { PermissionMatrix } from './permissions/types';
import type { SheetKind } from './sheet-kind';
import { analyseDataTable, unsyncedColumns } from './table/analyse';
import { findDataTable } from './table/locate-table';
import { TABLE_SPEC } from './table/spec';

/** Everything the sheet kinds parsed out of one workbook, ready for cross-sheet checks and computing. */
export interface ParsedRecords {
  kpis: KpiDefinition[];
  /** Column of the formula cells, by KPI sheet, for cross-sheet issues. */
  kpiFormulaColumns: Map<string, number>;
  /** Column of the owner cells, by KPI sheet, for owners who hold no role. */
  kpiOwnerColumns: Map<string, number>;
  metrics: MetricValue[];
  dashboard: DashboardMetric[];
  /** One plan per Gantt sheet: dependencies resolve within a sheet. */
  plans: GanttPlan[];
  /** One matrix per permission sheet. */
  matrices: PermissionMatrix[];
  classifiedFields: ClassifiedField[];
  /** Reconciliation rules, run once every sheet is read (shared/reconcile/). */
  reconcileRules: ReconcileRule[];
}

export function emptyRecords(): ParsedRecords {
  return {
    kpis: [],
    kpiFormulaColumns: new Map(),
    kpiOwnerColumns: new Map(),
    metrics: [],
    dashboard: [],
    plans: [],
    matrices: [],
    classifiedFields: [],
    reconcileRules: [],
  };
}

/**
 * A sheet kind as a "room": how to find its header, and how to parse its table into records.
 * Adding a kind is adding a room here, not editing the workbook analysis.
 */
export interface KindRoom {
  readonly kind: SheetKind;
  find(grid: SheetGrid): HeaderMatch<string> | null;
  collect(grid: SheetGrid, header: HeaderMatch<string>, into: ParsedRecords, options?: AnalyseOptions): Issue[];
}

function room<F extends string, R>(
  kind: SheetKind,
  spec: TableSpec<F>,
  analyse: (table: LocatedTable<F>, context: AnalyseContext) => { records: R[]; issues: Issue[] },
  store: (records: R[], table: LocatedTable<F>, into: ParsedRecords) => void,
): KindRoom {
  return {
    kind,
    find: (grid) => findHeader(grid, spec) as HeaderMatch<string> | null,
    collect: (grid, header, into, options = {}) => {
      const tooLong: Issue[] = [];
      const table = withinCellLimits(readTable(grid, header as HeaderMatch<F>), spec, tooLong);
      const { records, issues } = analyse(table, { ...options, grid });
      store(records, table, into);
      return tooLong.length === 0 ? issues : tooLong.concat(issues);
    },
  };
}

// Records are stored with concat: push(...records) passes each record as an argument, which
// overflows the stack on a 100k-row sheet, and pushing them one by one is several times slower.
export const KIND_ROOMS: readonly KindRoom[] = [
  room('kpi', KPI_SPEC, analyseKpiSheet, (records, table, into) => {
    into.kpis = into.kpis.concat(records);
    if (table.columns.formula) into.kpiFormulaColumns.set(table.sheet, table.columns.formula.col);
    if (table.columns.owner) into.kpiOwnerColumns.set(table.sheet, table.columns.owner.col);
  }),
  room('metrics', METRIC_SPEC, analyseMetricSheet, (records, _table, into) => {
    into.metrics = into.metrics.concat(records);
  }),
  room('dashboard', DASHBOARD_SPEC, analyseDashboardSheet, (records, _table, into) => {
    into.dashboard = into.dashboard.concat(records);
  }),
  room('gantt', GANTT_SPEC, analyseGanttSheet, (records, _table, into) => {
    into.plans = into.plans.concat(records);
  }),
  room('permissions', PERMISSION_SPEC, analysePermissionSheet, (records, table, into) => {
    into.matrices.push({ sheet: table.sheet, hasMembersColumn: table.columns.members !== undefined, rows: records });
  }),
  room('classification', CLASSIFICATION_SPEC, analyseClassificationSheet, (records, _table, into) => {
    into.classifiedFields = into.classifiedFields.concat(records);
  }),
  room('reconcile', RECONCILE_SPEC, analyseReconcileSheet, (records, _table, into) => {
    into.reconcileRules = into.reconcileRules.concat(records);
  }),
  // Last: a data table matches its key column only, and yields to any kind that matches as well.
  {
    kind: 'table',
    find: findDataTable,
    collect: (grid, header, _into) => {
      const tooLong: Issue[] = [];
      const table = withinCellLimits(readTable(grid, header), TABLE_SPEC as TableSpec<string>, tooLong);
      return unsyncedColumns(grid, table).concat(tooLong, analyseDataTable(table).issues);
    },
  },
];
