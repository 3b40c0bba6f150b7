/** Gantt plans. Filled in with the Gantt kind. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PlanIssueParams {}
