/** Findings that any sheet kind can produce about its table as a whole. */
export interface TableIssueParams {
  /** A required cell is empty. `column` is the header as written in the sheet. */
  'cell.required': { column: string };
  /** A cell's text is longer than its column allows (`length` and `limit` in characters); its row is not checked further. */
  'cell.too-long': { column: string; length: number; limit: number };
  /** The sheet's checks ran longer than the service allows (ANALYSIS_TIMEOUT_MS): its issues are not known. */
  'sheet.analysis-timeout': { seconds: number };
  /** A second row with the same natural key. `first` is the cell of the first one. */
  'row.duplicate-key': { key: string; first: string };
}
