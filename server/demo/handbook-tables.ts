/**
 * The handbook's own example tables (../shared/seed, 五(二)1 KPI考核体系 and 二(二)2 数据看板), as
 * printed, plus what the demo adds so that a scorecard has something to compute.
 */
export type Row = readonly (string | number | null)[];

/** 关键指标分解示例（以电商运营为例）: as printed, weights add up to 75%. */
export const HANDBOOK_KPI_TABLE: readonly Row[] = [
  ['KPI', '公式', '目标值', '权重'],
  ['日增用户数', '今日新注册数', '≥500', '20%'],
  ['转化率', '付费订单/访客数', '≥3%', '30%'],
  ['ROI', '利润/营销投入', '≥4', '25%'],
];

/** 数据看板: a target can be a trend (稳定增长) as well as a threshold. */
export const HANDBOOK_DASHBOARD_TABLE: readonly Row[] = [
  ['指标名称', '数据来源', '目标范围'],
  ['日活跃用户', '后台统计', '稳定增长'],
  ['转化率', '交易记录', '≥2%'],
  ['用户留存次日', '用户行为分析', '≥30%'],
];

/**
 * The demo's KPI sheet: the handbook's three KPIs with perspectives, and three more so that
 * the weights add up to 100% and every perspective has a KPI. Weights are percent cells.
 */
export const DEMO_KPI_TABLE: readonly Row[] = [
  ['KPI', '公式', '目标值', '权重', '维度', '负责人', '单位'],
  ['日增用户数', '今日新注册数', '≥500', 0.2, '客户', '张三', '人'],
  ['转化率', '付费订单/访客数', '≥3%', 0.3, '客户', '李四', '%'],
  ['ROI', '利润/营销投入', '≥4', 0.25, '财务', '王五', ''],
  ['日活跃用户', '', '稳定增长', 0.1, '客户', '李四', '人'],
  ['审核时长', '审核总时长/审核条数', '≤4小时', 0.1, '流程', '赵六', '小时'],
  ['培训完成率', '完成培训人数/应培训人数', '≥90%', 0.05, '学习', '钱七', '%'],
];

const EAST = '华东运营部';
const SOUTH = '华南运营部';

/**
 * Two months, two departments. February is the month the demo is about: in 华东 the new users
 * beat the target by 20% (green, award), conversion is amber, ROI red and daily actives grow
 * (a trend target met); in 华南 ROI wins an award, review time is red and the training figures
 * are missing (status none).
 */
export const DEMO_METRIC_TABLE: readonly Row[] = [
  ['期间', '部门', '指标', '数值'],
  ...metricRows('2024-01', EAST, { 今日新注册数: 520, 付费订单: 300, 访客数: 10000, 利润: 320000, 营销投入: 100000, 日活跃用户: 12000, 审核总时长: 380, 审核条数: 100, 完成培训人数: 40, 应培训人数: 50, 用户留存次日: 0.31 }),
  ...metricRows('2024-01', SOUTH, { 今日新注册数: 480, 付费订单: 310, 访客数: 10000, 利润: 450000, 营销投入: 100000, 日活跃用户: 9000, 审核总时长: 450, 审核条数: 100, 完成培训人数: 44, 应培训人数: 50, 用户留存次日: 0.28 }),
  ...metricRows('2024年2月', EAST, { 今日新注册数: 600, 付费订单: 280, 访客数: 10000, 利润: 300000, 营销投入: 100000, 日活跃用户: 12600, 审核总时长: 360, 审核条数: 100, 完成培训人数: 45, 应培训人数: 50, 用户留存次日: '32%' }),
  ...metricRows('2024年2月', SOUTH, { 今日新注册数: 450, 付费订单: 330, 访客数: '1.0万', 利润: '50万', 营销投入: '10万', 日活跃用户: 8500, 审核总时长: 500, 审核条数: 100, 用户留存次日: 0.27 }),
];

function metricRows(period: string, department: string, values: Record<string, number | string>): Row[] {
  return Object.entries(values).map(([metric, value]) => [period, department, metric, value]);
}
