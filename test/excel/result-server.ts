import { TestServer } from 'office-addin-test-server';
import { SuiteReportSchema, type SuiteReport } from '../../addin/contract/report';

/**
 * `npm run test:excel`'s result server: Microsoft's office-addin-test-server (HTTPS with the dev
 * certificate, GET /ping, POST /results?data=…), which the test build inside Excel posts its
 * report to with office-addin-test-helpers. What arrives is checked against the report's schema
 * before anyone prints it: a page that posted something else is a failure with a reason, not a
 * crash, and nothing it sent is echoed.
 */
export const RESULT_PORT = 4201;

export type ReportProblem =
  | { readonly kind: 'timeout'; readonly seconds: number }
  | { readonly kind: 'invalid'; readonly issues: readonly string[] };

export type ReportOutcome = { readonly ok: true; readonly report: SuiteReport } | { readonly ok: false; readonly problem: ReportProblem };

export interface ResultServer {
  readonly port: number;
  /** The first report posted, or a timeout. */
  nextReport(timeoutMs: number): Promise<ReportOutcome>;
  stop(): Promise<void>;
}

export function readReport(data: unknown): ReportOutcome {
  const parsed = SuiteReportSchema.safeParse(data);
  if (parsed.success) return { ok: true, report: parsed.data };
  return { ok: false, problem: { kind: 'invalid', issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(report)'}: ${i.message}`) } };
}

export async function startResultServer(port = RESULT_PORT): Promise<ResultServer> {
  const server = new TestServer(port);
  // TestServer starts with an already-rejected "no results" promise, replaced when it starts;
  // left alone it is an unhandled rejection, which ends a Node 20 process. Handle it now.
  server.getTestResults().catch(() => undefined);
  await server.startTestServer(false);
  return {
    port,
    async nextReport(timeoutMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<ReportOutcome>((resolve) => {
        timer = setTimeout(() => resolve({ ok: false, problem: { kind: 'timeout', seconds: Math.round(timeoutMs / 1000) } }), timeoutMs);
      });
      try {
        return await Promise.race([server.getTestResults().then((data: unknown) => readReport(data)), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    stop: async () => {
      await server.stopTestServer();
    },
  };
}
