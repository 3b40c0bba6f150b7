/** One column of a rule, as named on each side (the same header unless written `left=right`). */
export interface ColumnPair {
  readonly left: string;
  readonly right: string;
}

/**
 * How far two numbers may differ and still agree: an absolute amount (`0.01`), or a share of
 * the larger of the two (`0.5%`).
 */
export type Tolerance = { readonly kind: 'absolute'; readonly amount: number } | { readonly kind: 'relative'; readonly share: number };

/** A reconciliation rule as written in its sheet, with the cells it was read from (for issues). */
export interface ReconcileRule {
  readonly sheet: string;
  readonly row: number;
  readonly rule: string;
  readonly left: string;
  readonly right: string;
  readonly keys: readonly ColumnPair[];
  readonly compare: readonly ColumnPair[];
  readonly tolerance: Tolerance;
  /** The tolerance as written, for messages ('' when exact). */
  readonly toleranceText: string;
  /** A1 addresses on the rule's sheet: where a sheet or column the rule names is reported missing. */
  readonly cells: { readonly left: string; readonly right: string; readonly keys: string; readonly compare: string };
}
