import type { AccessIssueParams } from '../../issues/codes-access';
import type { MessageCatalog } from '../catalog';

const OPERATIONS = '查看、导出、分析、修改、删除';
const OPERATION_NAMES = { modify: '修改', delete: '删除' } as const;
const list = (items: readonly string[]) => items.join('、');

export const accessZh: MessageCatalog<AccessIssueParams> = {
  'access.scope-invalid': {
    message: (p) => `“${p.input}”不是数据范围：应为“本部门”或“全局”。`,
    suggestion: () => '请写“本部门…”或“全局…”，核心字段需脱敏时加“(脱敏)”，例如 全局数据(脱敏)。',
  },
  'access.subject-unknown': {
    message: (p) => `“${p.subject}”不是服务能够执行的数据主题，因此该角色不授予任何权限。`,
    suggestion: () => '请写：活动数据（指标值、数据看板）、指标（KPI 定义与指标值）、计划（甘特图）、用户数据（同步的用户）、权限（权限矩阵与数据分类）之一；或不写主题，表示全部数据。',
  },
  'access.operation-unknown': {
    message: (p) => `“${p.word}”不是操作权限，可用的操作为：${OPERATIONS}。`,
    suggestion: () => '请改写为上述操作，或删除该词。',
  },
  'access.delete-without-modify': {
    message: (p) => `“${p.role}”可以删除数据，却不能修改数据。`,
    suggestion: () => '请同时授予“修改”，或取消“删除”（最小权限原则）。',
  },
  'access.export-core-data': {
    message: (p) => `“${p.role}”可以导出未脱敏的数据，而 ${list(p.fields)} 是核心字段。`,
    suggestion: () => '请将数据范围标注为“(脱敏)”，或取消“导出”。',
  },
  'access.global-write-outside-admin': {
    message: (p) => `“${p.role}”不是管理员，却可以${p.operations.map((o) => OPERATION_NAMES[o]).join('、')}所有部门的数据。`,
    suggestion: () => '请将数据范围限定为“本部门”，或只让管理员角色在全局范围内修改、删除。',
  },
  'access.role-without-members': {
    message: (p) => `没有人担任角色“${p.role}”。`,
    suggestion: () => '请在“成员”列中列出其成员（邮箱地址或用户组名称），或删除该角色。',
  },
  'access.member-conflicting-scopes': {
    message: (p) => `${p.member} 同时担任“${p.role}”和“${p.otherRole}”（${p.otherCell}），两者的数据范围不同，将按较宽的范围生效。`,
    suggestion: () => '请只保留其中一个角色。',
  },
  'access.owner-without-role': {
    message: (p) => `${p.owner} 在此负责工作，但在权限矩阵（${p.matrix}）中没有任何角色。`,
    suggestion: (p) => `请把 ${p.owner}（或其邮箱地址）加入某个角色的成员。`,
  },
  'classification.class-invalid': {
    message: (p) => `“${p.input}”不是数据级别。`,
    suggestion: () => '请使用 公开、内部 或 核心。',
  },
  'classification.rule-invalid': {
    message: (p) => `“${p.input}”不是脱敏规则。`,
    suggestion: () => '请使用 只保留省份、年龄段、哈希（HMAC）或 掩码，或写“无”。',
  },
  'classification.core-unmasked': {
    message: (p) => `核心字段“${p.field}”没有脱敏规则。`,
    suggestion: () => '请指定脱敏规则：只保留省份、年龄段、哈希（HMAC）或 掩码。',
  },
  'classification.masked-field-absent': {
    message: (p) => `“${p.field}”在此被要求脱敏，但本工作簿中没有同名的列或指标。`,
    suggestion: (p) => (p.closest ? `您是否想写“${p.closest}”？` : '请对照数据检查字段名，若该字段已不存在请删除此行。'),
  },
};
