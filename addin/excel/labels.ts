import type { Status } from '../../shared/engine/scorecard-types';
import type { Locale } from '../../shared/i18n/locale';

/**
 * Every word the adapter writes into a workbook, per language. A record typed by Locale makes
 * a missing translation a compile error rather than an English word in a Chinese workbook.
 */
export interface WorkbookLabels {
  readonly listAlert: { readonly title: string; readonly message: string };
  readonly scorecard: {
    readonly sheet: string;
    readonly title: string;
    readonly empty: string;
    readonly overview: readonly [period: string, department: string, overall: string];
    readonly detail: readonly [
      period: string,
      department: string,
      kpi: string,
      perspective: string,
      actual: string,
      target: string,
      achievement: string,
      status: string,
      weight: string,
      score: string,
      award: string,
    ];
    readonly statuses: Readonly<Record<Status, string>>;
    readonly chartTitle: (period: string) => string;
    readonly awardMark: string;
  };
}

export const WORKBOOK_LABELS: Readonly<Record<Locale, WorkbookLabels>> = {
  'zh-CN': {
    listAlert: { title: '不在列表中', message: '请从下拉列表中选择；其他写法也可，检查时会提示。' },
    scorecard: {
      sheet: '计分卡',
      title: '平衡计分卡',
      empty: '暂无得分：同步 KPI 定义和指标数据后再生成。',
      overview: ['期间', '部门', '综合得分'],
      detail: ['期间', '部门', 'KPI', '维度', '实际值', '目标', '达成率', '状态', '权重', '得分', '奖励'],
      statuses: { green: '达标', amber: '预警', red: '未达标', none: '无数据' },
      chartTitle: (period) => `各维度得分（${period}）`,
      awardMark: '✓',
    },
  },
  'en-US': {
    listAlert: { title: 'Not in the list', message: 'Pick from the drop-down; other spellings are accepted and checked.' },
    scorecard: {
      sheet: 'Scorecard',
      title: 'Balanced Scorecard',
      empty: 'No scores yet: sync KPI definitions and metric values, then refresh.',
      overview: ['Period', 'Department', 'Overall score'],
      detail: ['Period', 'Department', 'KPI', 'Perspective', 'Actual', 'Target', 'Achievement', 'Status', 'Weight', 'Score', 'Award'],
      statuses: { green: 'On target', amber: 'Watch', red: 'Off target', none: 'No data' },
      chartTitle: (period) => `Perspective scores (${period})`,
      awardMark: '✓',
    },
  },
};
