import type { MaskingRule } from '../../../shared/engine/masking';
import { isIdentifierNumber, replaceIdentifierShapes } from '../../../shared/engine/identifier-shapes';
import { KEY_FIELDS, KIND_SPECS } from '../../../shared/kinds/kind-specs';
import { KIND_DEFINITIONS } from '../../../shared/kinds/definitions';
import type { SheetKind } from '../../../shared/kinds/sheet-kind';
import { columnHeader } from '../../../shared/kinds/table/field-names';
import type { CellValue } from '../../../shared/table/grid';
import type { MaskValue } from './mask-value';
import { extraRule, ruleOf, type MaskingRules } from './rules';

export type Cells = Readonly<Record<string, CellValue>>;

/** What is masked: the rows of a sheet kind, or the records of the handbook's user sync. */
export type MaskedData = SheetKind | 'users';

/**
 * The one rule by which every value leaves the service for a masked caller, field by field:
 *
 * - a column of the sheet kind is masked by the classification when it names any of the
 *   column's headers (负责人 / owner…): the classification speaks the language of the sheets;
 * - any other field (an extra field of a row, a field of a user record) is judged by its own
 *   name, failing closed (rules.ts `extraRule`);
 * - a value that is left readable still has its identifier-shaped parts (mobile, ID-card and
 *   bank-card numbers, e-mail addresses) replaced by pseudonyms; numbers in the kind's own
 *   columns are measurements and are left alone;
 * - a row key leaves as a pseudonym of itself when a key field is masked, else with its
 *   identifier-shaped parts replaced, like any text.
 *
 * Deterministic: the same value under the same rule masks the same way, which is what lets a
 * masked caller's unchanged values be recognised when they come back (round-trip.ts).
 */
export interface SheetMasking {
  /** Rules of the kind's own columns that the classification masks. */
  readonly fields: ReadonlyMap<string, MaskingRule>;
  cell(field: string, value: CellValue): CellValue;
  cells(cells: Cells): Record<string, CellValue>;
  key(key: string): string;
}

export function sheetMasking(data: MaskedData, rules: MaskingRules, mask: MaskValue, pseudonym: (core: string) => string): SheetMasking {
  const spec = data === 'users' ? [] : KIND_SPECS[data];
  const fields = new Map<string, MaskingRule>();
  for (const column of spec) {
    for (const header of column.headers) {
      const rule = ruleOf(rules, header);
      if (rule !== null) {
        fields.set(column.field, rule);
        break;
      }
    }
  }
  const specFields = new Set(spec.map((c) => c.field));
  const openColumns = data !== 'users' && KIND_DEFINITIONS[data].openColumns === true;
  if (openColumns) {
    // A data table's key may be any column (an order number, a user id, marked `user_id（键）`),
    // whose own name the service does not see: it fails closed, as a pseudonym (which still
    // joins: one value, one pseudonym), unless the classification lists 键 / Key as public or internal.
    for (const field of KEY_FIELDS[data]) {
      const headers = spec.find((c) => c.field === field)?.headers ?? [];
      if (!fields.has(field) && !headers.some((h) => extraRule(rules, h) === null)) fields.set(field, 'hash');
    }
  }
  const keyMasked = data !== 'users' && KEY_FIELDS[data].some((f) => fields.has(f));
  const shapes = (text: string): string => replaceIdentifierShapes(text, (core) => pseudonym(core));
  // Extra fields repeat over every row: their rule is decided once per name.
  const extra = new Map<string, MaskingRule | null>();
  const ruleFor = (field: string): MaskingRule | null => {
    if (specFields.has(field)) return fields.get(field) ?? null;
    let rule = extra.get(field);
    // A data table's column is classified by its header, which its field name spells out.
    if (rule === undefined) extra.set(field, (rule = extraRule(rules, openColumns ? columnHeader(field) : field)));
    return rule;
  };

  const cell = (field: string, value: CellValue): CellValue => {
    const rule = ruleFor(field);
    if (rule !== null) return mask(rule, value);
    if (typeof value === 'string') return shapes(value);
    if (typeof value === 'number' && !specFields.has(field) && isIdentifierNumber(value)) return pseudonym(String(value));
    return value;
  };

  return {
    fields,
    cell,
    cells(cells) {
      const out: Record<string, CellValue> = Object.create(null) as Record<string, CellValue>;
      for (const [field, value] of Object.entries(cells)) out[field] = cell(field, value ?? null);
      return out;
    },
    key: (key) => (keyMasked ? String(mask('hash', key)) : shapes(key)),
  };
}
