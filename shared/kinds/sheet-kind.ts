export const SHEET_KINDS = ['kpi', 'metrics', 'dashboard', 'gantt', 'permissions', 'classification', 'reconcile', 'table'] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];
