import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createDevTokens } from '../../server/access/dev-tokens';
import { localDevSigningKey } from '../../server/access/local-keys';
import { loadConfig } from '../../server/config';
import { securityHeaders } from '../../server/http/security';
import { startService, type RunningService } from '../../server/main';
import { taskpaneStatic } from '../../server/routes/taskpane-static';

/**
 * The task pane in a real browser (Debian's chromium, headless), in preview mode: the built
 * bundle from dist/addin-web, served with the service's own security headers (CSP: no inline
 * script, frames from Office only), the real service behind it for /api. No network: office.js
 * from Microsoft's CDN is made to fail, as it does offline, so the pane must not wait for it.
 *
 * A missing chromium fails the suite (it is not skipped): CI installs it.
 */

const ROOT = path.join(__dirname, '..', '..');
const WEB = path.join(ROOT, 'dist', 'addin-web');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/**';
const STEP_MS = 10_000;

jest.setTimeout(120_000);

let browser: Browser;
let front: Server;
let service: RunningService | null = null;
let baseUrl = '';
/** A development token from the service's own key, as `ops-scorecard token --user` prints it; null without a service. */
let devToken: string | null = null;
const ADMIN = 'lead@contoso.com';

/** The real service when it starts; the pane's files in front of it (until the lead mounts them in createApp). */
async function startServer(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'e2e-data-'));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent', DATA_DIR: dataDir, BOOTSTRAP_ADMINS: ADMIN });
  if (!config.ok) throw new Error(`e2e config: ${JSON.stringify(config.error)}`);
  const started = await startService(config.value);
  service = started.ok ? started.value : null;
  if (!started.ok) process.stderr.write(`e2e: the service did not start (${started.error}); serving the task pane's files only\n`);
  if (service) {
    const key = await localDevSigningKey(path.join(dataDir, 'dev-signing-key.json'));
    if (key.ok) {
      const tokens = await createDevTokens({ privateJwk: key.value, nodeEnv: 'test', requiredScope: 'Scorecard.ReadWrite', clock: { now: () => new Date() } });
      devToken = await tokens.sign({ email: ADMIN });
    }
  }

  const app = express();
  app.use(securityHeaders({ production: false, authority: 'https://login.microsoftonline.com', extraFrameAncestors: [] }));
  app.use(taskpaneStatic({ dir: WEB }));
  // Everything else goes to the service, as one app would answer it.
  app.use(express.raw({ type: () => true, limit: '10mb' }), async (req, res) => {
    if (!service) return void res.status(404).type('application/problem+json').json({ code: 'not-found' });
    const body = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v;
    const answer = await fetch(service.url + req.originalUrl, { method: req.method, headers, ...(body ? { body } : {}) });
    res.status(answer.status);
    for (const name of ['content-type', 'retry-after', 'www-authenticate', 'x-request-id']) {
      const value = answer.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    res.send(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => {
    front = app.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium). The browser test is not skipped.`);
  // The bundle under test is the one built from this tree, now.
  execFileSync(process.execPath, [path.join(ROOT, 'addin', 'build.mjs')], { stdio: 'pipe', timeout: 120_000 });
  mkdirSync(SHOTS, { recursive: true });
  await startServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 30_000,
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (front ? front.close(() => resolve()) : resolve()));
  await service?.close();
});

/** Runs a test's browser steps; on failure, keeps a screenshot of the page for whoever reads the log. */
async function withPage<T>(name: string, opening: Promise<Opened>, steps: (opened: Opened) => Promise<T>): Promise<T> {
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

interface Opened {
  page: Page;
  /** Errors the page logged: uncaught exceptions and CSP violations must stay empty. */
  problems: string[];
}

async function open(lang: string, officeJs: 'unreachable' | 'silent' = 'unreachable'): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  page.setDefaultTimeout(STEP_MS);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  await page.route(OFFICE_JS, (route) =>
    officeJs === 'unreachable'
      ? route.abort('internetdisconnected')
      : // office.js that loads but never hears from a host: Office.onReady never settles.
        route.fulfill({ contentType: 'text/javascript', body: 'window.Office = { onReady: function () { return new Promise(function () {}); }, HostType: { Excel: "Excel" } };' }),
  );
  await page.goto(`${baseUrl}/taskpane.html?lang=${lang}`);
  return { page, problems };
}

const cell = (page: Page, address: string) => page.locator(`[data-testid="preview-workbook"] td[data-address="${address}"]`);

async function type(page: Page, address: string, text: string): Promise<void> {
  await cell(page, address).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('the task pane in preview mode (chromium)', () => {
  it('starts without office.js (offline) and under the service’s CSP', async () => {
    await withPage('start', open('en-US'), async ({ page, problems }) => {
      await page.getByTestId('preview-banner').waitFor();
      await expectVisible(page, 'Sheet1');
      expect(problems).toEqual([]);
      // The service's root opens the same pane.
      await page.goto(baseUrl + '/');
      expect(new URL(page.url()).pathname).toBe('/taskpane.html');
    });
  });

  it('does not hang when office.js loads but Office never answers: preview after ~1.5 s', async () => {
    const started = Date.now();
    await withPage('silent-office', open('en-US', 'silent'), async ({ page }) => {
      await page.getByTestId('preview-banner').waitFor({ timeout: 6_000 });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(1_400);
      expect(elapsed).toBeLessThan(6_000);
    });
  });

  const LANGS = [
    { lang: 'en-US', templates: 'Templates', issues: 'Issues', sheet: 'KPI definitions', name: 'Conversion rate', perspective: 'Customer', message: /The target “abc” cannot be read/, clean: 'No issues found.', counts: '1 error, 0 warnings' },
    { lang: 'zh-CN', templates: '模板', issues: '问题', sheet: 'KPI定义', name: '转化率', perspective: '客户', message: /无法识别目标值“abc”/, clean: '未发现问题。', counts: '1 个错误，0 个警告' },
  ] as const;

  it.each(LANGS)('$lang: insert a KPI template, type a bad target, see it marked and listed, fix it, see the mark go', async (t) => {
    await withPage(`${t.lang}-check`, open(t.lang), async ({ page, problems }) => {
      await page.getByTestId('preview-banner').waitFor();

      await page.getByRole('tab', { name: t.templates }).click();
      await page.locator('button[data-kind="kpi"]').click();
      await expectVisible(page, t.sheet);
      await type(page, 'A2', t.name);
      await type(page, 'C2', 'abc');
      await type(page, 'D2', '100%');
      await type(page, 'E2', t.perspective);

      await page.getByRole('tab', { name: t.issues, exact: true }).click();
      const item = page.locator(`[data-testid="issue-list"] button[data-cell="${t.sheet}!C2"]`);
      await item.waitFor();
      // Checks follow edits: an earlier check (C2 still empty) may be listed for a moment.
      await waitFor(async () => t.message.test(await item.innerText()));
      await expect(item.innerText()).resolves.toContain('kpi.target-invalid');
      // The list settles after the last edit's check (checks follow edits with a short debounce).
      await waitFor(async () => (await page.getByTestId('issue-counts').innerText()) === t.counts);
      // Marked in the sheet: a fill and a note with the same message.
      // B2 (an optional column, never marked here) shows the row's own look: the table's band.
      await waitFor(async () => (await fillOf(page, 'C2')) !== (await fillOf(page, 'B2')));
      await expect(cell(page, 'C2').getAttribute('title')).resolves.toMatch(t.message);
      // Clicking the issue selects its cell.
      await cell(page, 'H9').click();
      await item.click();
      await waitFor(async () => (await page.getByTestId('name-box').innerText()) === 'C2');
      await page.screenshot({ path: path.join(SHOTS, `taskpane-${t.lang}-issue.png`) });

      await type(page, 'C2', '≥3%');
      await page.getByText(t.clean).waitFor();
      await waitFor(async () => (await fillOf(page, 'C2')) === (await fillOf(page, 'B2')));
      await expect(cell(page, 'C2').getAttribute('title')).resolves.toBeNull();
      await expect(page.locator('[data-testid="issue-list"] li').count()).resolves.toBe(0);
      await page.screenshot({ path: path.join(SHOTS, `taskpane-${t.lang}-fixed.png`) });
      expect(problems).toEqual([]);
    });
  });

  it('zh-CN: the Sync tab speaks Chinese and a push without sign-in is reported in Chinese', async () => {
    await withPage('zh-CN-sync', open('zh-CN'), async ({ page, problems }) => {
      await page.getByTestId('preview-banner').waitFor();
      await page.getByRole('tab', { name: '模板' }).click();
      await page.locator('button[data-kind="kpi"]').click();
      await type(page, 'A2', '转化率');
      await page.getByRole('tab', { name: '同步' }).click();
      await page.getByRole('button', { name: '推送' }).click();
      const message = page.getByTestId('error-message');
      await message.waitFor();
      await expect(message.innerText()).resolves.toContain('请先登录。');
      await page.screenshot({ path: path.join(SHOTS, 'taskpane-zh-CN-sync.png') });
      expect(problems).toEqual([]);
    });
  });
});

describe('the task pane against the real service (chromium)', () => {
  /**
   * One user's round trip, in each language: a KPI sheet and its metric values typed into the
   * preview workbook, both pushed, then the workspace's scorecard pulled from the service and
   * written into the workbook's Scorecard sheet. Each language has a workspace of its own (the
   * demo workspace has a permission matrix that does not list this user).
   *
   * Conversion rate = Orders / Visits, target ≥3%, weight 100%: Sales 33 / 1000 is 3.3%, 110%
   * of target (On target); Support 28 / 1000 is 2.8%, 93.3% (Watch: amber from 90%).
   */
  const ROUND_TRIP = [
    {
      lang: 'en-US',
      workspace: 'e2e',
      tabs: { templates: 'Templates', sync: 'Sync', scorecard: 'Scorecard' },
      signIn: { button: 'Sign in', paste: 'Or paste a token from “ops-scorecard token”', use: 'Use token', state: `Signed in as ${ADMIN}` },
      sync: { workspace: 'Workspace', sheet: 'Sheet', push: 'Push', pushed: (cells: number) => `Pushed revision 1: ${cells} cells changed.`, upToDate: /^Up to date \(revision 1\)/ },
      kpiSheet: 'KPI definitions',
      metricSheet: 'Metric values',
      metricKind: 'Metric values',
      kpi: { name: 'Conversion rate', formula: 'Orders / Visits', perspective: 'Customer' },
      metrics: [
        ['2024-03', 'Sales', 'Orders', '33'],
        ['2024-03', 'Sales', 'Visits', '1000'],
        ['2024-03', 'Support', 'Orders', '28'],
        ['2024-03', 'Support', 'Visits', '1000'],
      ],
      scorecard: { get: 'Get scorecard', sheet: 'Scorecard', title: 'Balanced Scorecard', written: 'The scorecard is on the “Scorecard” sheet. 2 KPI rows' },
      expected: [
        { department: 'Sales', actual: '0.033', achievement: '110.0%', status: 'On target', score: '110.0%', fill: '#C6EFCE' },
        { department: 'Support', actual: '0.028', achievement: '93.3%', status: 'Watch', score: '93.3%', fill: '#FFEB9C' },
      ],
    },
    {
      lang: 'zh-CN',
      workspace: 'e2e-zh',
      tabs: { templates: '模板', sync: '同步', scorecard: '计分卡' },
      signIn: { button: '登录', paste: '或粘贴“ops-scorecard token”生成的令牌', use: '使用令牌', state: `已登录：${ADMIN}` },
      sync: { workspace: '工作区', sheet: '工作表', push: '推送', pushed: (cells: number) => `已推送版本 1：更改了 ${cells} 个单元格。`, upToDate: /^已是最新（版本 1）/ },
      kpiSheet: 'KPI定义',
      metricSheet: '指标数据',
      metricKind: '指标数据',
      kpi: { name: '转化率', formula: '订单数 / 访问量', perspective: '客户' },
      // Periods as people write them in Chinese: the service scores them as 2024-03.
      metrics: [
        ['2024年3月', '销售部', '订单数', '33'],
        ['2024年3月', '销售部', '访问量', '1000'],
        ['2024年3月', '客服部', '订单数', '28'],
        ['2024年3月', '客服部', '访问量', '1000'],
      ],
      scorecard: { get: '获取计分卡', sheet: '计分卡', title: '平衡计分卡', written: '计分卡已写入“计分卡”工作表。 2 行 KPI' },
      expected: [
        { department: '销售部', actual: '0.033', achievement: '110.0%', status: '达标', score: '110.0%', fill: '#C6EFCE' },
        { department: '客服部', actual: '0.028', achievement: '93.3%', status: '预警', score: '93.3%', fill: '#FFEB9C' },
      ],
    },
  ] as const;

  it.each(ROUND_TRIP)(
    '$lang: signs in with a pasted development token, pushes a KPI sheet and its metric values (through XMLHttpRequest, the transport that reports upload progress), pulls the scorecard into the workbook',
    async (t) => {
      const token = devToken;
      if (!service || token === null) throw new Error('the service did not start: see the message above');
      await withPage(`${t.lang}-round-trip`, open(t.lang), async ({ page, problems }) => {
        await page.getByTestId('preview-banner').waitFor();
        await page.getByRole('tab', { name: t.tabs.templates }).click();
        await page.locator('button[data-kind="kpi"]').click();
        await expectVisible(page, t.kpiSheet);
        await type(page, 'A2', t.kpi.name);
        await type(page, 'B2', t.kpi.formula);
        await type(page, 'C2', '≥3%');
        await type(page, 'D2', '100%');
        await type(page, 'E2', t.kpi.perspective);

        await page.getByRole('button', { name: t.signIn.button }).click();
        await page.getByLabel(t.signIn.paste).fill(token);
        await page.getByRole('button', { name: t.signIn.use }).click();
        await waitFor(async () => (await page.getByTestId('sign-in-state').innerText()) === t.signIn.state);

        await page.getByRole('tab', { name: t.tabs.sync }).click();
        await page.getByLabel(t.sync.workspace).fill(t.workspace);
        await page.getByRole('button', { name: t.sync.push, exact: true }).click();
        const status = page.getByTestId('sync-status');
        await waitFor(async () => (await status.textContent()) === t.sync.pushed(5));
        // Nothing changed since: the next push sends nothing.
        await page.getByRole('button', { name: t.sync.push, exact: true }).click();
        await waitFor(async () => t.sync.upToDate.test((await status.textContent()) ?? ''));
        if (t.lang === 'en-US') await page.screenshot({ path: path.join(SHOTS, 'taskpane-en-US-sync.png') });

        // The numbers the KPI's formula reads, typed into a metric-values sheet of their own.
        await page.getByRole('tab', { name: t.tabs.templates }).click();
        await page.locator('button[data-kind="metrics"]').click();
        await expectVisible(page, t.metricSheet);
        for (const [i, row] of t.metrics.entries()) {
          for (const [c, text] of row.entries()) await type(page, `${'ABCD'[c]}${i + 2}`, text);
        }
        await page.getByRole('tab', { name: t.tabs.sync }).click();
        await page.getByRole('combobox', { name: t.sync.sheet }).click();
        await page.getByRole('option', { name: `${t.metricSheet} · ${t.metricKind}` }).click();
        await page.getByRole('button', { name: t.sync.push, exact: true }).click();
        await waitFor(async () => (await status.textContent()) === t.sync.pushed(t.metrics.length * 4));

        // The scorecard the service computed from both sheets, written into the workbook.
        await page.getByRole('tab', { name: t.tabs.scorecard }).click();
        await page.getByRole('button', { name: t.scorecard.get }).click();
        await waitFor(async () => (await page.getByTestId('scorecard-status').textContent()) === t.scorecard.written);
        await expectVisible(page, t.scorecard.sheet);
        // The workbook shows the new sheet (it is made the active one).
        await waitFor(async () => (await page.locator('nav button[aria-current="true"]').getAttribute('data-sheet')) === t.scorecard.sheet);
        const shown = await gridText(page);
        expect(shown.get('A1')).toBe(t.scorecard.title);
        for (const e of t.expected) {
          const row = [...shown].find(([address, text]) => /^B\d+$/.test(address) && text === e.department && shown.get(`C${address.slice(1)}`) === t.kpi.name);
          if (!row) throw new Error(`no KPI row for ${e.department} on the ${t.scorecard.sheet} sheet: ${JSON.stringify([...shown])}`);
          const n = row[0].slice(1);
          expect({
            period: shown.get(`A${n}`),
            perspective: shown.get(`D${n}`),
            actual: shown.get(`E${n}`),
            target: shown.get(`F${n}`),
            achievement: shown.get(`G${n}`),
            status: shown.get(`H${n}`),
            weight: shown.get(`I${n}`),
            score: shown.get(`J${n}`),
          }).toEqual({ period: '2024-03', perspective: t.kpi.perspective, actual: e.actual, target: '≥3%', achievement: e.achievement, status: e.status, weight: '100%', score: e.score });
          // The status's traffic-light fill (a conditional format), as Excel would show it.
          await expect(fillOf(page, `H${n}`)).resolves.toBe(rgb(e.fill));
        }
        await page.screenshot({ path: path.join(SHOTS, `taskpane-${t.lang}-scorecard.png`) });
        expect(problems).toEqual([]);
      });
    },
  );
});

/** What every drawn cell of the shown sheet displays, by address (empty cells left out). */
async function gridText(page: Page): Promise<Map<string, string>> {
  const cells = page.locator('[data-testid="preview-workbook"] td[data-address]');
  const pairs = await cells.evaluateAll((tds) =>
    tds.map((td) => [(td as unknown as { dataset: { address: string } }).dataset.address, (td as unknown as { textContent: string }).textContent] as const),
  );
  return new Map(pairs.filter(([, text]) => text !== ''));
}

/** "#C6EFCE" as getComputedStyle reports it. */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

async function fillOf(page: Page, address: string): Promise<string> {
  // Runs in the page; the test project has no DOM types, hence the cast.
  return cell(page, address).evaluate((e) => (globalThis as unknown as { getComputedStyle(el: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor);
}

async function expectVisible(page: Page, sheetTab: string): Promise<void> {
  await page.locator(`nav button[data-sheet="${sheetTab}"]`).waitFor();
}

/** Polls a condition (the pane checks after a short debounce), bounded. */
async function waitFor(condition: () => Promise<boolean>, ms = STEP_MS): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met within ${ms} ms`);
}
