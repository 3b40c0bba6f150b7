import { defineKind } from '../definition';
import { TABLE_SPEC } from './spec';

export const TABLE_KIND = defineKind({
  kind: 'table',
  spec: TABLE_SPEC,
  keyFields: ['key'],
  rowLocal: false,
  // Business data (orders, payments): what 业务数据 / operations grants cover.
  subject: 'activity',
  governance: false,
  openColumns: true,
  words: {
    'zh-CN': { name: '数据表', sheetName: '数据表', purpose: '任意数据（如订单、支付记录）：一列“键”，其余各列按表头同步，供数据核对使用。' },
    'en-US': { name: 'Data table', sheetName: 'Data table', purpose: 'Any data (orders, payments…): a Key column, every other column synced under its header, for reconciliation.' },
  },
  template: { tableName: 'OpsDataTable', columns: { key: { numberFormat: '@' } } },
});
