import { z } from 'zod';

/**
 * What one run of the contract suite found, as data: where it ran (host, platform, version, the
 * requirement sets found) and each case passed or failed with the Office error code that made
 * it fail. The same report is shown in the pane's Diagnostics view, copied as text for IT, and
 * posted by the test build to `npm run test:excel`'s result server, which validates it with
 * this schema before printing it.
 */
export const CaseOutcomeSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  title: z.string().max(200),
  status: z.enum(['passed', 'failed', 'skipped']),
  /** The Office error code (ItemNotFound, InvalidArgument…), "Assertion" for a wrong answer, null when passed. */
  code: z.string().max(64).nullable(),
  /** What was expected and what came back, for a failure; short, written by the suite. */
  detail: z.string().max(300).nullable(),
  ms: z.number().int().nonnegative(),
});

export const HostInfoSchema = z.object({
  host: z.string().max(40),
  platform: z.string().max(40),
  version: z.string().max(40),
  /** "ExcelApi 1.17" and the like: the highest version found of each set probed. */
  requirementSets: z.array(z.string().max(40)).max(40),
});

export const SuiteReportSchema = z.object({
  suite: z.literal('ops-scorecard-workbook-port'),
  startedAt: z.string().max(40),
  host: HostInfoSchema,
  cases: z.array(CaseOutcomeSchema).max(100),
  /** The scratch sheets were deleted afterwards (false: the report says which are left). */
  cleanedUp: z.boolean(),
  leftBehind: z.array(z.string().max(40)).max(20),
});

export type CaseOutcome = z.infer<typeof CaseOutcomeSchema>;
export type HostInfo = z.infer<typeof HostInfoSchema>;
export type SuiteReport = z.infer<typeof SuiteReportSchema>;

export interface SuiteCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export function countOutcomes(report: SuiteReport): SuiteCounts {
  const count = (status: CaseOutcome['status']) => report.cases.filter((c) => c.status === status).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

/** Passed when no case failed and the scratch sheets are gone. */
export function suitePassed(report: SuiteReport): boolean {
  return countOutcomes(report).failed === 0 && report.cleanedUp;
}

/**
 * The report as plain text, for IT to paste into a ticket and for the terminal: the host, then
 * one line per case, then the totals. Its last line is the plain "N passed, N failed" that tools
 * reading test output look for.
 */
export function formatReport(report: SuiteReport): string {
  const { passed, failed, skipped } = countOutcomes(report);
  const mark = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;
  const lines = [
    'Ops Scorecard — Excel contract suite (WorkbookPort)',
    `Started:  ${report.startedAt}`,
    `Host:     ${report.host.host} · ${report.host.platform} · ${report.host.version}`,
    `API sets: ${report.host.requirementSets.join(', ') || '(none found)'}`,
    '',
    ...report.cases.map((c) => {
      const why = c.status === 'failed' ? `  [${c.code ?? 'Error'}]${c.detail ? ` ${c.detail}` : ''}` : c.status === 'skipped' && c.detail ? `  (${c.detail})` : '';
      return `${mark[c.status]}  ${c.id.padEnd(28)} ${c.title}${why}`;
    }),
    '',
    report.cleanedUp ? 'Scratch sheets deleted.' : `Scratch sheets left behind: ${report.leftBehind.join(', ')}`,
    `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`,
  ];
  return lines.join('\n');
}

/**
 * The report made small enough for the trip to the result server: office-addin-test-helpers
 * sends it in the URL's query string, and Node's HTTP server refuses request lines past 16 KB.
 * Details go first, then titles (the ids stay: they name the cases).
 */
export const MAX_TRANSPORT_CHARS = 12_000;

export function forTransport(report: SuiteReport): SuiteReport {
  const size = (r: SuiteReport) => encodeURIComponent(JSON.stringify(r)).length;
  if (size(report) <= MAX_TRANSPORT_CHARS) return report;
  const lean: SuiteReport = { ...report, cases: report.cases.map((c) => ({ ...c, detail: c.detail ? c.detail.slice(0, 60) : null })) };
  if (size(lean) <= MAX_TRANSPORT_CHARS) return lean;
  return { ...lean, cases: lean.cases.map((c) => ({ ...c, title: '', detail: null })) };
}
