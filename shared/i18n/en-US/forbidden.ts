import type { ForbiddenCatalog } from '../forbidden-catalog';

export const forbiddenEn: ForbiddenCatalog = {
  reasons: {
    'no-policy': () => 'No permission matrix has been synced for this workspace yet: its administrator syncs one from the 权限矩阵 sheet.',
    'no-role': () => "You hold no role in this workspace's permission matrix.",
    'operation-not-granted': (p) => `Your roles in this workspace do not grant "${p.operation}".`,
    'other-department': (p) =>
      p.subject === 'users'
        ? `Your roles grant "${p.operation}" only for your own department, and user records belong to none.`
        : `Your roles grant "${p.operation}" only for your own department${p.hasDepartment ? '' : ', and your account has no department'}.`,
    'other-subject': (p) => `Your roles grant "${p.operation}" on other data than this (see the data subject of your role in the permission matrix).`,
  },
  where: {
    path: (ws) => `The request is about workspace "${ws}", named in its path; for another, use /api/v1/workspaces/<name>/….`,
    query: (ws) => `The request is about workspace "${ws}", named by ?workspace=; for another, send ?workspace=<name>.`,
    header: (ws) => `The request is about workspace "${ws}", named by its X-Workspace header; for another, send X-Workspace: <name> or ?workspace=<name>.`,
    default: (ws) =>
      `The request names no workspace, so it went to "${ws}", the user sync's default (USER_SYNC_WORKSPACE); for another, send ?workspace=<name> or an X-Workspace: <name> header.`,
  },
};
