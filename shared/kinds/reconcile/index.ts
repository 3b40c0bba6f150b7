import { defineKind } from '../definition';
import { RECONCILE_SPEC } from './spec';

export const RECONCILE_KIND = defineKind({
  kind: 'reconcile',
  spec: RECONCILE_SPEC,
  keyFields: ['rule'],
  // A repeated rule name is found across rows; what comparing the sheets finds lands on the data sheets.
  rowLocal: false,
  subject: 'activity',
  governance: false,
  words: {
    'zh-CN': { name: '数据核对规则', sheetName: '数据核对', purpose: '两张表按关联列逐行核对：不一致的值、一方缺少的行、重复的关联键。' },
    'en-US': {
      name: 'Reconciliation rules',
      sheetName: 'Reconciliation',
      purpose: 'Two sheets matched row by row on key columns: values that disagree, rows missing on either side, duplicate keys.',
    },
  },
  template: { tableName: 'OpsReconcile', columns: { keys: { numberFormat: '@' }, compare: { numberFormat: '@' }, tolerance: { numberFormat: '@' } } },
});
