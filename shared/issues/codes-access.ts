/** Permission matrices, data classification, and the checks that join them to other sheets. */
export interface AccessIssueParams {
  /** A data-scope cell that names neither 本部门 (own department) nor 全局 (global). */
  'access.scope-invalid': { input: string };
  /** The subject of a data scope ("本部门活动数据" → 活动数据) is outside the vocabulary of shared/engine/subjects.ts: the row grants nothing. */
  'access.subject-unknown': { subject: string };
  /** A word of the operations cell outside the closed vocabulary (查看 导出 分析 修改 删除). */
  'access.operation-unknown': { word: string };
  /** Least privilege: delete granted without modify. */
  'access.delete-without-modify': { role: string };
  /** Least privilege: export of an unmasked scope while these fields are core. */
  'access.export-core-data': { role: string; fields: string[] };
  /** Least privilege: modify/delete over every department by a role that is not an administrator. */
  'access.global-write-outside-admin': { role: string; operations: ('modify' | 'delete')[] };
  /** Least privilege: nobody holds the role. */
  'access.role-without-members': { role: string };
  /** Least privilege: a member in two roles whose scopes differ; `otherCell` is the other role's cell. */
  'access.member-conflicting-scopes': { role: string; member: string; otherRole: string; otherCell: string };
  /** A Gantt or KPI owner who is a member of no role of the matrix (`matrix` = its sheet). */
  'access.owner-without-role': { owner: string; matrix: string };
  /** A class cell that is not 公开 / 内部 / 核心 (public / internal / core). */
  'classification.class-invalid': { input: string };
  /** A masking cell that names no known rule. */
  'classification.rule-invalid': { input: string };
  /** A core field without a masking rule. */
  'classification.core-unmasked': { field: string };
  /** A masked field that no data sheet, metric or column of the workbook holds. */
  'classification.masked-field-absent': { field: string; closest: string | null };
}
