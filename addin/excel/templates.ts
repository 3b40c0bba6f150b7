import type { Locale } from '../../shared/i18n/locale';
import type { TemplateColumnLook } from '../../shared/kinds/definition';
import { KIND_DEFINITIONS } from '../../shared/kinds/definitions';
import type { SheetKind } from '../../shared/kinds/sheet-kind';

/**
 * Each kind's template as data: header per column (the kind's own first header in that
 * language, so the shared engine recognises the sheet it inserted), the number format of the
 * column's body and the drop-down of its closed vocabulary, if any — all from the kind's
 * definition, so a new kind brings its template with it.
 */
export interface TemplateColumn {
  readonly header: string;
  /** '0%' for fractions shown as percents, 'yyyy-mm-dd' for dates, '@' where text must stay text. */
  readonly numberFormat: string | null;
  readonly choices: readonly string[] | null;
}

export interface Template {
  readonly sheetName: string;
  /** Excel table names are workbook-wide identifiers: ASCII, no spaces. */
  readonly tableName: string;
  readonly columns: readonly TemplateColumn[];
}

/** Rows below the header that get the column formats and drop-downs. */
export const TEMPLATE_BODY_ROWS = 1000;

/** The column's header in the language: the spec lists Chinese first, English among the rest. */
function headerIn(headers: readonly string[], locale: Locale): string {
  if (locale === 'zh-CN') return headers[0]!;
  const english = headers.find((h) => /^[\x20-\x7e]+$/.test(h)) ?? headers[0]!;
  return english.charAt(0).toUpperCase() + english.slice(1);
}

/** The kind's template, as its definition says (shared/kinds/<kind>/index.ts). */
export function templateFor(kind: SheetKind, locale: Locale): Template {
  const definition = KIND_DEFINITIONS[kind];
  const looks: Readonly<Partial<Record<string, TemplateColumnLook>>> = definition.template.columns;
  return {
    sheetName: definition.words[locale].sheetName,
    tableName: definition.template.tableName,
    columns: definition.spec.map((column) => {
      const look = looks[column.field];
      return { header: headerIn(column.headers, locale), numberFormat: look?.numberFormat ?? null, choices: look?.choices?.(locale) ?? null };
    }),
  };
}

/** A name not yet taken (Excel compares names without case), within Excel's 31 characters. */
export function uniqueName(base: string, taken: Iterable<string>, maxLength = 31, separator = ' '): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base.slice(0, maxLength);
  for (let n = 2; ; n++) {
    const suffix = separator === ' ' ? ` (${n})` : String(n);
    const name = base.slice(0, maxLength - suffix.length) + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}
