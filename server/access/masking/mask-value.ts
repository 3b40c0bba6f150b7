import { ageBand, fixedMask, maskAddress, type MaskingRule } from '../../../shared/engine/masking';
import type { Locale } from '../../../shared/i18n/locale';
import type { CellValue } from '../../../shared/table/grid';
import { normalizeText } from '../../../shared/text/normalize';
import { pseudonymizer } from '../pseudonym';

/**
 * One value masked by one rule: address → province, age → 5-year band (in the reader's
 * language), identifiers → keyed HMAC-SHA256 pseudonym under the service's key (never a bare
 * hash), anything else → a fixed mask. An empty cell stays empty (null): there is nothing in it
 * to hide. Identifiers are normalised (width, spaces) before hashing, so " 13800000001" and
 * "13800000001" give one pseudonym and masked exports can still be joined.
 */
export type MaskValue = (rule: MaskingRule, value: CellValue) => CellValue;

export function valueMasker(key: Uint8Array, locale: Locale): MaskValue {
  const hash = pseudonymizer(key);
  return (rule, value) => {
    if (value === null) return null;
    switch (rule) {
      case 'province':
        return maskAddress(typeof value === 'string' ? value : null);
      case 'age-band':
        return ageBand(typeof value === 'boolean' ? null : value, locale);
      case 'hash':
        return typeof value === 'boolean' ? fixedMask() : hash(normalizeText(String(value)));
      case 'fixed':
        return fixedMask();
    }
  };
}
