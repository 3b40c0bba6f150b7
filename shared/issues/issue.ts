import type { IssueParams } from './codes';

export type Severity = 'error' | 'warning';
export type IssueCode = keyof IssueParams;

/**
 * A finding as data. The message is not stored: it is rendered from `code` and `params` in the
 * reader's language (`localizeIssue`), so codes stay stable while wording may change.
 * `cell` is an A1 address ("C7") or a range ("D2:D4") on `sheet`.
 */
export type Issue = {
  [C in IssueCode]: {
    readonly sheet: string;
    readonly cell: string;
    readonly severity: Severity;
    readonly code: C;
    readonly params: IssueParams[C];
  };
}[IssueCode];

/** Builds an issue with its params checked against its code. */
export function issue<C extends IssueCode>(
  code: C,
  severity: Severity,
  sheet: string,
  cell: string,
  params: IssueParams[C],
): Issue {
  return { code, severity, sheet, cell, params } as Issue;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** Issues in reading order: sheet as given, then row, then column. */
export function sortIssues(issues: readonly Issue[], sheetOrder: readonly string[]): Issue[] {
  const rank = new Map(sheetOrder.map((s, i) => [s, i]));
  const pos = (cell: string): [number, number] => {
    const m = /^([A-Z]+)(\d+)/.exec(cell);
    if (!m) return [0, 0];
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
    return [Number(m[2]), col];
  };
  return [...issues].sort((a, b) => {
    const s = (rank.get(a.sheet) ?? 1e9) - (rank.get(b.sheet) ?? 1e9);
    if (s !== 0) return s;
    const [ra, ca] = pos(a.cell);
    const [rb, cb] = pos(b.cell);
    return ra - rb || ca - cb;
  });
}
