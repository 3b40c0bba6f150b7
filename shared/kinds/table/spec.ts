import type { TableSpec } from '../../table/columns';

/**
 * A plain data table (orders, payments, a CRM extract): any header row with a key column, so
 * that the data a reconciliation rule compares can be synced like any sheet. The key column
 * is headed 键 / Key, or marks its own header: `order_id（键）`, `order_id (key)`. Every other
 * column is synced under its header (shared/kinds/table/field-names.ts).
 */
export type TableField = 'key';

export const TABLE_SPEC: TableSpec<TableField> = [
  { field: 'key', required: true, maxLength: 200, headers: ['键', '鍵', '主键', '主鍵', '关联键', '關聯鍵', 'key', 'row key'] },
];
