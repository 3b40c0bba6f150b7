import type { Locale } from '../../../../shared/i18n/locale';
import { enUS } from './en-US';
import type { DiagnosticsStrings } from './types';
import { zhCN } from './zh-CN';

export type { DiagnosticsStrings } from './types';

const BY_LOCALE: Readonly<Record<Locale, DiagnosticsStrings>> = { 'en-US': enUS, 'zh-CN': zhCN };

export function diagnosticsStrings(locale: Locale): DiagnosticsStrings {
  return BY_LOCALE[locale];
}
