/**
 * The handbook's own example tables (the operations handbook, sections 五(二)1 KPI考核体系, 二(二)2 数据看板,
 * 三(一)2 甘特图, 四(二)1 权限矩阵), as printed, plus what the demo adds so that a scorecard, a
 * plan and a policy have something to compute.
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

/**
 * 甘特图 (三(一)2), as printed: the dependency "活动策划完成" names no task; the task meant is
 * 联合促销活动策划.
 */
export const HANDBOOK_GANTT_TABLE: readonly Row[] = [
  ['任务名称', '负责人', '开始时间', '结束时间', '依赖任务'],
  ['联合促销活动策划', '张三', '2023-12-01', '2023-12-10', '-'],
  ['市场推广', '李四', '2023-12-11', '2023-12-25', '活动策划完成'],
];

/** 权限矩阵示例 (四(二)1), as printed: no members column. */
export const HANDBOOK_PERMISSION_TABLE: readonly Row[] = [
  ['用户角色', '数据范围', '操作权限'],
  ['运营专员', '本部门活动数据', '查看、导出'],
  ['数据分析师', '全局数据(脱敏)', '查看、分析'],
  ['系统管理员', '全局数据', '查看、修改、删除'],
];

/**
 * The demo's plan: the handbook's two tasks with the dependency corrected, and four more. The
 * critical path runs 联合促销活动策划 → 市场推广 → 效果复盘 (finish 2023-12-28); 物料设计 starts
 * three days into the planning (a start-to-start link written after the name), and the other
 * branches have slack. The plan is over, so every task is done.
 */
export const DEMO_GANTT_TABLE: readonly Row[] = [
  ['任务名称', '负责人', '开始时间', '结束时间', '依赖任务', '进度'],
  ['联合促销活动策划', '张三', '2023-12-01', '2023-12-10', '-', 1],
  ['渠道谈判', '赵六', '2023-12-01', '2023-12-06', '-', 1],
  ['物料设计', '王五', '2023-12-04', '2023-12-08', '联合促销活动策划(SS+3)', 1],
  ['活动页面开发', '钱七', '2023-12-11', '2023-12-20', '联合促销活动策划、物料设计', 1],
  ['市场推广', '李四', '2023-12-11', '2023-12-25', '联合促销活动策划、渠道谈判', 1],
  ['效果复盘', '张三', '2023-12-26', '2023-12-28', '市场推广、活动页面开发', 1],
];

/**
 * The handbook's matrix with a members column, so that every KPI and Gantt owner holds a role.
 * Members are written "name <address>": owners match by name, the service by address. The
 * handbook's 运营专员 may export unmasked data: a least-privilege warning the demo keeps.
 */
export const DEMO_PERMISSION_TABLE: readonly Row[] = [
  ['用户角色', '数据范围', '操作权限', '成员'],
  ['运营专员', '本部门活动数据', '查看、导出', '张三 <zhangsan@example.cn>、李四 <lisi@example.cn>、赵六 <zhaoliu@example.cn>'],
  ['数据分析师', '全局数据(脱敏)', '查看、分析', '王五 <wangwu@example.cn>'],
  ['系统管理员', '全局数据', '查看、修改、删除', '钱七 <qianqi@example.cn>'],
];

/** The development user that `npm start` prints a token for. */
export const DEMO_ADMIN = 'admin@example.com';

/**
 * The matrix of the demo workbook and of the seeded demo workspace: the handbook's, plus the
 * development administrator as 管理员 with every operation. A pushed matrix replaces the
 * policy, so a matrix without this row, pushed back from the example workbook, would take
 * the printed administrator's rights away.
 */
export const DEMO_MATRIX_TABLE: readonly Row[] = [...DEMO_PERMISSION_TABLE, ['管理员', '全局数据', '查看、导出、分析、修改、删除', DEMO_ADMIN]];

/** Data classification (四(二)2-3): the user fields of the sync API, with the handbook's masking. */
export const DEMO_CLASSIFICATION_TABLE: readonly Row[] = [
  ['字段', '级别', '脱敏规则'],
  ['用户ID', '核心', '哈希(HMAC-SHA256)'],
  ['手机号', '核心', 'HMAC'],
  ['地址', '核心', '只保留省份'],
  ['年龄', '核心', '年龄段'],
  ['注册时间', '内部', '无'],
  ['数据来源', '公开', '-'],
];

/**
 * Users as the CRM sync sends them (四(一)2: user_ids 12345 and 67890). Invented people: the
 * sheet is what the classification governs, and what the masked-field check looks for.
 */
export const DEMO_USER_TABLE: readonly Row[] = [
  ['用户ID', '手机号', '注册时间', '地址', '年龄', '数据来源'],
  ['12345', '13800000001', '2023-12-01', '广东省广州市天河区体育西路1号', 28, 'CRM'],
  ['67890', '13900000002', '2023-12-01', '浙江省杭州市西湖区文三路2号', 34, 'CRM'],
];
