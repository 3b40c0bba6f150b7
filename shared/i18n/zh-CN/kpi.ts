import type { KpiIssueParams } from '../../issues/codes-kpi';
import type { MessageCatalog } from '../catalog';
import { formatPercent } from '../locale';

export const kpiZh: MessageCatalog<KpiIssueParams> = {
  'kpi.target-invalid': {
    message: (p) => `无法识别目标值“${p.input}”。`,
    suggestion: () => '请写成 ≥500、≤4小时、2%-3% 或“稳定增长”。',
  },
  'kpi.weight-invalid': {
    message: (p) => `无法将权重“${p.input}”识别为百分比。`,
    suggestion: () => '请写成 20% 或 0.2。',
  },
  'kpi.weights-total': {
    message: (p) => `权重合计为 ${formatPercent(p.total, 'zh-CN')}，应为 100%。`,
    suggestion: (p) =>
      p.total < 1
        ? `请补足 ${formatPercent(1 - p.total, 'zh-CN')} 的权重，或补充遗漏的 KPI。`
        : `请减少 ${formatPercent(p.total - 1, 'zh-CN')} 的权重。`,
  },
  'kpi.perspective-invalid': {
    message: (p) => `“${p.input}”不是平衡计分卡的维度。`,
    suggestion: () => '请使用 财务、客户、流程 或 学习。',
  },
  'kpi.perspective-missing': {
    message: (p) => `“${p.kpi}”没有维度，只计入总分。`,
    suggestion: () => '请增加“维度”列：财务、客户、流程 或 学习。',
  },
  'kpi.formula-syntax': {
    message: (p) => `无法识别公式“${p.input}”（第 ${p.position + 1} 个字符处）。`,
    suggestion: () => '请用指标名称和 + - * / 及括号书写，例如 付费订单/访客数。',
  },
  'kpi.formula-unknown-name': {
    message: (p) => `公式中的“${p.name}”既不是指标也不是 KPI。`,
    suggestion: (p) => (p.closest ? `您是否想写“${p.closest}”？` : '请在指标数据表中补充该指标。'),
  },
  'kpi.formula-cycle': {
    message: (p) => `这些 KPI 相互引用，形成循环：${p.path.join(' → ')}。`,
    suggestion: () => '请至少让其中一个只引用基础指标。',
  },
  'metrics.period-invalid': {
    message: (p) => `无法识别期间“${p.input}”。`,
    suggestion: () => '请写成 2024-03、2024-Q1、2024-W09、2024 或 2024年3月。',
  },
  'metrics.value-invalid': {
    message: (p) => `数值“${p.input}”不是数字。`,
    suggestion: () => '请写成 1200、1,200、3.6% 或 1.2万 这样的数字。',
  },
  'dashboard.target-invalid': {
    message: (p) => `无法识别目标范围“${p.input}”。`,
    suggestion: () => '请写成 ≥2%、2%-3% 或“稳定增长”。',
  },
};
