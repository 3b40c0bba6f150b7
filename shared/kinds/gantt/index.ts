import { defineKind } from '../definition';
import { GANTT_SPEC } from './spec';

export const GANTT_KIND = defineKind({
  kind: 'gantt',
  spec: GANTT_SPEC,
  keyFields: ['task'],
  rowLocal: false,
  subject: 'plan',
  governance: false,
  words: {
    'zh-CN': { name: '甘特计划', sheetName: '甘特计划', purpose: '任务的日期、负责人和依赖关系：据此排期并找出关键路径。' },
    'en-US': { name: 'Gantt plan', sheetName: 'Gantt plan', purpose: 'Tasks with dates, owners and dependencies: the schedule and its critical path.' },
  },
  template: {
    tableName: 'OpsPlan',
    columns: {
      start: { numberFormat: 'yyyy-mm-dd' },
      end: { numberFormat: 'yyyy-mm-dd' },
      progress: { numberFormat: '0%' },
      linkType: { choices: () => ['FS', 'SS', 'FF', 'SF'] },
    },
  },
});
