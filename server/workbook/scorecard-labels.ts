import type { PerspectiveCode, Status } from '../../shared/engine/scorecard-types';
import type { Severity } from '../../shared/issues/issue';
import type { Locale } from '../../shared/i18n/locale';

/**
 * Every word the managers' workbook shows, per language. A record typed by Locale makes a
 * missing translation a compile error rather than an English word in a Chinese workbook.
 */
export interface ScorecardLabels {
  readonly sheets: { readonly overview: string; readonly detail: string; readonly trend: string; readonly issues: string };
  readonly overviewHeaders: {
    readonly period: string;
    readonly department: string;
    readonly overall: string;
  };
  readonly detailHeaders: {
    readonly period: string;
    readonly department: string;
    readonly kpi: string;
    readonly perspective: string;
    readonly actual: string;
    readonly target: string;
    readonly achievement: string;
    readonly status: string;
    readonly weight: string;
    readonly score: string;
    readonly award: string;
  };
  readonly issueHeaders: {
    readonly sheet: string;
    readonly cell: string;
    readonly severity: string;
    readonly code: string;
    readonly message: string;
    readonly suggestion: string;
  };
  /** The trend sheet's headers, and the overview's block saying whether each KPI improved. */
  readonly trendHeaders: {
    readonly heading: string;
    readonly period: string;
    readonly department: string;
    readonly kpi: string;
    readonly change: string;
    readonly improved: string;
  };
  readonly improvedWords: { readonly yes: string; readonly no: string };
  readonly perspectives: Readonly<Record<PerspectiveCode, string>>;
  readonly statuses: Readonly<Record<Status, string>>;
  readonly severities: Readonly<Record<Severity, string>>;
  readonly awardMark: string;
  readonly defaultTitle: string;
  /** The overview's line when changes wait for approval (docs/approval.md). */
  readonly pendingApprovals: (count: number) => string;
}

export const SCORECARD_LABELS: Readonly<Record<Locale, ScorecardLabels>> = {
  'zh-CN': {
    sheets: { overview: '概览', detail: 'KPI 明细', trend: '趋势', issues: '问题' },
    overviewHeaders: { period: '期间', department: '部门', overall: '综合得分' },
    detailHeaders: {
      period: '期间',
      department: '部门',
      kpi: 'KPI',
      perspective: '维度',
      actual: '实际值',
      target: '目标',
      achievement: '达成率',
      status: '状态',
      weight: '权重',
      score: '得分',
      award: '奖励',
    },
    issueHeaders: {
      sheet: '工作表',
      cell: '单元格',
      severity: '级别',
      code: '代码',
      message: '说明',
      suggestion: '建议',
    },
    trendHeaders: { heading: 'KPI 较上期', period: '期间', department: '部门', kpi: 'KPI', change: '达成率较上期', improved: '是否改善' },
    improvedWords: { yes: '改善', no: '未改善' },
    perspectives: { financial: '财务', customer: '客户', process: '流程', learning: '学习与成长' },
    statuses: { green: '达标', amber: '预警', red: '未达标', none: '无数据' },
    severities: { error: '错误', warning: '警告' },
    awardMark: '✓',
    defaultTitle: '平衡计分卡',
    pendingApprovals: (n) => `另有 ${n} 项变更待审批，未计入本报告。`,
  },
  'en-US': {
    sheets: { overview: 'Overview', detail: 'KPI detail', trend: 'Trend', issues: 'Issues' },
    overviewHeaders: { period: 'Period', department: 'Department', overall: 'Overall score' },
    detailHeaders: {
      period: 'Period',
      department: 'Department',
      kpi: 'KPI',
      perspective: 'Perspective',
      actual: 'Actual',
      target: 'Target',
      achievement: 'Achievement',
      status: 'Status',
      weight: 'Weight',
      score: 'Score',
      award: 'Award',
    },
    issueHeaders: {
      sheet: 'Sheet',
      cell: 'Cell',
      severity: 'Severity',
      code: 'Code',
      message: 'Message',
      suggestion: 'Suggestion',
    },
    trendHeaders: {
      heading: 'KPIs against the previous period',
      period: 'Period',
      department: 'Department',
      kpi: 'KPI',
      change: 'Achievement change',
      improved: 'Improved',
    },
    improvedWords: { yes: 'Improved', no: 'Not improved' },
    perspectives: {
      financial: 'Financial',
      customer: 'Customer',
      process: 'Internal process',
      learning: 'Learning & growth',
    },
    statuses: { green: 'On target', amber: 'At risk', red: 'Off target', none: 'No data' },
    severities: { error: 'Error', warning: 'Warning' },
    awardMark: '✓',
    defaultTitle: 'Balanced Scorecard',
    pendingApprovals: (n) => `${n} ${n === 1 ? 'change waits' : 'changes wait'} for approval; not counted in this report.`,
  },
};
