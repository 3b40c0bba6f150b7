import type { Locale } from '../../../../shared/i18n/locale';
import { enUS } from './en-US';
import type { CheckStatusStrings } from './types';
import { zhCN } from './zh-CN';

export type { CheckStatusStrings } from './types';

const BY_LOCALE: Readonly<Record<Locale, CheckStatusStrings>> = { 'en-US': enUS, 'zh-CN': zhCN };

export function checkStatusStrings(locale: Locale): CheckStatusStrings {
  return BY_LOCALE[locale];
}
