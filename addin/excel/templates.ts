import { PERSPECTIVES } from '../../shared/engine/scorecard-types';
import type { Locale } from '../../shared/i18n/locale';
import { KIND_SPECS } from '../../shared/kinds/kind-specs';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import { perspectiveLabel } from '../../shared/parse/perspective';
import { WORKBOOK_LABELS } from './labels';

/**
 * Each kind's template as data: header per column (the kind's own first header in that
 * language, so the shared engine recognises the sheet it inserted), the number format of the
 * column's body and the drop-down of its closed vocabulary, if any.
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

const TABLE_NAMES: Readonly<Record<SheetKind, string>> = {
  kpi: 'OpsKpi',
  metrics: 'OpsMetrics',
  dashboard: 'OpsDashboard',
  gantt: 'OpsPlan',
  permissions: 'OpsPermissions',
  classification: 'OpsClassification',
};

const CLASSES: Readonly<Record<Locale, readonly string[]>> = {
  'zh-CN': ['公开', '内部', '核心'],
  'en-US': ['public', 'internal', 'core'],
};

const LINK_TYPES = ['FS', 'SS', 'FF', 'SF'];

/**
 * Column look by kind and field. Targets, periods and target ranges are text: typed into a
 * General cell, "1-3" becomes a date and "2024-03" the 1st of March.
 */
function columnLook(kind: SheetKind, field: string, locale: Locale): Omit<TemplateColumn, 'header'> {
  const none = { numberFormat: null, choices: null };
  switch (`${kind}.${field}`) {
    case 'kpi.weight':
    case 'gantt.progress':
      return { numberFormat: '0%', choices: null };
    case 'kpi.target':
    case 'metrics.period':
    case 'dashboard.target':
      return { numberFormat: '@', choices: null };
    case 'kpi.perspective':
      return { numberFormat: null, choices: PERSPECTIVES.map((p) => perspectiveLabel(p, locale)) };
    case 'gantt.start':
    case 'gantt.end':
      return { numberFormat: 'yyyy-mm-dd', choices: null };
    case 'gantt.linkType':
      return { numberFormat: null, choices: LINK_TYPES };
    case 'classification.class':
      return { numberFormat: null, choices: CLASSES[locale] };
    default:
      return none;
  }
}

/** The column's header in the language: the spec lists Chinese first, English among the rest. */
function headerIn(headers: readonly string[], locale: Locale): string {
  if (locale === 'zh-CN') return headers[0]!;
  const english = headers.find((h) => /^[\x20-\x7e]+$/.test(h)) ?? headers[0]!;
  return english.charAt(0).toUpperCase() + english.slice(1);
}

export function templateFor(kind: SheetKind, locale: Locale): Template {
  return {
    sheetName: WORKBOOK_LABELS[locale].templateSheets[kind],
    tableName: TABLE_NAMES[kind],
    columns: KIND_SPECS[kind].map((column) => ({ header: headerIn(column.headers, locale), ...columnLook(kind, column.field, locale) })),
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
