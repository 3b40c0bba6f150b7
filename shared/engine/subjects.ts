import { matchKey, normalizeText } from '../text/normalize';
import { toSimplified } from '../text/simplified';

/**
 * What data a grant of the permission matrix is about. The handbook's matrix writes
 * "本部门活动数据" (own department's activity data): a scope word, then a subject. A subject is
 * enforced only if the service can tell which data it names, so subjects come from a closed,
 * documented vocabulary, and every stored row belongs to exactly one subject (by its sheet kind:
 * shared/kinds/<kind>/index.ts; synced user records are 'users'):
 *
 * | subject    | written (zh, zh-Hant folded, en)                                   | covers                              |
 * |------------|-------------------------------------------------------------------|-------------------------------------|
 * | activity   | 活动数据, 运营数据, 业务数据, 指标数据, activity, operations, metrics | metric values, dashboard metrics    |
 * | kpi        | KPI, 指标, 绩效, 考核, 目标, kpis, performance                       | KPI definitions, metric values, dashboard metrics |
 * | plan       | 计划, 项目, 甘特, 任务, plan, project, tasks, gantt                  | Gantt plans                         |
 * | users      | 用户, 用户数据, 客户, 客户数据, users, customers, user data          | synced user records                 |
 * | access     | 权限, 权限矩阵, 数据分类, 分级, access, permissions, classification  | permission matrix, data classification |
 *
 * A scope without a subject ("全局数据", "本部门", "all data") covers every subject. A subject
 * outside the vocabulary is an error at its cell (access.subject-unknown) and its grant covers
 * nothing: never silently all data.
 */
export const DATA_SUBJECTS = ['activity', 'kpi', 'plan', 'users', 'access'] as const;
export type DataSubject = (typeof DATA_SUBJECTS)[number];

const WORDS: ReadonlyArray<readonly [DataSubject[], readonly string[]]> = [
  [['activity'], ['活动', '运营', '业务', '指标数据', '指标值', '活动数据', '运营数据', '业务数据', 'activity', 'activities', 'operations', 'operational', 'metrics', 'metricvalues', 'campaign', 'campaigns']],
  [['kpi', 'activity'], ['kpi', 'kpis', '指标', '绩效', '考核', '目标', 'performance', 'scorecard', '计分卡']],
  [['plan'], ['计划', '项目', '甘特', '甘特图', '任务', 'plan', 'plans', 'project', 'projects', 'task', 'tasks', 'gantt', 'schedule']],
  [['users'], ['用户', '用户数据', '客户', '客户数据', '会员', 'user', 'users', 'customer', 'customers', 'userdata', 'customerdata', 'crm']],
  [['access'], ['权限', '权限矩阵', '数据分类', '分级', '分类', 'access', 'permission', 'permissions', 'classification', 'matrix']],
];

const BY_WORD: ReadonlyMap<string, readonly DataSubject[]> = new Map(WORDS.flatMap(([subjects, words]) => words.map((w) => [matchKey(w), subjects] as const)));

/** Filler around a subject word: "活动数据" is 活动 + 数据, "user data" is user + data. */
const FILLER = /(?:相关|有关|的|之|类|數據|数据|资料|data|information|info|records?)$/;

/**
 * The subjects a scope's subject text names, or null when it is not in the vocabulary.
 * Several may be joined by 、 , / and 和 ("活动数据、计划").
 */
export function parseSubjects(text: string): DataSubject[] | null {
  const out: DataSubject[] = [];
  const parts = toSimplified(normalizeText(text)).split(/[、,，/／;；]|和|与|及|\band\b|&/i);
  for (const part of parts) {
    let key = matchKey(part);
    if (key === '') continue;
    let found = BY_WORD.get(key);
    while (found === undefined && FILLER.test(key)) {
      key = key.replace(FILLER, '');
      found = key === '' ? undefined : BY_WORD.get(key);
    }
    if (found === undefined) return null;
    for (const s of found) if (!out.includes(s)) out.push(s);
  }
  return out.length > 0 ? out : null;
}
