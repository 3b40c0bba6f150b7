/** The words the issues list uses for sheets a check could not read (one file per locale beside this). */
export interface CheckStatusStrings {
  /** A sheet Excel refused to read this time; the code is shown beside it. */
  readonly unreadable: (sheet: string) => string;
  readonly unreadableHint: string;
  /** Sheets Excel would not read while a cell is being edited. */
  readonly busy: (sheets: string) => string;
  readonly code: (code: string) => string;
}
