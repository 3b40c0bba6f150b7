import type { TableSpec } from '../../table/columns';

/**
 * A permission matrix (handbook 四(二)1): one row per role. Cells are read by the policy engine
 * (shared/engine/policy.ts): 数据范围 / Data scope is 本部门… (own department) or 全局… (global),
 * "(脱敏)" / "masked" anywhere making it masked; 操作权限 / Operations are words of the closed
 * vocabulary 查看 导出 分析 修改 删除 (view export analyze modify delete); 成员 / Members are
 * e-mail addresses or group names ("张三 <zhangsan@example.cn>" counts as both the name and the
 * address when matching Gantt and KPI owners).
 */
export type PermissionField = 'role' | 'scope' | 'operations' | 'members';

export const PERMISSION_SPEC: TableSpec<PermissionField> = [
  { field: 'role', required: true, maxLength: 200, headers: ['用户角色', '角色', '用戶角色', '角色名称', '角色名稱', 'role', 'user role', 'role name'] },
  { field: 'scope', required: true, maxLength: 200, headers: ['数据范围', '數據範圍', '资料范围', '資料範圍', '数据权限范围', '范围', 'data scope', 'scope', 'data range'] },
  { field: 'operations', required: true, maxLength: 200, headers: ['操作权限', '操作權限', '权限', '權限', '操作', 'operations', 'permissions', 'allowed operations', 'rights'] },
  { field: 'members', required: false, maxLength: 20000, headers: ['成员', '成員', '人员', '人員', '用户组', '用戶組', 'members', 'member', 'users', 'groups', 'assigned to'] },
];
