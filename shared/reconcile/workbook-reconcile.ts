import type { Issue } from '../issues/issue';
import { KIND_SPECS } from '../kinds/kind-specs';
import type { ReconcileRule } from '../kinds/reconcile/types';
import type { SheetKind } from '../kinds/sheet-kind';
import type { SheetGrid } from '../table/grid';
import { headerKey } from '../table/header-key';
import { matchKey } from '../text/normalize';
import { reconcile, type ReconcileSheets } from './reconcile';
import { foldHeader, type HeaderFolder } from './side-table';

/**
 * Every reconciliation rule of a workbook run against its sheets. A rule may name any sheet:
 * a plain data sheet (the handbook's orders and payments) or a sheet of a known kind, whose
 * headers are then read as that kind reads them (a rule that says "Value" finds "数值").
 */
export function reconcileIssues(
  grids: readonly SheetGrid[],
  recognised: ReadonlyMap<string, { readonly kind: SheetKind }>,
  rules: readonly ReconcileRule[],
): Issue[] {
  if (rules.length === 0) return [];
  const sheets = workbookSheets(grids, recognised);
  const issues: Issue[] = [];
  for (const rule of rules) for (const found of reconcile(rule, sheets)) issues.push(found);
  return issues;
}

function workbookSheets(grids: readonly SheetGrid[], recognised: ReadonlyMap<string, { readonly kind: SheetKind }>): ReconcileSheets {
  const exact = new Map(grids.map((g) => [g.name, g]));
  const folded = new Map<string, SheetGrid | null>();
  // Sheet names compare without case and script, as Excel's tab names do; a name two sheets
  // fold to is ambiguous and must be written exactly. On the service, a sheet name repeated in
  // two workbooks is shown as "workbook › sheet" and is found by either form if unique.
  const remember = (key: string, grid: SheetGrid) => folded.set(key, folded.has(key) ? null : grid);
  for (const grid of grids) {
    remember(matchKey(grid.name), grid);
    const separator = grid.name.lastIndexOf(' › ');
    if (separator >= 0) remember(matchKey(grid.name.slice(separator + 3)), grid);
  }
  const folders = new Map<SheetKind, HeaderFolder>();
  return {
    grid: (name) => exact.get(name) ?? folded.get(matchKey(name)) ?? undefined,
    folder: (name) => {
      const kind = recognised.get(name)?.kind;
      if (kind === undefined) return foldHeader;
      let folder = folders.get(kind);
      if (!folder) folders.set(kind, (folder = kindFolder(kind)));
      return folder;
    },
  };
}

/** Headers of a kind's sheet fold to the kind's field, so any alias names the column. */
function kindFolder(kind: SheetKind): HeaderFolder {
  const fields = new Map<string, string>();
  for (const column of KIND_SPECS[kind]) for (const header of column.headers) fields.set(headerKey(header), `\u0001${column.field}`);
  return (header) => {
    const key = headerKey(header);
    return fields.get(key) ?? key;
  };
}
