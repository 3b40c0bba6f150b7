/**
 * How a sheet kind names its columns. Headers are matched after folding scripts, case,
 * full-width forms, spaces and any parenthesised note ("目标值（%）" is "目标值").
 */
export interface ColumnSpec<F extends string> {
  readonly field: F;
  /** Accepted headers: Simplified Chinese, Traditional Chinese (or rely on folding), English. */
  readonly headers: readonly string[];
  readonly required: boolean;
  /**
   * The longest text a cell of this column may hold (code units). Longer text is an error at its
   * cell and its row is not parsed: no single cell may make a check do unbounded work, and no
   * target, name or date is kilobytes long. Default DEFAULT_MAX_CELL_TEXT.
   */
  readonly maxLength?: number;
}

/** Cell text longer than this is refused by any column that does not say otherwise. */
export const DEFAULT_MAX_CELL_TEXT = 500;

export type TableSpec<F extends string> = readonly ColumnSpec<F>[];
