import type { PerspectiveCode, Status } from '../../shared/engine/scorecard-types';
import type { Locale } from '../../shared/i18n/locale';

/** Every word a subscription mail shows, per language; a missing translation does not compile. */
export interface MailLabels {
  subject(workspace: string, date: string): string;
  readonly heading: string;
  intro(workspace: string, date: string): string;
  readonly attached: string;
  readonly empty: string;
  readonly overallHeading: string;
  readonly detailHeading: string;
  readonly columns: {
    readonly period: string;
    readonly department: string;
    readonly overall: string;
    readonly kpi: string;
    readonly perspective: string;
    readonly actual: string;
    readonly target: string;
    readonly achievement: string;
    readonly status: string;
  };
  readonly perspectives: Readonly<Record<PerspectiveCode, string>>;
  readonly statuses: Readonly<Record<Status, string>>;
  readonly footer: string;
}

export const MAIL_LABELS: Readonly<Record<Locale, MailLabels>> = {
  'zh-CN': {
    subject: (workspace, date) => `运营记分卡 · ${workspace} · ${date}`,
    heading: '运营记分卡',
    intro: (workspace, date) => `工作区「${workspace}」截至 ${date} 的记分卡，按您的权限范围生成。`,
    attached: '完整记分卡见附件（Excel 工作簿）。',
    empty: '您的权限范围内暂无记分卡数据。',
    overallHeading: '综合得分（最近期间）',
    detailHeading: 'KPI 明细（最近期间）',
    columns: { period: '期间', department: '部门', overall: '综合得分', kpi: 'KPI', perspective: '维度', actual: '实际值', target: '目标值', achievement: '达成率', status: '状态' },
    perspectives: { financial: '财务', customer: '客户', process: '流程', learning: '学习与成长' },
    statuses: { green: '达标', amber: '接近', red: '未达标', none: '无数据' },
    footer: '此邮件由 Ops Scorecard 订阅自动发送。如需退订，请联系工作区管理员。',
  },
  'en-US': {
    subject: (workspace, date) => `Ops Scorecard · ${workspace} · ${date}`,
    heading: 'Ops Scorecard',
    intro: (workspace, date) => `The scorecard of workspace "${workspace}" as of ${date}, built for what your roles let you see.`,
    attached: 'The full scorecard is attached (an Excel workbook).',
    empty: 'There is no scorecard data within your access yet.',
    overallHeading: 'Overall scores (latest period)',
    detailHeading: 'KPI detail (latest period)',
    columns: { period: 'Period', department: 'Department', overall: 'Overall score', kpi: 'KPI', perspective: 'Perspective', actual: 'Actual', target: 'Target', achievement: 'Achievement', status: 'Status' },
    perspectives: { financial: 'Financial', customer: 'Customer', process: 'Internal process', learning: 'Learning & growth' },
    statuses: { green: 'On target', amber: 'Near target', red: 'Off target', none: 'No data' },
    footer: 'Sent by an Ops Scorecard subscription. To stop it, ask the workspace administrator.',
  },
};
