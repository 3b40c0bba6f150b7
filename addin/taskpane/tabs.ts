/** The pane's tabs, in their order (PaneTabs.tsx draws them; the browser tests walk them). */
export type TabValue = 'issues' | 'templates' | 'sync' | 'scorecard' | 'plan' | 'diagnostics' | 'approvals';
export const TABS: readonly TabValue[] = ['issues', 'templates', 'sync', 'scorecard', 'plan', 'diagnostics', 'approvals'];
