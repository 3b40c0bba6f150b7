import type { Refusal, RefusalCode } from '../issues/refusal';
import type { Locale } from './locale';

/**
 * What a person reads when a workbook is refused. The wording depends on `detail.reason`
 * where one code has several causes (a file too big on disk vs. too big in memory), and
 * quotes only sizes, limits and part or sheet names from `detail` — never cell contents.
 */
export function refusalMessage(r: Refusal, locale: Locale): string {
  return MESSAGES[locale][r.code](r.detail);
}

type Detail = Refusal['detail'];
type Render = (d: Detail) => string;

const num = (d: Detail, key: string): number | undefined => {
  const v = d[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};
const str = (d: Detail, key: string): string | undefined => {
  const v = d[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** 1536 → "1.5 KB"; binary units, as file managers show them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value >= 10 || unit === 0 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${shown} ${units[unit]}`;
}

const bytes = (d: Detail, key: string): string | undefined => {
  const n = num(d, key);
  return n === undefined ? undefined : formatBytes(n);
};

const en: Record<RefusalCode, Render> = {
  'too-large': (d) => {
    if (str(d, 'reason') === 'memory') {
      const mb = num(d, 'limitMb');
      return `The file was refused: reading it needs more than ${mb ?? 'the allowed'} MB of memory. Split the workbook or remove unused sheets.`;
    }
    const size = bytes(d, 'fileBytes');
    const limit = bytes(d, 'limitBytes');
    return `The file was refused: it is ${size ?? 'too large'}${limit ? `, more than the ${limit} limit` : ''}. Split the workbook or remove unused sheets.`;
  },
  'not-xlsx': (d) =>
    str(d, 'reason') === 'no-workbook'
      ? 'The file was refused: it is a zip archive but holds no Excel workbook. Save it from Excel as .xlsx.'
      : 'The file was refused: it is not an .xlsx workbook. Save it from Excel as "Excel Workbook (*.xlsx)".',
  'encrypted-or-legacy': () =>
    'The file was refused: it is password-protected or in the old .xls format. Remove the password, or save it from Excel as .xlsx.',
  'zip-bomb': (d) => {
    switch (str(d, 'reason')) {
      case 'entry-count':
        return `The file was refused: it holds ${num(d, 'entries') ?? 'too many'} parts, more than the ${num(d, 'limitEntries') ?? 'allowed number'} a workbook may have (a zip bomb?).`;
      case 'ratio':
        return `The file was refused: part ${str(d, 'part') ?? ''} is compressed more than ${num(d, 'limitRatio') ?? 'the allowed'} times (a zip bomb?).`;
      case 'size-mismatch':
        return `The file was refused: part ${str(d, 'part') ?? ''} expands to more than its declared size (a zip bomb?).`;
      default:
        return `The file was refused: it expands to more than ${bytes(d, 'limitBytes') ?? 'the allowed size'} (a zip bomb?).`;
    }
  },
  'too-many-cells': (d) =>
    `The file was refused: it has more than ${num(d, 'limitCells')?.toLocaleString('en-US') ?? 'the allowed number of'} cells${str(d, 'sheet') ? ` (sheet "${str(d, 'sheet')}")` : ''}. Split the workbook or delete unused rows and columns.`,
  timeout: (d) =>
    `The file was refused: ${str(d, 'reason') === 'analysis' ? 'checking' : 'reading'} it took longer than ${num(d, 'limitSeconds') ?? 'the allowed'} seconds. Split the workbook or remove unused sheets.`,
  corrupt: (d) => {
    const where = str(d, 'sheet') ? ` (sheet "${str(d, 'sheet')}")` : str(d, 'part') ? ` (part ${str(d, 'part')})` : '';
    return `The file was refused: it is damaged and cannot be read${where}. Open it in Excel, let Excel repair it, and save it again.`;
  },
};

const zh: Record<RefusalCode, Render> = {
  'too-large': (d) => {
    if (str(d, 'reason') === 'memory') {
      const mb = num(d, 'limitMb');
      return `文件被拒绝：读取它需要超过 ${mb ?? '允许的'} MB 内存。请拆分工作簿或删除不用的工作表。`;
    }
    const size = bytes(d, 'fileBytes');
    const limit = bytes(d, 'limitBytes');
    return `文件被拒绝：文件大小为 ${size ?? '过大'}${limit ? `，超过了 ${limit} 的上限` : ''}。请拆分工作簿或删除不用的工作表。`;
  },
  'not-xlsx': (d) =>
    str(d, 'reason') === 'no-workbook'
      ? '文件被拒绝：这是一个 zip 压缩包，但其中没有 Excel 工作簿。请在 Excel 中另存为 .xlsx。'
      : '文件被拒绝：这不是 .xlsx 工作簿。请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”。',
  'encrypted-or-legacy': () =>
    '文件被拒绝：文件设置了密码，或是旧的 .xls 格式。请取消密码，或在 Excel 中另存为 .xlsx。',
  'zip-bomb': (d) => {
    switch (str(d, 'reason')) {
      case 'entry-count':
        return `文件被拒绝：它包含 ${num(d, 'entries') ?? '过多'} 个部件，超过了工作簿允许的 ${num(d, 'limitEntries') ?? ''} 个（疑似 zip 炸弹）。`;
      case 'ratio':
        return `文件被拒绝：部件 ${str(d, 'part') ?? ''} 的压缩比超过 ${num(d, 'limitRatio') ?? '允许值'} 倍（疑似 zip 炸弹）。`;
      case 'size-mismatch':
        return `文件被拒绝：部件 ${str(d, 'part') ?? ''} 解压后超过了它声明的大小（疑似 zip 炸弹）。`;
      default:
        return `文件被拒绝：解压后超过 ${bytes(d, 'limitBytes') ?? '允许的大小'}（疑似 zip 炸弹）。`;
    }
  },
  'too-many-cells': (d) =>
    `文件被拒绝：单元格数量超过 ${num(d, 'limitCells')?.toLocaleString('en-US') ?? '允许的上限'}${str(d, 'sheet') ? `（工作表“${str(d, 'sheet')}”）` : ''}。请拆分工作簿或删除不用的行和列。`,
  timeout: (d) =>
    `文件被拒绝：${str(d, 'reason') === 'analysis' ? '检查' : '读取'}时间超过 ${num(d, 'limitSeconds') ?? '允许的'} 秒。请拆分工作簿或删除不用的工作表。`,
  corrupt: (d) => {
    const where = str(d, 'sheet') ? `（工作表“${str(d, 'sheet')}”）` : str(d, 'part') ? `（部件 ${str(d, 'part')}）` : '';
    return `文件被拒绝：文件已损坏，无法读取${where}。请在 Excel 中打开，让 Excel 修复后重新保存。`;
  },
};

const MESSAGES: Record<Locale, Record<RefusalCode, Render>> = { 'en-US': en, 'zh-CN': zh };
