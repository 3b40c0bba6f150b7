import type { Issue } from '../../shared/issues/issue';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { SheetGrid } from '../../shared/table/grid';

/** What the workbook-check worker is given: the grids of an untrusted workbook, and today. */
export interface WorkbookCheckInput {
  readonly grids: readonly SheetGrid[];
  readonly today?: string;
}

/** Its answer: the recognised sheets and their issues (plain data: issues are rendered by the caller). */
export type WorkbookCheckOutput =
  | { readonly type: 'result'; readonly sheets: readonly { readonly name: string; readonly kind: SheetKind }[]; readonly issues: readonly Issue[] }
  /** A bug, not a bad file: name and message only, never data. */
  | { readonly type: 'bug'; readonly name: string; readonly message: string };
