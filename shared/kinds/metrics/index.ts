import { defineKind } from '../definition';
import { METRIC_SPEC } from './spec';

/** Metric values are checked a row at a time (a period, a number): rowLocal. */
export const METRICS_KIND = defineKind({
  kind: 'metrics',
  spec: METRIC_SPEC,
  keyFields: ['period', 'department', 'metric'],
  rowLocal: true,
  subject: 'activity',
  governance: false,
  words: {
    'zh-CN': { name: '指标数据', sheetName: '指标数据', purpose: '按期间和部门记录的实际数值，供 KPI 公式读取。' },
    'en-US': { name: 'Metric values', sheetName: 'Metric values', purpose: 'The measured values per period and department that KPI formulas read.' },
  },
  // Typed into a General cell, "2024-03" becomes the 1st of March: periods stay text.
  template: { tableName: 'OpsMetrics', columns: { period: { numberFormat: '@' } } },
});
