/** The Diagnostics view's words (one file per locale beside this; case titles by case id). */
export interface DiagnosticsStrings {
  readonly tab: string;
  readonly title: string;
  readonly intro: string;
  readonly run: string;
  readonly running: (done: number, total: number) => string;
  readonly host: string;
  readonly platform: string;
  readonly version: string;
  readonly requirementSets: string;
  readonly noSets: string;
  readonly status: { readonly passed: string; readonly failed: string; readonly skipped: string };
  readonly summary: (passed: number, failed: number) => string;
  readonly allPassed: string;
  readonly someFailed: string;
  readonly leftBehind: (sheets: string) => string;
  readonly report: string;
  readonly copy: string;
  readonly copied: string;
  readonly copyFailed: string;
  readonly code: (code: string) => string;
  /** Each contract case's title, by its id (the report itself keeps the English title). */
  readonly cases: Readonly<Record<string, string>>;
}
