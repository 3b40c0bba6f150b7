import type { MaskingRule } from '../../../shared/engine/masking';
import { KEY_FIELDS, KIND_SPECS } from '../../../shared/kinds/kind-specs';
import type { SheetKind } from '../../../shared/kinds/sheet-kind';
import type { CellValue } from '../../../shared/table/grid';
import type { MaskValue } from './mask-value';
import { ruleOf, type MaskingRules } from './rules';

export type Cells = Readonly<Record<string, CellValue>>;

/**
 * The classification applied to the rows of one sheet kind. A kind's field is masked when the
 * classification names any of its headers (负责人 / owner…): the classification speaks the
 * language of the sheets, not our field ids. When a key field is masked the row key would carry
 * its value, so the key leaves as a pseudonym of itself.
 */
export interface SheetMasking {
  /** Whether any field of this kind is masked (nothing to do otherwise). */
  readonly active: boolean;
  readonly fields: ReadonlyMap<string, MaskingRule>;
  cells(cells: Cells): Record<string, CellValue>;
  key(key: string): string;
}

export function sheetMasking(kind: SheetKind, rules: MaskingRules, mask: MaskValue): SheetMasking {
  const fields = new Map<string, MaskingRule>();
  for (const column of KIND_SPECS[kind]) {
    for (const header of column.headers) {
      const rule = ruleOf(rules, header);
      if (rule !== null) {
        fields.set(column.field, rule);
        break;
      }
    }
  }
  const keyMasked = KEY_FIELDS[kind].some((f) => fields.has(f));
  const specFields = new Set(KIND_SPECS[kind].map((c) => c.field));
  return {
    // A row may carry fields beyond its kind's columns (a push accepts any field id), so masking
    // is never skipped while any rule exists: such a field is judged by its own name below.
    active: rules.byKey.size > 0,
    fields,
    cells(cells) {
      const out: Record<string, CellValue> = { ...cells };
      for (const [field, value] of Object.entries(cells)) {
        const rule = specFields.has(field) ? fields.get(field) : ruleOf(rules, field);
        if (rule !== undefined && rule !== null) out[field] = mask(rule, value);
      }
      return out;
    },
    key: (key) => (keyMasked ? String(mask('hash', key)) : key),
  };
}
