import type { TableSpec } from '../../table/columns';

/**
 * A Gantt plan (handbook 三(一)2): one row per task.
 *
 * Columns
 * - 任务名称 / Task (key: a task named twice is an error), 负责人 / Owner (several owners in one
 *   cell separated by 、 ， , ; / or line breaks), 开始时间 / Start and 结束时间 / End: dates, the
 *   end inclusive (12-01 to 12-10 is 10 days).
 * - 依赖任务 / Depends on: the tasks this one waits for, separated by 、 ， , ; ； or line breaks.
 *   "-", "—", "无", "none", "n/a" or an empty cell: none.
 * - 类型 / Link type: FS (finish-to-start, the default), SS, FF or SF; also 完成-开始, 开始-开始,
 *   完成-完成, 开始-完成. 延迟 / Lag: whole days, negative for a lead ("2", "-1", "3天", "2d").
 *   The row's type and lag apply to every dependency of the row, except one written with its
 *   own in brackets after the name: "联合促销活动策划(SS+2)", "物料设计（FF）", "评审(+3)",
 *   "开发(FS-1天)". Brackets that hold anything else are part of the name.
 * - 进度 / Progress, optional: 50%, 0.5, or 50 (a bare number above 1 is a percent, as with
 *   KPI weights). With the column, an empty cell is 0%; without it, progress is unknown and no
 *   task is judged overdue.
 *
 * Calendar (written in cells above the table, anywhere in the rows above the header)
 * - "日历：工作日" / "Calendar: working days" in one cell, or "日历" / "Calendar" in one cell and
 *   the value in the cell to its right. Values: 工作日, 工作日历, 周一至周五, working days,
 *   workdays, business days, weekdays → working days (Monday to Friday minus holidays);
 *   日历日, 自然日, 每天, calendar days, all days, every day → calendar days, the default when no
 *   calendar cell is written. With working days, durations, lags and slack count working days.
 * - "节假日：2024-01-01、2024-02-10~2024-02-17" / "Holidays: 2024-01-01, 2024-02-10 ~ 2024-02-17"
 *   in one cell, or "节假日" / "Holidays" in one cell and the dates in the cells to its right
 *   (text or real date cells). Entries are separated by 、 ， , ; ； spaces or line breaks; a range
 *   is two dates joined by ~ ～ 至 到 – — (at most 366 days). Holidays on a weekend change nothing.
 */
export type GanttField = 'task' | 'owner' | 'start' | 'end' | 'depends' | 'progress' | 'linkType' | 'lag';

export const GANTT_SPEC: TableSpec<GanttField> = [
  { field: 'task', required: true, maxLength: 200, headers: ['任务名称', '任务', '任務名稱', '任務', '工作任务', 'task', 'task name', 'activity'] },
  { field: 'owner', required: false, headers: ['负责人', '負責人', '责任人', '執行人', '执行人', 'owner', 'assignee', 'responsible'] },
  { field: 'start', required: true, maxLength: 50, headers: ['开始时间', '开始日期', '開始時間', '開始日期', '开始', 'start', 'start date', 'begin'] },
  {
    field: 'end',
    required: true,
    maxLength: 50,
    headers: ['结束时间', '结束日期', '結束時間', '結束日期', '截止日期', '完成日期', '结束', 'end', 'end date', 'finish', 'finish date', 'due', 'due date'],
  },
  {
    field: 'depends',
    required: false,
    maxLength: 2000,
    headers: ['依赖任务', '前置任务', '依賴任務', '前置任務', '依赖', '前置', '紧前任务', 'depends on', 'dependencies', 'predecessors', 'predecessor'],
  },
  { field: 'progress', required: false, maxLength: 50, headers: ['进度', '進度', '完成度', '完成比例', '完成百分比', 'progress', 'complete', 'percent complete'] },
  {
    field: 'linkType',
    required: false,
    maxLength: 50,
    headers: ['类型', '依赖类型', '類型', '依賴類型', '链接类型', '关系类型', 'link type', 'dependency type', 'type'],
  },
  { field: 'lag', required: false, maxLength: 50, headers: ['延迟', '延遲', '滞后', '滯後', '间隔', '延迟天数', 'lag', 'lag days', 'delay'] },
];
