import type { Request } from 'express';
import { pickLocale, type Locale } from '../../../shared/i18n/locale';

/**
 * The language an answer is written in: issue messages, refusal messages, and masked values
 * that have words in them (an age band is "25-29岁" in Chinese, "25–29" in English). From
 * `?lang=` when given, else Accept-Language's preferred tag (q-values honoured), else en-US.
 */
export function requestLocale(req: Request, lang?: string): Locale {
  if (lang !== undefined && lang !== '') return pickLocale(lang);
  const preferred = req.acceptsLanguages('en-US', 'en', 'zh-CN', 'zh', 'zh-TW', 'zh-HK');
  return pickLocale(typeof preferred === 'string' ? preferred : undefined);
}
