import type { KpiIssueParams } from '../../issues/codes-kpi';
import type { MessageCatalog } from '../catalog';
import { formatPercent } from '../locale';

export const kpiEn: MessageCatalog<KpiIssueParams> = {
  'kpi.target-invalid': {
    message: (p) => `The target “${p.input}” cannot be read.`,
    suggestion: () => 'Write it as ≥500, ≤4h, 2%-3% or “steady growth”.',
  },
  'kpi.weight-invalid': {
    message: (p) => `The weight “${p.input}” cannot be read as a percentage.`,
    suggestion: () => 'Write it as 20% or 0.2.',
  },
  'kpi.weights-total': {
    message: (p) => `The weights add up to ${formatPercent(p.total, 'en-US')}, not 100%.`,
    suggestion: (p) =>
      p.total < 1
        ? `Add ${formatPercent(1 - p.total, 'en-US')} to the weights, or add the missing KPIs.`
        : `Take ${formatPercent(p.total - 1, 'en-US')} off the weights.`,
  },
  'kpi.perspective-invalid': {
    message: (p) => `“${p.input}” is not a Balanced-Scorecard perspective.`,
    suggestion: () => 'Use financial, customer, internal process or learning & growth (财务, 客户, 流程, 学习).',
  },
  'kpi.perspective-missing': {
    message: (p) => `“${p.kpi}” has no perspective, so it counts only in the overall score.`,
    suggestion: () => 'Add a Perspective column: financial, customer, internal process or learning & growth.',
  },
  'kpi.formula-syntax': {
    message: (p) => `The formula “${p.input}” cannot be read (at character ${p.position + 1}).`,
    suggestion: () => 'Use metric names with + - * / and parentheses, e.g. Paid orders / Visitors.',
  },
  'kpi.formula-unknown-name': {
    message: (p) => `The formula names “${p.name}”, which is neither a metric nor a KPI.`,
    suggestion: (p) => (p.closest ? `Did you mean “${p.closest}”?` : 'Add the metric to the metric values sheet.'),
  },
  'kpi.formula-cycle': {
    message: (p) => `These KPIs are defined in terms of each other: ${p.path.join(' → ')}.`,
    suggestion: () => 'Base at least one of them on metrics only.',
  },
  'metrics.period-invalid': {
    message: (p) => `The period “${p.input}” cannot be read.`,
    suggestion: () => 'Write it as 2024-03, 2024-Q1, 2024-W09, 2024 or 2024年3月.',
  },
  'metrics.value-invalid': {
    message: (p) => `The value “${p.input}” is not a number.`,
    suggestion: () => 'Write a number such as 1200, 1,200, 3.6% or 1.2万.',
  },
  'dashboard.target-invalid': {
    message: (p) => `The target range “${p.input}” cannot be read.`,
    suggestion: () => 'Write it as ≥2%, 2%-3% or “steady growth”.',
  },
};
