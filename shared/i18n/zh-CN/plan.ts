import type { PlanIssueParams } from '../../issues/codes-plan';
import type { MessageCatalog } from '../catalog';
import { formatPercent } from '../locale';

export const planZh: MessageCatalog<PlanIssueParams> = {
  'gantt.date-invalid': {
    message: (p) => `“${p.column}”中的“${p.input}”不是日期。`,
    suggestion: () => '请写成 2023-12-01 或 2023年12月1日，或使用日期单元格。',
  },
  'gantt.start-after-end': {
    message: (p) => `“${p.task}”的结束日期 ${p.end} 早于开始日期 ${p.start}。`,
    suggestion: () => '请交换两个日期或更正其中之一（结束当天计入工期：开始与结束同一天即为一天的任务）。',
  },
  'gantt.dependency-unknown': {
    message: (p) => `“${p.name}”不是本计划中的任务。`,
    suggestion: (p) => (p.closest ? `您是否想写“${p.closest}”？` : '请按“任务名称”列中的写法填写任务名称。'),
  },
  'gantt.cycle': {
    message: (p) => `这些任务相互等待，形成循环：${p.path.join(' → ')}。`,
    suggestion: () => '请删除其中一个依赖：循环中的任务永远无法开始。',
  },
  'gantt.link-type-invalid': {
    message: (p) => `“${p.input}”不是依赖类型。`,
    suggestion: () => '请使用 FS（完成-开始）、SS、FF 或 SF。',
  },
  'gantt.lag-invalid': {
    message: (p) => `延迟“${p.input}”不是整数天数。`,
    suggestion: () => '请写成 2、-1（提前）或 3天 这样的天数。',
  },
  'gantt.progress-invalid': {
    message: (p) => `进度“${p.input}”不是 0% 到 100% 之间的百分比。`,
    suggestion: () => '请写成 50% 或 0.5。',
  },
  'gantt.link-violated': {
    message: (p) => `“${p.task}”计划于 ${p.planned} 开始，但它依赖的任务（${p.dependsOn.join('、')}）最早只允许它在 ${p.earliest} 开始。`,
    suggestion: (p) => `请把开始日期改为 ${p.earliest}（结束日期随之顺延），或调整依赖。`,
  },
  'gantt.overdue': {
    message: (p) => `“${p.task}”应于 ${p.end} 结束（已逾期 ${p.daysLate} 天），目前完成 ${formatPercent(p.progress, 'zh-CN', 0)}。`,
    suggestion: () => '请更新进度，或重新计划结束日期。',
  },
  'gantt.owner-overlap': {
    message: (p) => `${p.owner} 在 ${p.from} 至 ${p.to} 同时负责“${p.task}”和“${p.other}”。`,
    suggestion: () => '请把其中一个任务交给他人，或错开时间。',
  },
  'gantt.owner-overlap-truncated': {
    message: (p) => `只列出了前 ${p.shown} 处负责人时间冲突。`,
  },
  'gantt.calendar-invalid': {
    message: (p) => `日历“${p.input}”既不是工作日也不是日历日。`,
    suggestion: () => '请写“日历：工作日”（周一至周五）或“日历：日历日”。',
  },
  'gantt.holiday-invalid': {
    message: (p) => `节假日“${p.input}”不是日期或日期区间。`,
    suggestion: () => '请写成 2024-01-01 这样的日期或 2024-02-10~2024-02-17 这样的区间，用顿号或逗号分隔。',
  },
  'gantt.holidays-ignored': {
    message: (p) => `列出了 ${p.count} 个节假日，但计划按日历日计算，节假日不起作用。`,
    suggestion: () => '请在表格上方写“日历：工作日”，以跳过周末和节假日。',
  },
};
