import type { DataClass, MaskingRule } from '../../../shared/engine/masking';
import type { ClassifiedField } from '../../../shared/kinds/classification/types';
import { fieldKey } from './field-names';

/**
 * Which fields leave the service masked, and how, for a masked caller: the workspace's data
 * classification (its designated classification sheet), read by field key (field-names.ts).
 *
 * Fail closed, everywhere:
 * - a core field whose rule is missing or unreadable is masked entirely ('fixed');
 * - a field whose class did not parse is treated as core;
 * - two rows naming one field: the stricter rule wins ('fixed' over any other);
 * - the well-known personal fields (user id, phone, ID number, e-mail, address, age, bank card,
 *   birth date, a person's name) are masked by default when the classification does not
 *   mention them, or when the workspace has no classification yet;
 * - any other field that is not a column of its sheet kind is masked entirely unless the
 *   classification lists it as public or internal (`extraRule`);
 * - whatever the rule, a value shaped like a mobile, ID-card or bank-card number or an e-mail
 *   address is pseudonymised inside any text a masked caller receives (caller-view.ts).
 * A classification listing a field as public or internal is the administrator's declared
 * decision (only an administrator may change it) and is obeyed, shapes aside.
 */
export interface MaskingRules {
  /** Masked fields by field key. */
  readonly byKey: ReadonlyMap<string, MaskingRule>;
  /** Field keys the classification lists as public or internal. */
  readonly open: ReadonlySet<string>;
}

const DEFAULT_RULES: ReadonlyMap<string, MaskingRule> = new Map<string, MaskingRule>([
  ['user_id', 'hash'],
  ['phone', 'hash'],
  ['id_number', 'hash'],
  ['email', 'hash'],
  ['bank_card', 'hash'],
  ['person_name', 'hash'],
  ['address', 'province'],
  ['age', 'age-band'],
  ['birth_date', 'fixed'],
]);

/** Known fields that are not personal: they pass (shapes aside) unless the classification says core. */
const KNOWN_PLAIN: ReadonlySet<string> = new Set(['registered_at', 'data_source', 'synced_at']);

function strictness(dataClass: DataClass | null): number {
  return dataClass === 'public' ? 0 : dataClass === 'internal' ? 1 : 2;
}

export function rulesFromClassification(fields: readonly ClassifiedField[]): MaskingRules {
  const byKey = new Map<string, MaskingRule>();
  const classes = new Map<string, DataClass | null>();
  for (const f of fields) {
    const key = fieldKey(f.field);
    if (key === '') continue;
    // The strictest class any row gives the field: core (or unreadable) over internal over public.
    const before = classes.get(key);
    if (before === undefined || strictness(f.dataClass) > strictness(before)) classes.set(key, f.dataClass);
    if (f.dataClass !== 'core' && f.dataClass !== null) continue;
    const rule = f.rule ?? 'fixed';
    const earlier = byKey.get(key);
    byKey.set(key, earlier === undefined ? rule : earlier === 'fixed' || rule === 'fixed' ? 'fixed' : earlier);
  }
  const open = new Set<string>();
  for (const [key, cls] of classes) if (cls === 'public' || cls === 'internal') open.add(key);
  for (const [key, rule] of DEFAULT_RULES) if (!classes.has(key)) byKey.set(key, rule);
  return { byKey, open };
}

/** The rule of a field name named by the classification (or a default), or null when it has none. */
export function ruleOf(rules: MaskingRules, field: string): MaskingRule | null {
  return rules.byKey.get(fieldKey(field)) ?? null;
}

/**
 * The rule of a field that is NOT a column of its kind (an extra field of a row, a field of a
 * synced user record): its own rule; none when the classification lists it as public or
 * internal, or it is a known plain field; otherwise masked entirely (fail closed).
 */
export function extraRule(rules: MaskingRules, field: string): MaskingRule | null {
  const key = fieldKey(field);
  const rule = rules.byKey.get(key);
  if (rule !== undefined) return rule;
  if (rules.open.has(key) || KNOWN_PLAIN.has(key)) return null;
  return 'fixed';
}
