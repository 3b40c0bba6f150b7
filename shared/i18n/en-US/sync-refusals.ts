import type { SyncRefusalCatalog } from '../sync-refusal-catalog';

export const syncRefusalsEn: SyncRefusalCatalog = {
  'too-many-rows': (p) =>
    `A push may carry at most ${p.limit} rows and deletes (SYNC_MAX_ROWS); split it into delta pushes, or ask the administrator to raise SYNC_MAX_ROWS. Nothing was written.`,
  'row-keys': (p) => `${p.rows} row(s) have no natural key or repeat one; nothing was written.`,
  'other-department': (p) =>
    p.rows === 0
      ? `Your roles grant "${p.operation}" only for your own department, and this sheet holds no department. Nothing was written.`
      : `Your roles grant "${p.operation}" only for your own department; ${p.rows} row(s) belong to another. Nothing was written.`,
  'other-subject': (p) => `Your roles grant "${p.operation}" on other data than this sheet's (the data subject of your role in the permission matrix). Nothing was written.`,
  'delete-not-granted': (p) =>
    `This push removes ${p.rows} row(s) (listed, or left out of a full push), and your roles do not grant "delete" (删除) on them. Nothing was written: push the rows you keep as a delta, or ask someone with delete.`,
  'admin-only': (p) =>
    `The workspace's ${p.kind === 'permissions' ? 'permission matrix' : 'data classification'} is changed only by an administrator role with unmasked global modify (系统管理员 / 管理员 / admin). Nothing was written.`,
  'admin-lockout': () =>
    'This permission matrix would take away your own administrator rights: keep yourself (your e-mail address or one of your groups) as a member of an administrator role (系统管理员 / 管理员 / admin) with 修改 / modify on 全局 / global data, unmasked. Nothing was written.',
  'masked-value-unmatched': (p) =>
    `${p.rows} row(s) hold masked values (as you were shown them) that match no stored row, so they cannot be kept as they are; writing them would replace real data with masks. Nothing was written: pull the sheet again, or leave those cells as they were.`,
  'kind-mismatch': (p) => `The sheet exists with another kind than "${p.kind}".`,
  'key-reused': () => 'This Idempotency-Key was used with another request; use a fresh key for a new push.',
  'in-progress': () => 'A push with this Idempotency-Key is still being applied; retry shortly.',
  exists: () => 'The sheet already exists: pull it, then push with If-Match: "<revision>".',
  'not-found': () => 'No such sheet; create it with If-None-Match: *.',
  'stale-unknown': (p) => `If-Match names a revision this sheet never had; its revision is ${p.current}.`,
  'precondition-required': () => 'Send If-Match: "<revision>" (the revision your copy started from), or If-None-Match: * to create the sheet.',
  'groups-unavailable': () => 'Your group memberships could not be read from Microsoft Graph; try again shortly.',
};
