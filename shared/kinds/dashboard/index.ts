import { defineKind } from '../definition';
import { DASHBOARD_SPEC } from './spec';

export const DASHBOARD_KIND = defineKind({
  kind: 'dashboard',
  spec: DASHBOARD_SPEC,
  keyFields: ['metric'],
  rowLocal: false,
  subject: 'activity',
  governance: false,
  words: {
    'zh-CN': { name: '看板指标', sheetName: '看板指标', purpose: '看板展示的指标、数据来源和目标范围。' },
    'en-US': { name: 'Dashboard metrics', sheetName: 'Dashboard metrics', purpose: 'The metrics a dashboard shows, where each comes from and its target range.' },
  },
  template: { tableName: 'OpsDashboard', columns: { target: { numberFormat: '@' } } },
});
