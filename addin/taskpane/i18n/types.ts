import type { ProblemCode } from '../../../shared/api/problem';
import type { SheetKind } from '../../../shared/kinds/sheet-kind';

/**
 * The task pane's own words: this type, and one file per locale (en-US.ts, zh-CN.ts). Issue
 * messages come from shared/i18n (the same catalog the CLI and the service use); these are the
 * pane's labels and its error sentences. The type makes a missing translation a compile error.
 * Codes (problem codes, MSAL codes, Office error codes) are never translated: they are shown as
 * they are, beside the sentence.
 */

export type Fill<A extends unknown[]> = (...args: A) => string;

export interface PaneStrings {
  readonly appTitle: string;
  readonly loading: string;
  readonly previewBanner: string;
  readonly sections: string;
  readonly tabs: { readonly issues: string; readonly templates: string; readonly sync: string; readonly scorecard: string; readonly plan: string };
  readonly severity: { readonly error: string; readonly warning: string };
  readonly issues: {
    readonly checkNow: string;
    readonly checking: string;
    readonly none: string;
    readonly noSheets: string;
    readonly counts: Fill<[errors: number, warnings: number]>;
    readonly suggestion: string;
    readonly selectHint: string;
    readonly goToTemplates: string;
    readonly where: Fill<[sheet: string, cell: string]>;
  };
  readonly templates: {
    readonly intro: string;
    readonly insert: string;
    readonly inserted: Fill<[sheet: string]>;
    readonly purpose: Readonly<Record<SheetKind, string>>;
  };
  readonly kinds: Readonly<Record<SheetKind, string>>;
  readonly sync: {
    readonly workspace: string;
    readonly workbook: string;
    readonly sheet: string;
    readonly noSheet: string;
    readonly push: string;
    readonly pull: string;
    readonly upToDate: Fill<[revision: number]>;
    readonly pushed: Fill<[revision: number, cells: number]>;
    readonly pulled: Fill<[revision: number, cells: number]>;
    readonly serviceIssues: Fill<[count: number]>;
    readonly preparing: string;
    readonly uploading: Fill<[percent: number]>;
    readonly processing: string;
    readonly retrying: Fill<[attempt: number]>;
    readonly unreachable: Fill<[seconds: number]>;
    readonly pending: Fill<[count: number]>;
    readonly retryNow: string;
    readonly memoryOnly: string;
    readonly pushedWithConflicts: Fill<[revision: number, cells: number, conflicts: number]>;
    readonly chooseWorkspace: string;
    readonly newWorkspace: string;
    readonly newWorkspaceName: string;
    readonly workbookHint: string;
    readonly workspaceHint: string;
    /** The workspace's designated permission matrix: the one sheet that decides who may do what there. */
    readonly policySource: (workbook: string, sheet: string) => string;
    readonly signInForWorkspaces: string;
    readonly noWorkspaces: string;
    readonly loadingWorkspaces: string;
    readonly refresh: string;
    readonly progressLabel: string;
    readonly heldForOthers: Fill<[name: string | null, count: number]>;
    readonly signInToSend: Fill<[count: number]>;
    readonly discard: string;
    readonly discarded: Fill<[count: number]>;
  };
  readonly conflicts: {
    readonly title: string;
    readonly intro: string;
    readonly row: string;
    readonly cell: string;
    readonly field: string;
    readonly toResolve: Fill<[count: number]>;
    readonly markNote: Fill<[yours: string, theirs: string]>;
    readonly choicesFor: Fill<[row: string, field: string, cell: string]>;
    readonly yours: string;
    readonly theirs: string;
    readonly original: string;
    readonly allYours: string;
    readonly allTheirs: string;
    readonly resolve: string;
    readonly left: Fill<[count: number]>;
    readonly empty: string;
    readonly resolved: Fill<[revision: number]>;
  };
  readonly scorecard: {
    readonly period: string;
    readonly periodHint: string;
    readonly pull: string;
    readonly computeHere: string;
    readonly written: string;
    readonly rows: Fill<[count: number]>;
    readonly department: string;
    readonly overall: string;
    readonly status: string;
    readonly statusWords: Readonly<Record<'green' | 'amber' | 'red' | 'none', string>>;
    readonly confirmTitle: string;
    readonly confirmText: Fill<[rows: number | null]>;
    readonly confirmReplace: string;
    readonly cancel: string;
    readonly nothingWritten: string;
    readonly zeroReasons: {
      readonly noKpis: string;
      readonly noMetrics: string;
      readonly noPeriod: Fill<[period: string]>;
      readonly noMatch: string;
    };
    /** The selected KPI's trend: achievement per period, the change against the period before. */
    readonly trend: {
      readonly heading: string;
      readonly choose: string;
      readonly option: Fill<[kpi: string, department: string]>;
      readonly caption: Fill<[kpi: string, department: string]>;
      readonly period: string;
      readonly achievement: string;
      readonly change: string;
      readonly changeText: Fill<[points: string, up: boolean]>;
      readonly noValue: string;
      readonly improved: Fill<[period: string]>;
      readonly notImproved: Fill<[period: string]>;
      readonly noVerdict: string;
    };
  };
  /** The Plan view: the Gantt plan's critical-path schedule, and its bars drawn into the sheet. */
  readonly plan: {
    readonly intro: string;
    readonly schedule: string;
    readonly draw: string;
    readonly drawn: Fill<[sheet: string]>;
    readonly none: string;
    readonly cycle: Fill<[sheet: string, tasks: string]>;
    readonly incomplete: Fill<[sheet: string, tasks: string]>;
    readonly sheet: string;
    readonly finish: Fill<[date: string]>;
    readonly criticalPath: Fill<[tasks: string]>;
    readonly tableLabel: Fill<[sheet: string]>;
    readonly task: string;
    readonly early: string;
    readonly late: string;
    readonly slack: string;
    readonly critical: string;
    readonly criticalWords: { readonly yes: string; readonly no: string };
    readonly days: Fill<[count: number]>;
    readonly span: Fill<[from: string, to: string]>;
  };
  readonly signIn: {
    readonly signedInAs: Fill<[name: string]>;
    readonly notSignedIn: string;
    readonly signIn: string;
    readonly signOut: string;
    readonly devTitle: string;
    readonly email: string;
    readonly useEmail: string;
    readonly pasteToken: string;
    readonly useToken: string;
    readonly devHelp: string;
    readonly tokenCommand: string;
  };
  readonly errors: {
    readonly title: string;
    readonly dismiss: Fill<[context: string]>;
    readonly code: Fill<[code: string]>;
    readonly request: Fill<[id: string]>;
    readonly problems: Readonly<Record<ProblemCode, string>>;
    readonly unknownProblem: string;
    readonly unreachable: string;
    readonly invalidResponse: Fill<[status: number]>;
    readonly auth: {
      readonly notConfigured: string;
      readonly interactionRequired: string;
      readonly cancelled: string;
      readonly unavailable: string;
      readonly rejected: string;
      readonly devTokensNotOffered: string;
      readonly wrongAccount: string;
    };
    readonly notRecognised: Fill<[sheet: string]>;
    readonly duplicateKeys: Fill<[keys: string]>;
    readonly unresolved: Fill<[count: number]>;
    readonly rowMissing: Fill<[key: string]>;
    readonly notAToken: string;
    readonly tokenExpired: string;
    readonly configMissing: string;
    readonly configInvalid: string;
    readonly badPeriod: string;
    readonly noWorkspace: string;
    readonly unexpected: string;
    readonly contexts: Readonly<Record<ErrorContext, string>>;
  };
}

export type ErrorContext = 'start' | 'check' | 'select' | 'template' | 'push' | 'pull' | 'resolve' | 'scorecard' | 'plan' | 'sign-in' | 'approval';

