import type { TableIssueParams } from '../../issues/codes-table';
import type { MessageCatalog } from '../catalog';

export const tableEn: MessageCatalog<TableIssueParams> = {
  'cell.required': { message: (p) => `“${p.column}” is required.` },
  'row.duplicate-key': {
    message: (p) => `“${p.key}” appears twice; the first one is at ${p.first}.`,
    suggestion: () => 'Rename or remove one of the two rows.',
  },
};
