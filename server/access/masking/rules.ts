import type { MaskingRule } from '../../../shared/engine/masking';
import type { ClassifiedField } from '../../../shared/kinds/classification/types';
import { fieldKey } from './field-names';

/**
 * Which fields leave the service masked, and how: the core fields of the workspace's data
 * classification, by field key (field-names.ts).
 *
 * Fail closed, everywhere:
 * - a core field whose rule is missing or unreadable is masked entirely ('fixed');
 * - a field whose class did not parse is treated as core;
 * - two rows naming one field: the stricter rule wins ('fixed' over any other);
 * - the well-known personal identifiers (user id, phone, ID number, e-mail, address, age) are
 *   masked by default when the classification does not mention them at all, or when the
 *   workspace has no classification yet. A classification that lists one as public or
 *   internal is obeyed: it is the administrator's declared decision.
 */
export interface MaskingRules {
  /** Masked fields by field key. */
  readonly byKey: ReadonlyMap<string, MaskingRule>;
}

const DEFAULT_RULES: ReadonlyMap<string, MaskingRule> = new Map<string, MaskingRule>([
  ['user_id', 'hash'],
  ['phone', 'hash'],
  ['id_number', 'hash'],
  ['email', 'hash'],
  ['address', 'province'],
  ['age', 'age-band'],
]);

export function rulesFromClassification(fields: readonly ClassifiedField[]): MaskingRules {
  const byKey = new Map<string, MaskingRule>();
  const declared = new Set<string>();
  for (const f of fields) {
    const key = fieldKey(f.field);
    if (key === '') continue;
    declared.add(key);
    if (f.dataClass !== 'core' && f.dataClass !== null) continue;
    const rule = f.rule ?? 'fixed';
    const before = byKey.get(key);
    byKey.set(key, before === undefined ? rule : before === 'fixed' || rule === 'fixed' ? 'fixed' : before);
  }
  for (const [key, rule] of DEFAULT_RULES) if (!declared.has(key)) byKey.set(key, rule);
  return { byKey };
}

/** The rule of a field name, or null when the field leaves unmasked. */
export function ruleOf(rules: MaskingRules, field: string): MaskingRule | null {
  return rules.byKey.get(fieldKey(field)) ?? null;
}
