import type { ReconcileIssueParams } from '../../issues/codes-reconcile';
import type { MessageCatalog } from '../catalog';

const within = (tolerance: string) => (tolerance === '' ? '' : ` (tolerance ${tolerance})`);

export const reconcileEn: MessageCatalog<ReconcileIssueParams> = {
  'reconcile.columns-invalid': {
    message: (p) => `“${p.input}” is not a list of columns.`,
    suggestion: () => 'Separate headers with commas; write a column named differently on the two sides as left=right (total_amount=paid_amount).',
  },
  'reconcile.tolerance-invalid': {
    message: (p) => `“${p.input}” is not a tolerance.`,
    suggestion: () => 'Write an amount (0.01) or a share of the larger value (0.5%), or leave it empty for exact agreement.',
  },
  'reconcile.sheet-missing': {
    message: (p) => `Rule “${p.rule}”: there is no sheet “${p.sheet}”.`,
    suggestion: () => 'Write the sheet’s name as on its tab (on the service: a sheet synced to this workspace).',
  },
  'reconcile.column-missing': {
    message: (p) => `Rule “${p.rule}”: sheet “${p.sheet}” has no header row with the column “${p.column}” (and the rule’s other columns).`,
    suggestion: () => 'Write the header exactly as in the sheet’s header row.',
  },
  'reconcile.key-empty': {
    message: (p) => `Rule “${p.rule}”: this row has no key, so it is not reconciled.`,
    suggestion: () => 'Fill in the key cells.',
  },
  'reconcile.duplicate-key': {
    message: (p) => `Rule “${p.rule}”: the key “${p.key}” appears twice on this side; the first one is at ${p.first}, which is the one compared.`,
    suggestion: () => 'Merge or remove one of the two rows.',
  },
  'reconcile.missing-left': {
    message: (p) => `Rule “${p.rule}”: “${p.key}” has no row in “${p.sheet}”.`,
    suggestion: (p) => `Add “${p.key}” to “${p.sheet}”, or remove this row if it should not exist.`,
  },
  'reconcile.missing-right': {
    message: (p) => `Rule “${p.rule}”: “${p.key}” has no row in “${p.sheet}”.`,
    suggestion: (p) => `Add “${p.key}” to “${p.sheet}”, or remove this row if it should not exist.`,
  },
  'reconcile.mismatch': {
    message: (p) =>
      `Rule “${p.rule}”: “${p.column}” of “${p.key}” is ${p.value === '' ? 'empty' : `“${p.value}”`} here but ${p.otherValue === '' ? 'empty' : `“${p.otherValue}”`} at ${p.other}${within(p.tolerance)}.`,
    suggestion: () => 'Find which side is right and correct the other.',
  },
  'table.column-not-synced': {
    message: (p) =>
      p.reason === 'long'
        ? `The column “${p.column}” is not synced: a header that is not a plain identifier (order_id) may have at most 15 characters.`
        : `The column “${p.column}” is not synced: a column to its left has the same header.`,
    suggestion: (p) => (p.reason === 'long' ? 'Shorten the header.' : 'Give each column a header of its own.'),
  },
};
