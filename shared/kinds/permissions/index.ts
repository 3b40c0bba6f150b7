import { defineKind } from '../definition';
import { PERMISSION_SPEC } from './spec';

export const PERMISSIONS_KIND = defineKind({
  kind: 'permissions',
  spec: PERMISSION_SPEC,
  keyFields: ['role'],
  rowLocal: false,
  subject: 'access',
  governance: true,
  words: {
    'zh-CN': { name: '权限矩阵', sheetName: '权限矩阵', purpose: '谁可以查看、导出、分析、修改或删除哪些数据：工作区的权限策略。' },
    'en-US': { name: 'Permission matrix', sheetName: 'Permission matrix', purpose: 'Who may view, export, analyse, modify or delete which data: the workspace policy.' },
  },
  template: { tableName: 'OpsPermissions', columns: {} },
});
