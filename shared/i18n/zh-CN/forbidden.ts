import type { Operation } from '../../engine/policy/types';
import type { ForbiddenCatalog } from '../forbidden-catalog';

/** The permission matrix's own words for its operations. */
const OPERATION: Readonly<Record<Operation, string>> = { view: '查看', export: '导出', analyze: '分析', modify: '修改', delete: '删除' };

export const forbiddenZh: ForbiddenCatalog = {
  reasons: {
    'no-policy': () => '此工作区尚未同步权限矩阵：请其管理员从“权限矩阵”工作表同步。',
    'no-role': () => '您在此工作区的权限矩阵中没有任何角色。',
    'operation-not-granted': (p) => `您在此工作区的角色没有“${OPERATION[p.operation]}”权限。`,
    'other-department': (p) =>
      p.subject === 'users'
        ? `您的角色只允许对本部门数据执行“${OPERATION[p.operation]}”，而用户记录不属于任何部门。`
        : `您的角色只允许对本部门数据执行“${OPERATION[p.operation]}”${p.hasDepartment ? '' : '，而您的账户没有部门'}。`,
    'other-subject': (p) => `您的角色只对其他数据（权限矩阵中角色的数据主题）授予“${OPERATION[p.operation]}”，不包括此数据。`,
  },
  where: {
    path: (ws) => `此请求针对路径中指定的工作区“${ws}”；如需其他工作区，请使用 /api/v1/workspaces/<名称>/…。`,
    query: (ws) => `此请求针对 ?workspace= 指定的工作区“${ws}”；如需其他工作区，请发送 ?workspace=<名称>。`,
    header: (ws) => `此请求针对 X-Workspace 请求头指定的工作区“${ws}”；如需其他工作区，请发送 X-Workspace: <名称> 或 ?workspace=<名称>。`,
    default: (ws) =>
      `此请求未指定工作区，因此使用了用户同步的默认工作区“${ws}”（USER_SYNC_WORKSPACE）；如需其他工作区，请发送 ?workspace=<名称> 或 X-Workspace: <名称> 请求头。`,
  },
};
