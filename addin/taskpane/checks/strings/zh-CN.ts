import type { CheckStatusStrings } from './types';

export const zhCN: CheckStatusStrings = {
  unreadable: (sheet) => `本次无法读取“${sheet}”，因此未列出其问题。`,
  unreadableHint: '该工作表下次更改后或点击“立即检查”时会再次检查。',
  busy: (sheets) => `正在等待 Excel 结束单元格编辑，随后重新检查 ${sheets}。`,
  code: (code) => `Excel：${code}`,
};
