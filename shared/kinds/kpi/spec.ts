import type { TableSpec } from '../../table/columns';

export type KpiField = 'name' | 'formula' | 'target' | 'weight' | 'perspective' | 'owner' | 'unit';

export const KPI_SPEC: TableSpec<KpiField> = [
  { field: 'name', required: true, maxLength: 200, headers: ['KPI', 'KPI名称', 'KPI 指标', '考核指标', 'KPI name', 'key performance indicator'] },
  { field: 'formula', required: false, maxLength: 1000, headers: ['公式', '计算公式', '計算公式', 'formula', 'calculation'] },
  { field: 'target', required: true, maxLength: 100, headers: ['目标值', '目标', '目標值', 'target', 'target value'] },
  { field: 'weight', required: true, maxLength: 50, headers: ['权重', '權重', '比重', 'weight', 'weighting'] },
  { field: 'perspective', required: false, maxLength: 100, headers: ['维度', '維度', 'BSC维度', '平衡计分卡维度', '视角', '层面', 'perspective', 'BSC perspective', 'dimension'] },
  { field: 'owner', required: false, headers: ['负责人', '負責人', '责任人', 'owner', 'responsible'] },
  { field: 'unit', required: false, maxLength: 50, headers: ['单位', '單位', 'unit'] },
];
