import type { PlanSchedule } from '../../shared/kinds/gantt/schedule-plan';
import type { Locale } from '../../shared/i18n/locale';
import { textTable } from './text-output';

/** The schedule as a person reads it in a terminal: one row per task, then the path and the finish. */
export function renderPlanText(schedule: PlanSchedule, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const working = schedule.calendar.kind === 'working';
  const header = zh
    ? ['任务', '负责人', '计划开始', '计划结束', '最早开始', '最早完成', '最晚开始', '最晚完成', working ? '浮动(工作日)' : '浮动(天)', '关键']
    : ['Task', 'Owner', 'Start', 'End', 'Early start', 'Early finish', 'Late start', 'Late finish', working ? 'Slack (working days)' : 'Slack (days)', 'Critical'];
  const rows = schedule.tasks.map((t) => [
    t.task,
    t.owner,
    t.start,
    t.end,
    t.earlyStart,
    t.earlyFinish,
    t.lateStart,
    t.lateFinish,
    String(t.slack),
    t.critical ? '✓' : '',
  ]);
  const holidays = schedule.calendar.kind === 'working' ? schedule.calendar.holidays.length : 0;
  const calendar = zh
    ? `日历：${working ? `工作日（周一至周五${holidays > 0 ? `，除 ${holidays} 个节假日` : ''}）` : '日历日'}`
    : `Calendar: ${working ? `working days (Monday to Friday${holidays > 0 ? `, less ${holidays} holiday(s)` : ''})` : 'calendar days'}`;
  const path = schedule.criticalPath.join(' → ');
  return (
    textTable(header, rows) +
    '\n' +
    (zh ? `关键路径：${path}\n完工日期：${schedule.finish ?? '–'}\n` : `Critical path: ${path}\nFinish: ${schedule.finish ?? '–'}\n`) +
    calendar +
    '\n'
  );
}
