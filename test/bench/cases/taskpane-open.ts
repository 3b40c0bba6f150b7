import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';
import { securityHeaders } from '../../../server/http/security';
import { taskpaneStatic } from '../../../server/routes/taskpane-static';
import { CLIENT_CONFIG_PATH } from '../../../shared/api/client-config';
import type { BenchCase } from './types';

/**
 * Opening the task pane in headless Chromium (Debian's, as the e2e tests drive it): the bytes on
 * the wire and the time until it is interactive, vs React + one Fluent UI button built and served
 * the same way (ES module, precompressed, the service's static route and security headers).
 *   transferredKB  every response's encoded body and headers, the page and all it loads;
 *   ms             time to interactive, from the navigation's start (the page's own clock) to the
 *                  pane's first screen ready to use (the preview workbook and "Check now"
 *                  enabled), or the baseline's button shown.
 * office.js (Microsoft's CDN) is refused, as offline: the pane does not wait for it. The browser
 * and the servers start untimed (setup); each measurement is a fresh page with an empty cache.
 */

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const PANE_DIR = path.join(REPO_ROOT, 'dist', 'addin-web');
const CHROMIUM = '/usr/bin/chromium';

const MINIMAL_PANE = `
import { createRoot } from 'react-dom/client';
import { Button, FluentProvider, webLightTheme } from '@fluentui/react-components';
createRoot(document.getElementById('root')!).render(
  <FluentProvider theme={webLightTheme}><Button appearance="primary" data-testid="ready">OK</Button></FluentProvider>,
);
`;
const MINIMAL_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title><script type="module" src="taskpane.js"></script></head><body><div id="root"></div></body></html>';

interface Opened {
  readonly browser: Browser;
  readonly url: string;
  readonly server: Server;
  readonly ready: string;
}

function precompress(file: string): void {
  const bytes = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(bytes));
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
}

async function serve(dir: string, withClientConfig: boolean): Promise<{ server: Server; url: string }> {
  const app = express();
  app.use(securityHeaders({ production: true, authority: 'https://login.microsoftonline.com', extraFrameAncestors: [] }));
  // What the pane asks the service at start-up (development sign-in): the one API call of its first screen.
  if (withClientConfig) app.get(CLIENT_CONFIG_PATH, (_req, res) => void res.json({ auth: { mode: 'development' } }));
  app.use(taskpaneStatic({ dir }));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/taskpane.html?lang=en-US` };
}

async function open(input: unknown): Promise<Record<string, number>> {
  const { browser, url, ready } = input as Opened;
  const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
  const page = await context.newPage();
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort('internetdisconnected'));
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 60_000 });
  const ms = await page.evaluate(() => (globalThis as unknown as { performance: { now(): number } }).performance.now());
  await page.waitForLoadState('networkidle');
  const transferred = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return { ms, transferredKB: Math.round(transferred / 1024) };
}

async function close(input: unknown): Promise<void> {
  const { browser, server } = input as Opened;
  await browser.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export const taskpaneOpenCase: BenchCase = {
  name: 'taskpane-open',
  description:
    'opening the task pane (preview mode) in headless Chromium: time to interactive and bytes transferred, vs React + one Fluent UI button served alike',
  // Interactive within a few times what React and one button take; the absolute targets are the limits below.
  target: 5,
  maxPeakMB: null,
  reports: ['transferredKB'],
  // Issue 17: at most 300 KB compressed on the wire.
  reportLimits: { transferredKB: 300 },
  async prepare(dir) {
    const base = path.join(dir, 'baseline');
    mkdirSync(base, { recursive: true });
    writeFileSync(path.join(dir, 'minimal.tsx'), MINIMAL_PANE);
    await build({
      entryPoints: [path.join(dir, 'minimal.tsx')],
      outfile: path.join(base, 'taskpane.js'),
      bundle: true,
      minify: true,
      format: 'esm',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      nodePaths: [path.join(REPO_ROOT, 'node_modules')],
      logLevel: 'silent',
    });
    writeFileSync(path.join(base, 'taskpane.html'), MINIMAL_HTML);
    precompress(path.join(base, 'taskpane.js'));
    precompress(path.join(base, 'taskpane.html'));
    if (!existsSync(path.join(PANE_DIR, 'taskpane.html'))) throw new Error('the pane is not built: npm run bench builds it (node addin/build.mjs)');
  },
  async setup(dir, variant) {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const { server, url } = await serve(variant === 'ours' ? PANE_DIR : path.join(dir, 'baseline'), variant === 'ours');
    // A first load, untimed, so that neither side pays the browser's own first-page costs.
    const warm = await browser.newPage();
    await warm.goto(url.replace('taskpane.html', 'nothing-here'));
    await warm.close();
    const ready = variant === 'ours' ? '[data-testid="preview-workbook"] >> xpath=//ancestor::body//button[not(@disabled)][contains(., "Check now")]' : '[data-testid="ready"]';
    return { browser, url, server, ready } satisfies Opened;
  },
  async ours(_dir, input) {
    try {
      return await open(input);
    } finally {
      await close(input);
    }
  },
  async baseline(_dir, input) {
    try {
      return await open(input);
    } finally {
      await close(input);
    }
  },
};
