import type { TableSpec } from '../../table/columns';

/**
 * Reconciliation rules (handbook 三(二)3, 数据一致性校验): one row per rule. A rule joins two
 * sheets of the workbook (or of the workspace, on the service) on key columns and says which
 * columns must agree, numbers within a tolerance. Read by shared/reconcile/.
 *
 * 关联列 / Key columns and 比对列 / Compare columns list column headers separated by 、 ， , ;
 * or line breaks; a column named differently on the two sides is written `left=right`
 * (`total_amount=paid_amount`).
 */
export type ReconcileField = 'rule' | 'left' | 'right' | 'keys' | 'compare' | 'tolerance';

export const RECONCILE_SPEC: TableSpec<ReconcileField> = [
  {
    field: 'rule',
    required: true,
    maxLength: 200,
    headers: ['校验规则', '核对规则', '对账规则', '校驗規則', '核對規則', '對賬規則', '规则名称', 'rule', 'reconciliation rule', 'reconcile rule'],
  },
  { field: 'left', required: true, maxLength: 200, headers: ['左表', '左侧表', '左側表', '主表', 'left sheet', 'left table', 'left'] },
  { field: 'right', required: true, maxLength: 200, headers: ['右表', '右侧表', '右側表', '对照表', '對照表', 'right sheet', 'right table', 'right'] },
  {
    field: 'keys',
    required: true,
    maxLength: 1000,
    headers: ['关联列', '關聯列', '关联字段', '關聯字段', '关联键', 'key columns', 'join columns', 'join on', 'keys'],
  },
  {
    field: 'compare',
    required: false,
    maxLength: 1000,
    headers: ['比对列', '比對列', '核对列', '核對列', '对比列', '對比列', 'compare columns', 'columns to compare', 'compare'],
  },
  { field: 'tolerance', required: false, maxLength: 100, headers: ['容差', '允许误差', '允許誤差', '误差', '誤差', 'tolerance', 'allowed difference'] },
];
