import type { TableIssueParams } from '../../issues/codes-table';
import type { MessageCatalog } from '../catalog';

export const tableZh: MessageCatalog<TableIssueParams> = {
  'cell.required': { message: (p) => `“${p.column}”不能为空。` },
  'cell.too-long': {
    message: (p) => `“${p.column}”有 ${p.length} 个字符，此处最多读取 ${p.limit} 个，因此不检查这一行。`,
    suggestion: () => '请缩短文字（备注请另设一列）。',
  },
  'sheet.analysis-timeout': {
    message: (p) => `此工作表的检查超过 ${p.seconds} 秒，已停止：其问题未知。数据已保存。`,
    suggestion: () => '请拆分工作表，或在 Excel 中检查（检查在您自己的电脑上运行）。',
  },
  'row.duplicate-key': {
    message: (p) => `“${p.key}”重复出现，第一次在 ${p.first}。`,
    suggestion: () => '请重命名或删除其中一行。',
  },
};
