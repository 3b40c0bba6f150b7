import { pickLocale, type Locale } from '../shared/i18n/locale';

/** The task pane speaks the language of Office's UI, read once at start-up by the adapter. */
export function paneLocale(displayLanguage: string | undefined): Locale {
  return pickLocale(displayLanguage);
}
