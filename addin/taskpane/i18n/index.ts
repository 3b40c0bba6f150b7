import { pickLocale, type Locale } from '../../../shared/i18n/locale';
import { enUS } from './en-US';
import type { PaneStrings } from './types';
import { zhCN } from './zh-CN';

/** The pane's words by locale: one file per locale beside this one, the shape in types.ts. */
export type { ErrorContext, PaneStrings } from './types';

export const STRINGS: Readonly<Record<Locale, PaneStrings>> = { 'en-US': enUS, 'zh-CN': zhCN };

export function paneStrings(locale: Locale): PaneStrings {
  return STRINGS[locale];
}

/**
 * The pane's language: a `?lang=` override first (preview and screenshots), then Office's display
 * language in Office, the browser's language in preview.
 */
export function chooseLocale(search: string, officeDisplayLanguage: string | null, navigatorLanguage: string | null): Locale {
  const override = new URLSearchParams(search).get('lang');
  if (override) return pickLocale(override);
  return pickLocale(officeDisplayLanguage ?? navigatorLanguage);
}
