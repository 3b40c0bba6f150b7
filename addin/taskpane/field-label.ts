import type { Locale } from '../../shared/i18n/locale';
import { KIND_SPECS } from '../../shared/kinds/kind-specs';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import { columnHeader } from '../../shared/kinds/table/field-names';

const HAN = /[\u4e00-\u9fff]/;

/** A synced field (`target`) as the user's header would name it: 目标值 in Chinese, Target in English. */
export function fieldLabel(kind: SheetKind, field: string, locale: Locale): string {
  const headers = KIND_SPECS[kind].find((c) => c.field === field)?.headers ?? [];
  const wanted = locale === 'zh-CN' ? headers.find((h) => HAN.test(h)) : headers.find((h) => !HAN.test(h));
  // A data table's own columns carry their header in the field name.
  const label = wanted ?? headers[0] ?? columnHeader(field);
  return locale === 'en-US' ? label.charAt(0).toUpperCase() + label.slice(1) : label;
}
