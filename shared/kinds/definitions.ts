import { CLASSIFICATION_KIND } from './classification';
import { DASHBOARD_KIND } from './dashboard';
import type { KindDefinition } from './definition';
import { GANTT_KIND } from './gantt';
import { KPI_KIND } from './kpi';
import { METRICS_KIND } from './metrics';
import { PERMISSIONS_KIND } from './permissions';
import { RECONCILE_KIND } from './reconcile';
import { TABLE_KIND } from './table';
import type { SheetKind } from './sheet-kind';

/** Every sheet kind's definition, by kind: the one registry the others derive from. */
export const KIND_DEFINITIONS: { readonly [K in SheetKind]: KindDefinition } = {
  kpi: KPI_KIND,
  metrics: METRICS_KIND,
  dashboard: DASHBOARD_KIND,
  gantt: GANTT_KIND,
  permissions: PERMISSIONS_KIND,
  classification: CLASSIFICATION_KIND,
  reconcile: RECONCILE_KIND,
  table: TABLE_KIND,
};

/** The kinds whose sheets decide who sees what (the matrix, the classification). */
export function isGovernanceKind(kind: SheetKind): kind is 'permissions' | 'classification' {
  return KIND_DEFINITIONS[kind].governance;
}
