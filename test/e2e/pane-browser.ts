import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { securityHeaders } from '../../server/http/security';
import { startService, type RunningService } from '../../server/main';
import { taskpaneStatic } from '../../server/routes/taskpane-static';

/**
 * The task pane in a real browser for the e2e tests: Debian's chromium (headless) driven by
 * playwright-core, the built bundle from dist/addin-web served with the service's own security
 * headers (CSP: no inline script, frames from Office only), the real service behind it for /api.
 * No network: office.js from Microsoft's CDN is made to fail, as it does offline.
 * A missing chromium fails the suite (it is not skipped): CI installs it.
 */

export const ROOT = path.join(__dirname, '..', '..');
export const WEB = path.join(ROOT, 'dist', 'addin-web');
export const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/**';
export const STEP_MS = 15_000;
export const ADMIN = 'lead@contoso.com';

/** The newest modification time of the files the pane is built from (addin/, shared/). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the pane from this tree unless the build in dist/ is newer than every file it is made
 * from (`npm test` builds it just before jest). Several browser suites run at once: rebuilding
 * in each would empty dist/addin-web under the others while they load the pane.
 */
export function ensurePaneBuilt(): void {
  const outputs = [path.join(WEB, 'taskpane.js'), path.join(ROOT, 'dist', 'addin-test', 'contract.js')];
  if (outputs.every((f) => existsSync(f))) {
    const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
    const source = Math.max(newestSource(path.join(ROOT, 'addin')), newestSource(path.join(ROOT, 'shared')));
    if (built > source) return;
  }
  execFileSync(process.execPath, [path.join(ROOT, 'addin', 'build.mjs')], { stdio: 'pipe', timeout: 300_000 });
}

export interface PaneServer {
  readonly baseUrl: string;
  readonly service: RunningService;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Builds the pane from this tree, starts the real service and a front serving the pane's files, launches chromium. */
export async function startPaneServer(): Promise<PaneServer> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium). The browser test is not skipped.`);
  ensurePaneBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'e2e-data-'));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent', DATA_DIR: dataDir, BOOTSTRAP_ADMINS: ADMIN });
  if (!config.ok) throw new Error(`e2e config: ${JSON.stringify(config.error)}`);
  const started = await startService(config.value);
  if (!started.ok) throw new Error(`e2e: the service did not start: ${started.error}`);
  const service = started.value;

  const app = express();
  app.use(securityHeaders({ production: false, authority: 'https://login.microsoftonline.com', extraFrameAncestors: [] }));
  app.use(taskpaneStatic({ dir: WEB }));
  // Everything else goes to the service, as one app would answer it.
  app.use(express.raw({ type: () => true, limit: '10mb' }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'connection', 'content-length', 'accept-encoding'].includes(k)) headers[k] = v;
    const answer = await fetch(service.url + req.originalUrl, { method: req.method, headers, ...(body ? { body } : {}) });
    res.status(answer.status);
    for (const name of ['content-type', 'retry-after', 'www-authenticate', 'x-request-id', 'etag', 'cache-control']) {
      const value = answer.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    res.send(Buffer.from(await answer.arrayBuffer()));
  });
  let front: Server;
  await new Promise<void>((resolve) => {
    front = app.listen(0, '127.0.0.1', () => resolve());
  });
  const baseUrl = `http://127.0.0.1:${(front!.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
  return {
    baseUrl,
    service,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await service.close();
    },
  };
}

export interface Opened {
  readonly page: Page;
  /** Errors the page logged: uncaught exceptions and CSP violations must stay empty. */
  readonly problems: string[];
}

export async function openPane(
  server: PaneServer,
  options: { lang: string; officeJs?: 'unreachable' | 'silent'; paneWidth?: number; viewport?: { width: number; height: number } },
): Promise<Opened> {
  const page = await server.browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 760 } });
  page.setDefaultTimeout(STEP_MS);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  await page.route(OFFICE_JS, (route) =>
    (options.officeJs ?? 'unreachable') === 'unreachable'
      ? route.abort('internetdisconnected')
      : // office.js that loads but never hears from a host: Office.onReady never settles.
        route.fulfill({ contentType: 'text/javascript', body: 'window.Office = { onReady: function () { return new Promise(function () {}); }, HostType: { Excel: "Excel" } };' }),
  );
  const query = new URLSearchParams({ lang: options.lang, ...(options.paneWidth ? { paneWidth: String(options.paneWidth) } : {}) });
  await page.goto(`${server.baseUrl}/taskpane.html?${query}`);
  return { page, problems };
}

/** Runs a test's browser steps; on failure, keeps a screenshot of the page for whoever reads the log. */
export async function withPage<T>(name: string, opening: Promise<Opened>, steps: (opened: Opened) => Promise<T>): Promise<T> {
  const opened = await opening;
  try {
    return await steps(opened);
  } catch (error) {
    await opened.page.screenshot({ path: path.join(SHOTS, `failed-${name}.png`) }).catch(() => undefined);
    throw error;
  } finally {
    await opened.page.close().catch(() => undefined);
  }
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[]; readonly html: string }[];
}

/**
 * axe-core (WCAG 2.1 A and AA rules) on the page as it is now. Injected through the DevTools
 * protocol (page.evaluate), not a <script>: the page's CSP allows no inline script, rightly.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Colours in mid-transition (a button just enabled fades in) are not what the user reads: wait
  // for the finite animations to end (spinners run forever and are left alone).
  for (let i = 0; i < 50; i++) {
    const settled = await page.evaluate(() =>
      (globalThis as unknown as { document: { getAnimations(): { playState: string; effect: { getTiming(): { iterations?: number } } | null }[] } }).document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    );
    if (settled) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await page.evaluate(`if (!window.axe) { ${AXE_SOURCE} }`);
  const result = await page.evaluate(() =>
    (globalThis as unknown as { axe: { run(ctx: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe.run(
      (globalThis as unknown as { document: unknown }).document,
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] },
    ),
  );
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
}

/** Polls a condition (the pane checks after a short debounce), bounded. */
export async function waitFor(condition: () => Promise<boolean>, ms = STEP_MS): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

/** true when the locator's element has the keyboard focus. */
export async function hasFocus(locator: ReturnType<Page['locator']>): Promise<boolean> {
  return locator.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement).catch(() => false);
}

/** Presses Tab (or Shift+Tab) until the element has the focus: how a keyboard user gets anywhere. */
export async function tabTo(page: Page, locator: ReturnType<Page['locator']>, options: { back?: boolean; max?: number } = {}): Promise<void> {
  await locator.waitFor();
  for (let i = 0; i < (options.max ?? 80); i++) {
    if (await hasFocus(locator)) return;
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${String(locator)}`);
}

const COLUMN = (address: string) => address.replace(/\d+$/, '').split('').reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
const ROW = (address: string) => Number(address.replace(/^[A-Z]+/, '')) - 1;

/**
 * Types into a cell of the preview workbook with the keyboard only: Tab into the grid, arrow
 * keys to the cell (as far as the name box says), the text, Enter.
 */
export async function typeInCell(page: Page, address: string, text: string): Promise<void> {
  const editor = page.locator('[data-testid="grid"] input');
  if (!(await hasFocus(editor))) await tabTo(page, editor, { back: true });
  const nameBox = page.getByTestId('name-box');
  for (let guard = 0; guard < 60; guard++) {
    const at = (await nameBox.innerText()).trim();
    if (at === address) break;
    const key = ROW(at) < ROW(address) ? 'ArrowDown' : ROW(at) > ROW(address) ? 'ArrowUp' : COLUMN(at) < COLUMN(address) ? 'ArrowRight' : 'ArrowLeft';
    await page.keyboard.press(key);
  }
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}
