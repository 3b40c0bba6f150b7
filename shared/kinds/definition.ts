import type { DataSubject } from '../engine/subjects';
import type { Locale } from '../i18n/locale';
import type { TableSpec } from '../table/columns';
import type { SheetKind } from './sheet-kind';

/** How a template column looks in Excel: its number format, and the drop-down of its closed vocabulary. */
export interface TemplateColumnLook {
  /** '0%' for fractions shown as percents, 'yyyy-mm-dd' for dates, '@' where text must stay text. */
  readonly numberFormat?: string;
  readonly choices?: (locale: Locale) => readonly string[];
}

/** A kind in a person's words: its name, what its template is for, the template sheet's name. */
export interface KindWords {
  readonly name: string;
  readonly purpose: string;
  readonly sheetName: string;
}

/**
 * A sheet kind, defined in one place (shared/kinds/<kind>/index.ts): its columns and their
 * headers, its natural key, and what the service and the add-in need to know about its rows.
 * The registries (shared/kinds/definitions.ts, kind-specs.ts, rooms.ts) are derived from these.
 */
export interface KindDefinition<F extends string = string> {
  readonly kind: SheetKind;
  /** Columns: field ids, accepted headers (zh-Hans, zh-Hant, en), required, longest text. */
  readonly spec: TableSpec<F>;
  /** The fields that make a row's natural key (a duplicate key is an error). */
  readonly keyFields: readonly F[];
  /**
   * Whether every check of the kind looks at one row at a time: a delta push is then answered
   * with the issues of the rows it changed only. False for kinds with checks across rows.
   */
  readonly rowLocal: boolean;
  /** What data the kind's rows are, for subjects of the permission matrix (engine/subjects.ts). */
  readonly subject: DataSubject;
  /**
   * Governance sheets (the permission matrix, the data classification) decide who sees what:
   * changed only by an unmasked global administrator, and read as policy from one designated
   * sheet per workspace.
   */
  readonly governance: boolean;
  /**
   * Columns beyond the spec are the kind's data too (a data table): synced under field names
   * made from their headers (shared/kinds/table/field-names.ts) and put back under them.
   */
  readonly openColumns?: boolean;
  /** The kind in zh-CN and en-US (the pane's lists, the template's sheet and its line of purpose). */
  readonly words: Readonly<Record<Locale, KindWords>>;
  /**
   * The template the pane inserts: an Excel table (its name a workbook-wide ASCII identifier)
   * with the kind's first header per column in the language, and these looks per column.
   */
  readonly template: { readonly tableName: string; readonly columns: Readonly<Partial<Record<F, TemplateColumnLook>>> };
}

export function defineKind<F extends string>(definition: KindDefinition<F>): KindDefinition<F> {
  return definition;
}
