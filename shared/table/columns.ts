/**
 * How a sheet kind names its columns. Headers are matched after folding scripts, case,
 * full-width forms, spaces and any parenthesised note ("目标值（%）" is "目标值").
 */
export interface ColumnSpec<F extends string> {
  readonly field: F;
  /** Accepted headers: Simplified Chinese, Traditional Chinese (or rely on folding), English. */
  readonly headers: readonly string[];
  readonly required: boolean;
}

export type TableSpec<F extends string> = readonly ColumnSpec<F>[];
