import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generateCertificates } from 'office-addin-dev-certs';
import { pingTestServer, sendTestResults } from 'office-addin-test-helpers';
import { forTransport, type SuiteReport } from '../../addin/contract/report';
import { runContractSuite } from '../../addin/contract/run-suite';
import { FakeExcel } from '../../addin/excel-fake';
import { findExcel, type Machine } from './find-excel';
import { readReport, startResultServer, type ResultServer } from './result-server';
import { CONTRACT_TEST_ID, runInExcel, testManifestXml, type RunDeps } from './run-in-excel';

/**
 * `npm run test:excel` without an Excel: its result server (Microsoft's office-addin-test-server,
 * fed by office-addin-test-helpers exactly as the test build in Excel feeds it), its report, the
 * whole run with the sideload played by a stand-in that does what the page in Excel does (runs
 * the contract suite — on the fake — and posts the report), and the clear refusal on a machine
 * with no Excel, this one.
 *
 * The result server is HTTPS with the development certificate. Installing that certificate would
 * change the machine's trust store (office-addin-dev-certs does that with sudo), so here the
 * certificate is made by office-addin-dev-certs' own generator into a temporary folder, the
 * server is handed it, and only this test process trusts its CA.
 */

const mockTls: { value: { ca: Buffer; cert: Buffer; key: Buffer } | null } = { value: null };
jest.mock('office-addin-dev-certs', () => ({
  ...jest.requireActual<object>('office-addin-dev-certs'),
  getHttpsServerOptions: async () => {
    if (!mockTls.value) throw new Error('test certificate not made yet');
    return mockTls.value;
  },
}));

const ROOT = path.join(__dirname, '..', '..');
const SCHEMA = path.join(ROOT, 'test', 'fixtures', 'manifest-xsd', 'OfficeAppManifestV1_1.xsd');

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'test-excel-certs-'));
  const ca = path.join(dir, 'ca.crt');
  const cert = path.join(dir, 'localhost.crt');
  const key = path.join(dir, 'localhost.key');
  await generateCertificates(ca, cert, key, 2, ['localhost']);
  mockTls.value = { ca: readFileSync(ca), cert: readFileSync(cert), key: readFileSync(key) };
  // office-addin-test-helpers fetches through node's global agent: trust the test CA there only.
  https.globalAgent.options.ca = mockTls.value.ca;
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function suiteOnFake(): Promise<SuiteReport> {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1');
  return runContractSuite({ excel: fake.excel, requirements: fake.requirements, host: { host: 'Excel', platform: 'PC', version: '16.0.18000.20000' }, locale: 'en-US' });
}

describe('the result server (office-addin-test-server) and the report', () => {
  let server: ResultServer;
  beforeEach(async () => {
    server = await startResultServer(await freePort());
  });
  afterEach(async () => {
    await server.stop();
  });

  it('answers a ping and takes the report the test build posts with office-addin-test-helpers', async () => {
    await expect(pingTestServer(server.port)).resolves.toMatchObject({ status: 200, platform: process.platform });
    const report = await suiteOnFake();
    const waiting = server.nextReport(30_000);
    await expect(sendTestResults(forTransport(report), server.port)).resolves.toBe(true);
    await expect(waiting).resolves.toEqual({ ok: true, report });
  });

  it('refuses what is not a contract-suite report, with the reason, and never echoes it', async () => {
    const waiting = server.nextReport(30_000);
    await sendTestResults({ suite: 'something else', token: 'secret-value' }, server.port);
    const outcome = await waiting;
    expect(outcome).toMatchObject({ ok: false, problem: { kind: 'invalid' } });
    expect(JSON.stringify(outcome)).not.toContain('secret-value');
  });

  it('gives up after its timeout when nothing is posted', async () => {
    await expect(server.nextReport(50)).resolves.toEqual({ ok: false, problem: { kind: 'timeout', seconds: 0 } });
  });
});

describe('the report fits the trip through the query string', () => {
  it('keeps every case and drops long details first', () => {
    const long: SuiteReport = {
      suite: 'ops-scorecard-workbook-port',
      startedAt: '2024-03-01T00:00:00.000Z',
      host: { host: 'Excel', platform: 'PC', version: '16', requirementSets: ['ExcelApi 1.17'] },
      cases: Array.from({ length: 60 }, (_, i) => ({ id: `case-${i}`, title: 'A case title that is fairly long '.repeat(3), status: 'failed' as const, code: 'Assertion', detail: 'x'.repeat(300), ms: 1 })),
      cleanedUp: true,
      leftBehind: [],
    };
    const small = forTransport(long);
    expect(encodeURIComponent(JSON.stringify(small)).length).toBeLessThanOrEqual(12_000);
    expect(small.cases.map((c) => c.id)).toEqual(long.cases.map((c) => c.id));
    expect(readReport(small)).toMatchObject({ ok: true });
  });
});

describe('npm run test:excel', () => {
  function deps(over: Partial<RunDeps> & { port: number }): RunDeps & { out: jest.Mock; err: jest.Mock; unloaded: string[] } {
    const unloaded: string[] = [];
    return {
      findExcel: () => ({ kind: 'desktop' }),
      writeTestManifest: () => '/tmp/manifest.xml',
      startResultServer: () => startResultServer(over.port),
      sideload: async () => undefined,
      unload: async (m) => {
        unloaded.push(m);
      },
      out: jest.fn(),
      err: jest.fn(),
      unloaded,
      ...over,
    } as RunDeps & { out: jest.Mock; err: jest.Mock; unloaded: string[] };
  }

  it('sideloads, waits for the page in Excel to post its report, prints it and passes', async () => {
    const port = await freePort();
    // The stand-in for Excel + the test build: run the suite, post the report as the page does.
    const d = deps({ port, sideload: async () => void setTimeout(async () => void (await sendTestResults(forTransport(await suiteOnFake()), port)), 10) });
    const code = await runInExcel([], d);
    const printed = d.out.mock.calls.map((c) => String(c[0])).join('');
    expect(code).toBe(0);
    expect(printed).toContain('Ops Scorecard — Excel contract suite (WorkbookPort)');
    expect(printed).toContain('Host:     Excel · PC · 16.0.18000.20000');
    expect(printed.trim().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    expect(d.unloaded).toEqual(['/tmp/manifest.xml']);
  });

  it('fails with the report when a case failed in Excel', async () => {
    const port = await freePort();
    const failing = async (): Promise<SuiteReport> => {
      const report = await suiteOnFake();
      return { ...report, cases: report.cases.map((c, i) => (i === 0 ? { ...c, status: 'failed', code: 'InvalidArgument', detail: 'refused' } : c)) };
    };
    const d = deps({ port, sideload: async () => void setTimeout(async () => void (await sendTestResults(forTransport(await failing()), port)), 10) });
    expect(await runInExcel([], d)).toBe(1);
    expect(d.out.mock.calls.map((c) => String(c[0])).join('')).toContain('[InvalidArgument] refused');
  });

  it('fails with a clear message when Excel never reports', async () => {
    const port = await freePort();
    const d = deps({ port });
    expect(await runInExcel(['--timeout', '0.05'], d)).toBe(1);
    expect(String(d.err.mock.calls[0]?.[0])).toMatch(/Excel did not report within 0 s/);
  });

  it('on this machine, with no Excel, says so and exits 2 (the real command)', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'test', 'excel', 'run-in-excel.js')], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^test:excel: No Excel found: there is no desktop Excel on linux\. npm run test:excel runs the contract suite inside Excel/);
    expect(run.stdout).toBe('');
  });

  it('finds Excel on Windows and macOS where it is installed, and takes a workbook URL for Excel on the web', () => {
    const machine = (platform: NodeJS.Platform, files: string[], env: Record<string, string> = {}): Machine => ({ platform, exists: (f) => files.includes(f), env });
    expect(findExcel([], machine('darwin', ['/Applications/Microsoft Excel.app']))).toEqual({ kind: 'desktop' });
    expect(findExcel([], machine('darwin', []))).toMatchObject({ kind: 'none', reason: expect.stringContaining('Excel is not installed here (darwin)') });
    expect(findExcel([], machine('win32', ['C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE'], { ProgramFiles: 'C:\\Program Files' }))).toEqual({ kind: 'desktop' });
    expect(findExcel(['--web', 'https://contoso.sharepoint.com/:x:/r/Book.xlsx'], machine('linux', []))).toEqual({ kind: 'web', document: 'https://contoso.sharepoint.com/:x:/r/Book.xlsx' });
    expect(findExcel(['--web', 'Book.xlsx'], machine('linux', []))).toMatchObject({ kind: 'none', reason: expect.stringContaining('--web needs the https URL') });
  });

  it('sideloads a test build of its own: another id and name, the contract page, schema-valid', () => {
    const xml = testManifestXml();
    expect(xml).toContain(`<Id>${CONTRACT_TEST_ID}</Id>`);
    expect(xml).toContain('<SourceLocation DefaultValue="https://localhost:3000/selftest/contract.html?port=4201" />');
    expect(xml).toContain('DefaultValue="Ops Scorecard contract test"');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'test-manifest-')), 'manifest.xml');
    writeFileSync(file, xml);
    expect(() => execFileSync('xmllint', ['--noout', '--schema', SCHEMA, file], { stdio: 'pipe' })).not.toThrow();
  });
});
