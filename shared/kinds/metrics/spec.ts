import type { TableSpec } from '../../table/columns';

export type MetricField = 'period' | 'department' | 'metric' | 'value';

export const METRIC_SPEC: TableSpec<MetricField> = [
  { field: 'period', required: true, maxLength: 50, headers: ['期间', '期間', '周期', '週期', '月份', '统计期间', 'period', 'month'] },
  { field: 'department', required: true, maxLength: 200, headers: ['部门', '部門', '团队', 'department', 'dept', 'team'] },
  { field: 'metric', required: true, maxLength: 200, headers: ['指标', '指標', '指标名称', '指標名稱', 'metric', 'metric name', 'measure'] },
  { field: 'value', required: true, maxLength: 100, headers: ['数值', '數值', '值', '实际值', '實際值', 'value', 'actual', 'actual value'] },
];
