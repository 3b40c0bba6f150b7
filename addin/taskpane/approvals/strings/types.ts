import type { ApprovalChange } from '../../../../shared/api/approvals';

/** The Approvals view's words (one file per locale beside this). */
export interface ApprovalStrings {
  readonly tab: string;
  readonly title: string;
  readonly intro: string;
  readonly workspace: string;
  readonly refresh: string;
  readonly loading: string;
  readonly none: string;
  readonly noWorkspace: string;
  readonly changes: Readonly<Record<ApprovalChange, string>>;
  readonly rowAdded: string;
  readonly rowRemoved: string;
  readonly empty: string;
  readonly proposedBy: (who: string, at: string) => string;
  readonly level: (mode: 'any' | 'all', roles: string) => string;
  readonly approvedSoFar: (who: string) => string;
  readonly comment: string;
  readonly commentHint: string;
  readonly approve: string;
  readonly reject: string;
  readonly cannotDecide: string;
  readonly outcomes: {
    readonly waiting: string;
    readonly applied: (revision: number) => string;
    readonly conflict: (count: number) => string;
    readonly rejected: string;
  };
  readonly rejectNeedsComment: string;
}
