import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';
import { CONTRACT_CASES } from '../../addin/contract/cases';
import { loadConfig } from '../../server/config';
import { securityHeaders } from '../../server/http/security';
import { startService, type RunningService } from '../../server/main';
import { taskpaneStatic } from '../../server/routes/taskpane-static';
import { ensurePaneBuilt } from './pane-browser';

/**
 * The pane's Diagnostics view in a real browser (Debian's chromium, headless), in preview mode:
 * the self-test runs the WorkbookPort contract suite on the in-browser fake of Excel and shows
 * every case passed, in both languages, with the report to copy. Screenshots are kept under
 * test-output/screenshots/. A missing chromium fails the suite (it is not skipped).
 */

const ROOT = path.join(__dirname, '..', '..');
const WEB = path.join(ROOT, 'dist', 'addin-web');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const STEP_MS = 20_000;

jest.setTimeout(120_000);

let browser: Browser;
let front: Server;
let service: RunningService | null = null;
let baseUrl = '';

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium). The browser test is not skipped.`);
  ensurePaneBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'e2e-diag-')) });
  if (!config.ok) throw new Error(`config: ${JSON.stringify(config.error)}`);
  const started = await startService(config.value);
  if (!started.ok) throw new Error(`the service did not start: ${started.error}`);
  service = started.value;
  const app = express();
  app.use(securityHeaders({ production: false, authority: 'https://login.microsoftonline.com', extraFrameAncestors: [] }));
  app.use(taskpaneStatic({ dir: WEB }));
  // The pane asks the service for its client configuration; everything else is static.
  app.get('/api/v1/client-config', async (_req, res) => {
    const answer = await fetch(`${service!.url}/api/v1/client-config`);
    res.status(answer.status).type(answer.headers.get('content-type') ?? 'application/json').send(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => {
    front = app.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (front ? front.close(() => resolve()) : resolve()));
  await service?.close();
});

const LANGS = [
  { lang: 'en-US', tab: 'Diagnostics', run: 'Run self-test', summary: `${CONTRACT_CASES.length} passed, 0 failed`, passed: 'Passed', copy: 'Copy report', copied: 'Copied.', allPassed: 'Everything works in this Excel.' },
  { lang: 'zh-CN', tab: '诊断', run: '运行自检', summary: `${CONTRACT_CASES.length} 项通过，0 项失败`, passed: '通过', copy: '复制报告', copied: '已复制。', allPassed: '在此 Excel 中一切正常。' },
] as const;

describe('the Diagnostics view in preview mode (chromium)', () => {
  it.each(LANGS)('$lang: runs the self-test on the in-browser Excel, shows every case passed and a report to copy', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort('internetdisconnected'));
    try {
      await page.goto(`${baseUrl}/taskpane.html?lang=${t.lang}`);
      await page.getByTestId('preview-banner').waitFor();
      await page.getByRole('tab', { name: t.tab }).click();
      const host = page.getByTestId('diagnostics-host');
      await expect(host.innerText()).resolves.toContain('Excel (preview)');
      await expect(host.innerText()).resolves.toContain('ExcelApi 1.18');

      await page.getByRole('button', { name: t.run }).click();
      const summary = page.getByTestId('diagnostics-summary');
      await summary.waitFor();
      await expect(summary.innerText()).resolves.toBe(t.summary);
      await page.getByText(t.allPassed).waitFor();
      const statuses = await page.locator('[data-testid="diagnostics-cases"] li').evaluateAll((items) =>
        items.map((li) => (li as unknown as { dataset: { case: string; status: string } }).dataset),
      );
      expect(statuses.map((s) => s.case)).toEqual(CONTRACT_CASES.map((c) => c.id));
      expect(statuses.every((s) => s.status === 'passed')).toBe(true);
      await expect(page.locator('[data-testid="diagnostics-cases"] li span').first().innerText()).resolves.toBe(t.passed);

      const report = await page.getByTestId('diagnostics-report').inputValue();
      expect(report).toContain('Ops Scorecard — Excel contract suite (WorkbookPort)');
      expect(report.split('\n').at(-1)).toBe(`${CONTRACT_CASES.length} passed, 0 failed`);
      await page.getByRole('button', { name: t.copy }).click();
      await page.getByText(t.copied).waitFor();
      await expect(page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).resolves.toBe(report);

      // The scratch sheets are gone: the workbook shows only the sheet it started with.
      const tabs = await page.locator('nav button[data-sheet]').evaluateAll((buttons) => buttons.map((b) => (b as unknown as { dataset: { sheet: string } }).dataset.sheet));
      expect(tabs).toEqual(['Sheet1']);
      await page.screenshot({ path: path.join(SHOTS, `diagnostics-${t.lang}.png`), fullPage: true });
      expect(problems).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: path.join(SHOTS, `failed-diagnostics-${t.lang}.png`) }).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});
