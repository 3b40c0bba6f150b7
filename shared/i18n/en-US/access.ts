import type { AccessIssueParams } from '../../issues/codes-access';
import type { MessageCatalog } from '../catalog';

const OPERATIONS = 'view, export, analyze, modify, delete (查看、导出、分析、修改、删除)';
const OPERATION_NAMES = { modify: 'modify', delete: 'delete' } as const;
const list = (items: readonly string[]) => items.join(', ');

export const accessEn: MessageCatalog<AccessIssueParams> = {
  'access.scope-invalid': {
    message: (p) => `“${p.input}” is not a data scope: it must name own department (本部门) or global (全局).`,
    suggestion: () => 'Write 本部门 / own department or 全局 / global, with (脱敏) / (masked) when core fields must be masked, e.g. 全局数据(脱敏).',
  },
  'access.subject-unknown': {
    message: (p) => `“${p.subject}” is not a data subject the service can enforce, so this role grants nothing.`,
    suggestion: () =>
      'Name one of: activity data (活动数据: metric values, dashboards), KPI (指标: KPI definitions and metric values), plan (计划: Gantt plans), user data (用户数据: synced users), access (权限: the matrix and the classification); or leave the subject out for all data.',
  },
  'access.operation-unknown': {
    message: (p) => `“${p.word}” is not an operation: use ${OPERATIONS}.`,
    suggestion: () => 'Split it into these operations, or remove it.',
  },
  'access.delete-without-modify': {
    message: (p) => `“${p.role}” may delete data it may not modify.`,
    suggestion: () => 'Grant modify too, or take delete away: least privilege.',
  },
  'access.export-core-data': {
    message: (p) => `“${p.role}” may export unmasked data, and ${list(p.fields)} are core fields.`,
    suggestion: () => 'Mark the scope (脱敏) / (masked), or take export away.',
  },
  'access.global-write-outside-admin': {
    message: (p) => `“${p.role}” may ${p.operations.map((o) => OPERATION_NAMES[o]).join(' and ')} data of every department without being an administrator.`,
    suggestion: () => 'Limit the scope to 本部门 (own department), or leave global writes to the administrator role.',
  },
  'access.role-without-members': {
    message: (p) => `Nobody holds the role “${p.role}”.`,
    suggestion: () => 'List its members (e-mail addresses or group names) in a Members column, or remove the role.',
  },
  'access.member-conflicting-scopes': {
    message: (p) => `${p.member} holds “${p.role}” and “${p.otherRole}” (${p.otherCell}), whose data scopes differ: the wider one applies.`,
    suggestion: () => 'Keep the member in one of the two roles.',
  },
  'access.owner-without-role': {
    message: (p) => `${p.owner} owns work here but holds no role in the permission matrix (${p.matrix}).`,
    suggestion: (p) => `Add ${p.owner} (or their e-mail address) to the members of a role.`,
  },
  'classification.class-invalid': {
    message: (p) => `“${p.input}” is not a data class.`,
    suggestion: () => 'Use public, internal or core (公开、内部、核心).',
  },
  'classification.rule-invalid': {
    message: (p) => `“${p.input}” is not a masking rule.`,
    suggestion: () => 'Use province only (只保留省份), age band (年龄段), hash (HMAC) or mask (掩码), or “none”.',
  },
  'classification.core-unmasked': {
    message: (p) => `“${p.field}” is a core field without a masking rule.`,
    suggestion: () => 'Give it a rule: province only, age band, hash (HMAC) or mask.',
  },
  'classification.masked-field-absent': {
    message: (p) => `“${p.field}” is masked here, but no sheet of this workbook holds a column or metric of that name.`,
    suggestion: (p) => (p.closest ? `Did you mean “${p.closest}”?` : 'Check the spelling against the data, or remove the row if the field no longer exists.'),
  },
};
