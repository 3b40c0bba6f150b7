import type { ReconcileIssueParams } from '../../issues/codes-reconcile';
import type { MessageCatalog } from '../catalog';

const within = (tolerance: string) => (tolerance === '' ? '' : `（容差 ${tolerance}）`);
const shown = (value: string) => (value === '' ? '空' : `“${value}”`);

export const reconcileZh: MessageCatalog<ReconcileIssueParams> = {
  'reconcile.columns-invalid': {
    message: (p) => `“${p.input}”不是列名列表。`,
    suggestion: () => '列名之间用逗号或顿号分隔；两边列名不同时写作 左列=右列（如 total_amount=paid_amount）。',
  },
  'reconcile.tolerance-invalid': {
    message: (p) => `“${p.input}”不是有效的容差。`,
    suggestion: () => '请写一个数值（如 0.01）或较大值的百分比（如 0.5%）；留空表示必须完全一致。',
  },
  'reconcile.sheet-missing': {
    message: (p) => `规则“${p.rule}”：找不到工作表“${p.sheet}”。`,
    suggestion: () => '请按工作表标签上的名称填写（在服务端：已同步到此工作区的工作表）。',
  },
  'reconcile.column-missing': {
    message: (p) => `规则“${p.rule}”：工作表“${p.sheet}”没有包含列“${p.column}”（及规则其他列）的表头行。`,
    suggestion: () => '请按该表表头中的写法填写列名。',
  },
  'reconcile.key-empty': {
    message: (p) => `规则“${p.rule}”：这一行没有关联键，无法核对。`,
    suggestion: () => '请填写关联列。',
  },
  'reconcile.duplicate-key': {
    message: (p) => `规则“${p.rule}”：关联键“${p.key}”在这一侧重复出现，第一次在 ${p.first}，核对以第一行为准。`,
    suggestion: () => '请合并或删除其中一行。',
  },
  'reconcile.missing-left': {
    message: (p) => `规则“${p.rule}”：“${p.key}”在“${p.sheet}”中没有对应的行。`,
    suggestion: (p) => `请在“${p.sheet}”中补上“${p.key}”，或在确认不应存在时删除这一行。`,
  },
  'reconcile.missing-right': {
    message: (p) => `规则“${p.rule}”：“${p.key}”在“${p.sheet}”中没有对应的行。`,
    suggestion: (p) => `请在“${p.sheet}”中补上“${p.key}”，或在确认不应存在时删除这一行。`,
  },
  'reconcile.mismatch': {
    message: (p) => `规则“${p.rule}”：“${p.key}”的“${p.column}”此处为${shown(p.value)}，而 ${p.other} 为${shown(p.otherValue)}${within(p.tolerance)}。`,
    suggestion: () => '请核实哪一边正确，并更正另一边。',
  },
  'table.column-not-synced': {
    message: (p) =>
      p.reason === 'long'
        ? `列“${p.column}”不会同步：不是英文标识符（如 order_id）的表头最多 15 个字符。`
        : `列“${p.column}”不会同步：左侧已有同名的列。`,
    suggestion: (p) => (p.reason === 'long' ? '请缩短表头。' : '请为每一列使用不同的表头。'),
  },
};
