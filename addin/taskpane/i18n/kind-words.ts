import type { Locale } from '../../../shared/i18n/locale';
import type { KindWords } from '../../../shared/kinds/definition';
import { KIND_DEFINITIONS } from '../../../shared/kinds/definitions';
import { SHEET_KINDS, type SheetKind } from '../../../shared/kinds/sheet-kind';

/** One word of every kind, in a language, from the kinds' own definitions: a new kind brings its words. */
export function kindWords(locale: Locale, word: keyof KindWords): Readonly<Record<SheetKind, string>> {
  return Object.fromEntries(SHEET_KINDS.map((kind) => [kind, KIND_DEFINITIONS[kind].words[locale][word]])) as Record<SheetKind, string>;
}
