export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

/** Office's display language ("zh-TW", "en-GB", "fr-FR"…) → the nearest language we speak. */
export function pickLocale(tag: string | undefined | null): Locale {
  if (tag && /^zh\b/i.test(tag.trim())) return 'zh-CN';
  return 'en-US';
}

export function formatPercent(fraction: number, _locale: Locale, digits = 1): string {
  const pct = fraction * 100;
  const rounded = Number(pct.toFixed(digits));
  return `${rounded}%`;
}
