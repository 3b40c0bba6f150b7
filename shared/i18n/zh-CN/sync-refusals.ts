import type { SyncRefusalCatalog } from '../sync-refusal-catalog';

export const syncRefusalsZh: SyncRefusalCatalog = {
  'too-many-rows': (p) => `一次推送最多 ${p.limit} 行（含删除，SYNC_MAX_ROWS）；请拆成增量推送，或请管理员调高 SYNC_MAX_ROWS。未写入任何数据。`,
  'row-keys': (p) => `${p.rows} 行缺少主键或主键重复；未写入任何数据。`,
  'other-department': (p) =>
    p.rows === 0
      ? `您的角色只允许对本部门数据执行“${p.operation}”，而此工作表没有部门列。未写入任何数据。`
      : `您的角色只允许对本部门数据执行“${p.operation}”；其中 ${p.rows} 行属于其他部门。未写入任何数据。`,
  'other-subject': (p) => `您的角色只对其他数据（权限矩阵中角色的数据主题）授予“${p.operation}”，不包括此工作表的数据。未写入任何数据。`,
  'delete-not-granted': (p) =>
    `此次推送会删除 ${p.rows} 行（明确删除，或在完整推送中被省略），而您的角色没有这些行的“删除”权限。未写入任何数据：请以增量方式推送要保留的行，或请有删除权限的人操作。`,
  'admin-only': (p) =>
    `工作区的${p.kind === 'permissions' ? '权限矩阵' : '数据分类'}只能由拥有全局、未脱敏修改权限的管理员角色（系统管理员 / 管理员）修改。未写入任何数据。`,
  'admin-lockout': () =>
    '此权限矩阵会取消您自己的管理员权限：请保留您本人（邮箱或所在组）为管理员角色（系统管理员 / 管理员）的成员，且该角色对全局数据拥有未脱敏的“修改”权限。未写入任何数据。',
  'masked-value-unmatched': (p) =>
    `${p.rows} 行包含脱敏值（即您看到的形式），但无法与任何已存储的行对应，若写入会用脱敏值覆盖真实数据。未写入任何数据：请重新拉取工作表，或保持这些单元格不变。`,
  'kind-mismatch': (p) => `该工作表已以另一种类型存在，不是“${p.kind}”。`,
  'key-reused': () => '此 Idempotency-Key 已用于另一个请求；新的推送请使用新的键。',
  'in-progress': () => '使用此 Idempotency-Key 的推送仍在处理中；请稍后重试。',
  exists: () => '工作表已存在：请先拉取，再以 If-Match: "<版本>" 推送。',
  'not-found': () => '没有这个工作表；请用 If-None-Match: * 创建。',
  'stale-unknown': (p) => `If-Match 指定的版本在此工作表中不存在；当前版本为 ${p.current}。`,
  'precondition-required': () => '请发送 If-Match: "<版本>"（您的副本所基于的版本），或发送 If-None-Match: * 以创建工作表。',
  'groups-unavailable': () => '无法从 Microsoft Graph 读取您所在的组；请稍后重试。',
};
