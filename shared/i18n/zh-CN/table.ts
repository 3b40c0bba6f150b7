import type { TableIssueParams } from '../../issues/codes-table';
import type { MessageCatalog } from '../catalog';

export const tableZh: MessageCatalog<TableIssueParams> = {
  'cell.required': { message: (p) => `“${p.column}”不能为空。` },
  'row.duplicate-key': {
    message: (p) => `“${p.key}”重复出现，第一次在 ${p.first}。`,
    suggestion: () => '请重命名或删除其中一行。',
  },
};
