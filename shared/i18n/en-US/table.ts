import type { TableIssueParams } from '../../issues/codes-table';
import type { MessageCatalog } from '../catalog';

export const tableEn: MessageCatalog<TableIssueParams> = {
  'cell.required': { message: (p) => `“${p.column}” is required.` },
  'cell.too-long': {
    message: (p) => `“${p.column}” holds ${p.length} characters; at most ${p.limit} are read here, so this row is not checked.`,
    suggestion: () => 'Shorten the text (notes belong in a column of their own).',
  },
  'sheet.analysis-timeout': {
    message: (p) => `This sheet's checks took longer than ${p.seconds} seconds and were stopped: its issues are not known. The data was stored.`,
    suggestion: () => 'Split the sheet, or check it in Excel, where the checks run on your own computer.',
  },
  'row.duplicate-key': {
    message: (p) => `“${p.key}” appears twice; the first one is at ${p.first}.`,
    suggestion: () => 'Rename or remove one of the two rows.',
  },
};
