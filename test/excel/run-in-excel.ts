import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatReport, suitePassed } from '../../addin/contract/report';
import { DEV_ORIGIN } from '../../addin/manifest/make-manifest';
import { renderXmlManifest } from '../../addin/manifest/xml-manifest';
import { findExcel, type ExcelTarget } from './find-excel';
import { RESULT_PORT, startResultServer, type ResultServer } from './result-server';

/**
 * `npm run test:excel [-- --web <workbook URL>] [-- --timeout <seconds>]`: the WorkbookPort
 * contract suite inside a real Excel, the way Office's own samples test add-ins. It writes the
 * test build's manifest (its own id and name, so it never replaces the development add-in),
 * starts the result server (office-addin-test-server), sideloads the test build with
 * office-addin-debugging (which starts `npm run dev-server`: https://localhost:3000), waits for
 * the page in Excel to post its report (office-addin-test-helpers), prints it, and stops.
 * Exit codes: 0 every case passed; 1 a case failed, the report was invalid or never came;
 * 2 no Excel to run in (a clear message says why).
 */
export const CONTRACT_TEST_ID = '8d2f5a3c-1b6e-4c7d-9e0f-3a4b5c6d7e8f';
// Compiled: dist/test/excel; run by jest from source: test/excel.
const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..');
export const TEST_MANIFEST = path.join(ROOT, 'dist', 'addin-test', 'manifest.xml');

export interface RunDeps {
  findExcel(args: readonly string[]): ExcelTarget;
  writeTestManifest(): string;
  startResultServer(): Promise<ResultServer>;
  sideload(manifest: string, target: Exclude<ExcelTarget, { kind: 'none' }>): Promise<void>;
  unload(manifest: string): Promise<void>;
  out(text: string): void;
  err(text: string): void;
}

export function testManifestXml(): string {
  return renderXmlManifest({
    baseUrl: DEV_ORIGIN,
    id: CONTRACT_TEST_ID,
    displayName: { 'en-US': 'Ops Scorecard contract test', 'zh-CN': '运营计分卡契约测试' },
    taskpanePath: `/selftest/contract.html?port=${RESULT_PORT}`,
  });
}

function timeoutOf(args: readonly string[]): number {
  const i = args.indexOf('--timeout');
  const seconds = i >= 0 ? Number(args[i + 1]) : 300;
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 300) * 1000;
}

export async function runInExcel(args: readonly string[], deps: RunDeps): Promise<number> {
  const target = deps.findExcel(args);
  if (target.kind === 'none') {
    deps.err(`test:excel: ${target.reason}\n`);
    return 2;
  }
  const manifest = deps.writeTestManifest();
  const results = await deps.startResultServer();
  let sideloaded = false;
  try {
    deps.out(`test:excel: sideloading the test build into Excel (${target.kind === 'web' ? `on the web: ${target.document}` : 'desktop'})…\n`);
    await deps.sideload(manifest, target);
    sideloaded = true;
    const timeoutMs = timeoutOf(args);
    deps.out(`test:excel: waiting up to ${timeoutMs / 1000} s for the report on https://localhost:${results.port}…\n`);
    const outcome = await results.nextReport(timeoutMs);
    if (!outcome.ok) {
      deps.err(
        outcome.problem.kind === 'timeout'
          ? `test:excel: Excel did not report within ${outcome.problem.seconds} s. Did Excel open and show the "Ops Scorecard contract test" pane? Is https://localhost:3000 trusted (npx office-addin-dev-certs verify)?\n`
          : `test:excel: the report that came back is not a contract-suite report: ${outcome.problem.issues.join('; ')}\n`,
      );
      return 1;
    }
    deps.out(`${formatReport(outcome.report)}\n`);
    return suitePassed(outcome.report) ? 0 : 1;
  } catch (error) {
    deps.err(`test:excel: could not sideload the test build: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    if (sideloaded) await deps.unload(manifest).catch(() => undefined);
    await results.stop();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const code = await runInExcel(args, {
    findExcel: (a) => findExcel(a),
    writeTestManifest: () => {
      mkdirSync(path.dirname(TEST_MANIFEST), { recursive: true });
      writeFileSync(TEST_MANIFEST, testManifestXml());
      return TEST_MANIFEST;
    },
    startResultServer: () => startResultServer(),
    sideload: async (manifest, target) => {
      // Loaded only here: office-addin-debugging pulls in the whole sideloading tool chain.
      const debugging = await import('office-addin-debugging');
      const { OfficeApp } = await import('office-addin-manifest');
      await debugging.startDebugging(manifest, {
        appType: target.kind === 'web' ? debugging.AppType.Web : debugging.AppType.Desktop,
        app: OfficeApp.Excel,
        devServerCommandLine: 'npm run dev-server',
        devServerPort: 3000,
        enableDebugging: false,
        enableLiveReload: false,
        enableSideload: true,
        ...(target.kind === 'web' ? { document: target.document } : {}),
      });
    },
    unload: async (manifest) => {
      const debugging = await import('office-addin-debugging');
      await debugging.stopDebugging(manifest);
    },
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
  process.exit(code);
}

if (require.main === module) void main();
