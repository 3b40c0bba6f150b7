/**
 * Reconciliation (handbook 三(二)3): a rule sheet's own mistakes, and what comparing its two
 * sheets finds. `rule` is the rule's name as written; `key` the joined key cells as written.
 */
export interface ReconcileIssueParams {
  /** A 关联列 / 比对列 cell that is not a list of headers or `left=right` pairs. */
  'reconcile.columns-invalid': { input: string };
  /** A 容差 / Tolerance that is not a number (0.01) or a percent (0.5%) of at least zero. */
  'reconcile.tolerance-invalid': { input: string };
  /** The rule names a sheet the workbook (or workspace) does not hold. */
  'reconcile.sheet-missing': { rule: string; sheet: string };
  /** The named sheet has no header row holding this column (with the rule's other columns). */
  'reconcile.column-missing': { rule: string; sheet: string; column: string };
  /** A data row whose key cells are empty: it cannot be matched, so it is not compared. */
  'reconcile.key-empty': { rule: string };
  /** A second row with the same key on one side. `first` is the cell of the first one. */
  'reconcile.duplicate-key': { rule: string; key: string; first: string };
  /** A row of the right sheet whose key the left sheet (`sheet`) lacks. */
  'reconcile.missing-left': { rule: string; key: string; sheet: string };
  /** A row of the left sheet whose key the right sheet (`sheet`) lacks: the order without a payment. */
  'reconcile.missing-right': { rule: string; key: string; sheet: string };
  /**
   * A compared column disagrees. `value` is this cell's text, `otherValue` the other side's,
   * `other` where it is ("付款!C4"); `tolerance` the rule's tolerance as written, '' when none.
   */
  'reconcile.mismatch': { rule: string; key: string; column: string; value: string; otherValue: string; other: string; tolerance: string };
  /**
   * A data table's header cell that is not synced: `long` (more than 15 characters and no
   * identifier, so it has no field name) or `repeated` (the same header as a column to its left).
   */
  'table.column-not-synced': { column: string; reason: 'long' | 'repeated' };
}
