import type { TableSpec } from '../../table/columns';

export type DashboardField = 'metric' | 'source' | 'target';

export const DASHBOARD_SPEC: TableSpec<DashboardField> = [
  { field: 'metric', required: true, maxLength: 200, headers: ['指标名称', '指標名稱', '指标', 'metric', 'metric name'] },
  { field: 'source', required: false, headers: ['数据来源', '數據來源', '来源', 'source', 'data source'] },
  { field: 'target', required: true, maxLength: 100, headers: ['目标范围', '目標範圍', '目标区间', 'target range', 'target'] },
];
