import type { AccessIssueParams } from './codes-access';
import type { KpiIssueParams } from './codes-kpi';
import type { PlanIssueParams } from './codes-plan';
import type { ReconcileIssueParams } from './codes-reconcile';
import type { TableIssueParams } from './codes-table';

/** Every issue code with the params its message needs. Codes are stable: never rename one. */
export interface IssueParams extends TableIssueParams, KpiIssueParams, PlanIssueParams, AccessIssueParams, ReconcileIssueParams {}
