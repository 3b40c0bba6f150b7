/** Findings that any sheet kind can produce about its table as a whole. */
export interface TableIssueParams {
  /** A required cell is empty. `column` is the header as written in the sheet. */
  'cell.required': { column: string };
  /** A second row with the same natural key. `first` is the cell of the first one. */
  'row.duplicate-key': { key: string; first: string };
}
