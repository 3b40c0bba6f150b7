import type { LocalizedIssue } from '../../shared/i18n/messages';
import type { SheetIssuesInput } from '../../shared/workbook/sheet-issues';

/**
 * The issue worker's messages. Rows travel as one JSON text (an array of the rows' cells):
 * the store holds every row's cells as JSON already, and one string crosses to a thread for
 * the price of a copy where 100k cloned objects would cost the sending thread ~100 ms.
 */
export interface IssuesRequest extends Omit<SheetIssuesInput, 'rows'> {
  readonly id: number;
  readonly rowsJson: string;
}

export type IssuesReply =
  | { readonly id: number; readonly ok: true; readonly issues: LocalizedIssue[] }
  /** A bug in the analysis (never a user's data: every cell value is analysable). */
  | { readonly id: number; readonly ok: false; readonly name: string; readonly message: string };
