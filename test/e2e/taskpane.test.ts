import path from 'node:path';
import type { Page } from 'playwright-core';
import { STRINGS } from '../../addin/taskpane/i18n';
import { TABS } from '../../addin/taskpane/tabs';
import { ADMIN, axe, hasFocus, openPane, SHOTS, startPaneServer, tabTo, typeInCell, waitFor, withPage, type AxeViolation, type PaneServer } from './pane-browser';

/**
 * The analyst's walk (issue 17, "Done when"), in preview mode, in zh-CN and en-US, with the pane
 * at 320 px and the keyboard only: insert a template, type wrong values (a percent weight
 * included), see the right issues, fix them, sign in, choose a workspace, push, make and resolve
 * a conflict, get the service's scorecard and compute one here with confirmation. axe-core
 * (WCAG 2.1 A/AA) runs in every state and must find nothing; screenshots of each state are kept
 * in test-output/screenshots/.
 */

jest.setTimeout(240_000);

let server: PaneServer;
beforeAll(async () => {
  server = await startPaneServer();
});
afterAll(() => server?.close());

const cell = (page: Page, address: string) => page.locator(`[data-testid="preview-workbook"] td[data-address="${address}"]`);

/** axe in this state: zero violations, or the list of them in the failure. */
async function expectAccessible(page: Page, state: string, seen: string[]): Promise<void> {
  const violations: AxeViolation[] = await axe(page);
  seen.push(state);
  if (violations.length > 0) throw new Error(`axe found ${violations.length} violation(s) in state "${state}": ${JSON.stringify(violations, null, 1)}`);
}

async function shot(page: Page, lang: string, state: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `walk-${lang}-${state}.png`) });
}

async function openTab(page: Page, name: string): Promise<void> {
  // The tab list is one Tab stop; arrows move between tabs and select them.
  const selected = page.locator('[role="tab"][aria-selected="true"]');
  await tabTo(page, selected);
  const target = page.getByRole('tab', { name, exact: true });
  // Any tab is at most TABS.length - 1 presses away (the arrows wrap around).
  for (let i = 0; i < TABS.length - 1 && (await target.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowRight');
  await waitFor(async () => (await target.getAttribute('aria-selected')) === 'true');
}

async function press(page: Page, locator: ReturnType<Page['locator']>, key = 'Enter'): Promise<void> {
  await tabTo(page, locator);
  await page.keyboard.press(key);
}

const WALKS = [
  {
    lang: 'en-US',
    kpiSheet: 'KPI definitions',
    metricSheet: 'Metric values',
    kpi: { name: 'Conversion rate', formula: 'Orders / Visits', perspective: 'Customer' },
    // Typed as in Excel: the cell becomes 1.5 shown as 150%, which the readers hand over as its
    // percent text (shared/parse/excel-number.ts): 150%, not 1.5 points.
    percentWeight: '150%',
    weightsMessage: /^The weights add up to 150%, not 100%\.$/,
    targetMessage: /The target “abc” cannot be read/,
    metrics: [
      ['2024-03', 'Sales', 'Orders', '33'],
      ['2024-03', 'Sales', 'Visits', '1000'],
    ],
    workspace: 'e2e-en',
    pushed: 'Pushed revision 1: 5 cells changed.',
    conflicted: 'Pushed revision 2: 0 cells changed, 1 conflict to resolve below.',
    resolved: 'Conflicts resolved in revision 3.',
    conflictHeading: '1 conflict to resolve',
    got: 'The scorecard is on the “Scorecard” sheet. 1 KPI row',
  },
  {
    lang: 'zh-CN',
    kpiSheet: 'KPI定义',
    metricSheet: '指标数据',
    kpi: { name: '转化率', formula: '订单数 / 访问量', perspective: '客户' },
    // Full-width, as a Chinese IME types it: Excel keeps it as text, and the checks read it as 150%.
    percentWeight: '１５０％',
    weightsMessage: /^权重合计为 150%，应为 100%。$/,
    targetMessage: /无法识别目标值“abc”/,
    metrics: [
      ['2024年3月', '销售部', '订单数', '33'],
      ['2024年3月', '销售部', '访问量', '1000'],
    ],
    workspace: 'e2e-zh',
    pushed: '已推送版本 1：更改了 5 个单元格。',
    conflicted: '已推送版本 2：更改了 0 个单元格，另有 1 处冲突待解决（见下方）。',
    resolved: '冲突已在版本 3 中解决。',
    conflictHeading: '1 处冲突待解决',
    got: '计分卡已写入“计分卡”工作表。 1 行 KPI',
  },
] as const;

describe('the analyst’s walk, keyboard only, at 320 px (chromium)', () => {
  it.each(WALKS)('$lang', async (t) => {
    const s = STRINGS[t.lang];
    const states: string[] = [];
    await withPage(`walk-${t.lang}`, openPane(server, { lang: t.lang, paneWidth: 320, viewport: { width: 960, height: 900 } }), async ({ page, problems }) => {
      await page.getByTestId('preview-banner').waitFor();
      await expectAccessible(page, 'start', states);
      // Nothing to check yet: the pane says so and offers the way out.
      await page.getByRole('button', { name: s.issues.goToTemplates }).waitFor();
      await expect(page.getByTestId('issue-counts').count()).resolves.toBe(0);

      // 1. A KPI template.
      await press(page, page.getByRole('button', { name: s.issues.goToTemplates }));
      await waitFor(async () => (await page.getByRole('tab', { name: s.tabs.templates }).getAttribute('aria-selected')) === 'true');
      await expect(page.getByText(s.templates.purpose.kpi).count()).resolves.toBe(1);
      await expectAccessible(page, 'templates', states);
      await press(page, page.locator('button[data-kind="kpi"]'));
      await page.locator(`nav button[data-sheet="${t.kpiSheet}"]`).waitFor();
      await shot(page, t.lang, 'template');

      // 2. Wrong values: an unreadable target and a weight of 150%.
      await typeInCell(page, 'A2', t.kpi.name);
      await typeInCell(page, 'B2', t.kpi.formula);
      await typeInCell(page, 'C2', 'abc');
      await typeInCell(page, 'D2', t.percentWeight);
      await typeInCell(page, 'E2', t.kpi.perspective);

      // 3. The right issues, message first, each where it is.
      await openTab(page, s.tabs.issues);
      const target = page.locator(`[data-testid="issue-list"] button[data-cell="${t.kpiSheet}!C2"]`);
      await waitFor(async () => t.targetMessage.test((await target.innerText().catch(() => '')) ?? ''));
      expect((await target.innerText()).startsWith(t.lang === 'en-US' ? 'The target' : '无法识别')).toBe(true);
      await expect(target.innerText()).resolves.toContain('kpi.target-invalid');
      const weights = page.locator(`[data-testid="issue-list"] button[data-cell="${t.kpiSheet}!D2"]`);
      await waitFor(async () => t.weightsMessage.test(((await weights.locator('p').innerText().catch(() => '')) ?? '').trim()));
      await waitFor(async () => (await page.getByTestId('issue-counts').innerText()) === s.issues.counts(2, 0));
      await waitFor(async () => ((await cell(page, 'C2').getAttribute('title')) ?? '').length > 0);
      await expectAccessible(page, 'issues', states);
      await shot(page, t.lang, 'issues');
      // Activating an issue selects its cell; the focus stays in the pane, on the issue.
      await press(page, target);
      await waitFor(async () => (await page.getByTestId('name-box').innerText()) === 'C2');
      expect(await hasFocus(target)).toBe(true);

      // 4. Fixed: the marks and the list clear.
      await typeInCell(page, 'C2', '≥3%');
      await typeInCell(page, 'D2', '100%');
      await page.getByText(s.issues.none).waitFor();
      await waitFor(async () => (await cell(page, 'C2').getAttribute('title')) === null);
      await expectAccessible(page, 'fixed', states);
      await shot(page, t.lang, 'fixed');

      // The metric values the KPI's formula reads.
      await openTab(page, s.tabs.templates);
      await press(page, page.locator('button[data-kind="metrics"]'));
      await page.locator(`nav button[data-sheet="${t.metricSheet}"]`).waitFor();
      for (const [i, row] of t.metrics.entries()) for (const [c, text] of row.entries()) await typeInCell(page, `${'ABCD'[c]}${i + 2}`, text);

      // 5. Sign in: a development token from the service, asked for by e-mail; the focus lands on who is signed in.
      await openTab(page, s.tabs.sync);
      await page.getByText(s.sync.signInForWorkspaces).waitFor();
      await press(page, page.getByRole('button', { name: s.signIn.signIn, exact: true }));
      await tabTo(page, page.getByLabel(s.signIn.email));
      await page.keyboard.type(ADMIN);
      await page.keyboard.press('Enter');
      await waitFor(async () => (await page.getByTestId('sign-in-state').innerText()) === s.signIn.signedInAs(ADMIN));
      expect(await hasFocus(page.getByTestId('sign-in-state'))).toBe(true);
      await expectAccessible(page, 'signed-in', states);

      // 6. A workspace: never the shared demo (not offered: this user may not push there); a new one.
      const workspace = page.getByTestId('workspace');
      await waitFor(async () => (await workspace.isEnabled()) && (await workspace.locator('option').count()) > 1);
      const offered = await workspace.locator('option').allInnerTexts();
      expect(offered).not.toContain('demo');
      expect(await workspace.inputValue()).toBe('');
      await tabTo(page, workspace);
      await page.keyboard.press('End');
      await waitFor(async () => (await workspace.locator('option:checked').innerText()) === s.sync.newWorkspace);
      await tabTo(page, page.getByLabel(s.sync.newWorkspaceName));
      await page.keyboard.type(t.workspace);
      await tabTo(page, page.getByLabel(s.sync.workbook));
      await page.keyboard.type('plan');
      await expectAccessible(page, 'workspace', states);

      // 7. Push the KPI sheet.
      const sheet = page.getByLabel(s.sync.sheet, { exact: true });
      await tabTo(page, sheet);
      await page.keyboard.press('Home');
      const status = page.getByTestId('sync-status');
      await press(page, page.getByRole('button', { name: s.sync.push, exact: true }));
      await waitFor(async () => (await status.textContent()) === t.pushed);
      await expectAccessible(page, 'pushed', states);
      await shot(page, t.lang, 'pushed');

      // 8. A conflict: a colleague changes the target on the service; this pane changes it too.
      const colleague = (await (await fetch(`${server.baseUrl}/api/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: ADMIN }) })).json()) as { token: string };
      const theirs = await fetch(`${server.baseUrl}/api/v1/workspaces/${encodeURIComponent(t.workspace)}/workbooks/plan/sheets/${encodeURIComponent(t.kpiSheet)}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${colleague.token}`, 'Content-Type': 'application/json', 'If-Match': '"1"', 'Idempotency-Key': `colleague-${t.lang}` },
        body: JSON.stringify({ kind: 'kpi', mode: 'delta', rows: [{ cells: { name: t.kpi.name, target: '≥5%' } }], deletes: [] }),
      });
      expect(theirs.status).toBe(200);
      await press(page, page.locator(`nav button[data-sheet="${t.kpiSheet}"]`));
      await typeInCell(page, 'C2', '≥4%');
      await openTab(page, s.tabs.sync);
      await press(page, page.getByRole('button', { name: s.sync.push, exact: true }));
      await waitFor(async () => (await status.textContent()) === t.conflicted);
      const conflicts = page.getByTestId('conflicts');
      await expect(conflicts.getByRole('heading').innerText()).resolves.toBe(t.conflictHeading);
      // The row by its own name and the cell's address; the cell marked in the sheet.
      await expect(conflicts.innerText()).resolves.toContain(t.kpi.name);
      await expect(conflicts.innerText()).resolves.toContain('C2');
      await waitFor(async () => ((await cell(page, 'C2').getAttribute('title')) ?? '').includes('≥5%'));
      // At 320 px the three choices stack, one per line.
      const radios = conflicts.getByRole('radio');
      const tops = await Promise.all([0, 1, 2].map(async (i) => (await radios.nth(i).boundingBox())!.y));
      expect(tops[0]! < tops[1]! && tops[1]! < tops[2]!).toBe(true);
      await expectAccessible(page, 'conflict', states);
      await shot(page, t.lang, 'conflict');

      // 9. Keep mine: arrow keys in the radio group, then resolve.
      await tabTo(page, radios.first());
      await page.keyboard.press('Space');
      await waitFor(async () => (await radios.first().isChecked()) === true);
      await press(page, page.getByRole('button', { name: s.conflicts.resolve }));
      await waitFor(async () => (await status.textContent()) === t.resolved);
      await waitFor(async () => !((await cell(page, 'C2').getAttribute('title')) ?? '').includes('≥5%'));
      await expectAccessible(page, 'resolved', states);

      // Push the metric values too, for the scorecard.
      await tabTo(page, sheet);
      await page.keyboard.press('End');
      await press(page, page.getByRole('button', { name: s.sync.push, exact: true }));
      await waitFor(async () => /^(Pushed revision 1|已推送版本 1)/.test((await status.textContent()) ?? ''));

      // 10. The service's scorecard: the period, then Enter.
      await openTab(page, s.tabs.scorecard);
      await tabTo(page, page.getByLabel(s.scorecard.period));
      await page.keyboard.type('2024-03');
      await page.keyboard.press('Enter');
      const written = page.getByTestId('scorecard-status');
      await waitFor(async () => (await written.textContent()) === t.got);
      // 3.3% against the ≥4% kept in the conflict: 82.5%, off target, said in words beside its shape.
      const overall = page.getByRole('table', { name: s.scorecard.overall }).getByRole('row').nth(1).getByRole('cell');
      await expect(overall.allInnerTexts()).resolves.toEqual(['2024-03', t.metrics[0]![1], '82.5%', s.scorecard.statusWords.red]);
      await expectAccessible(page, 'scorecard', states);

      // 11. Computed here: it asks before replacing what the service gave, and focuses the choice.
      await press(page, page.getByRole('button', { name: s.scorecard.computeHere }));
      const confirm = page.getByTestId('confirm-replace');
      await confirm.waitFor();
      await expect(confirm.innerText()).resolves.toContain(s.scorecard.confirmText(1));
      expect(await hasFocus(page.getByRole('button', { name: s.scorecard.confirmReplace }))).toBe(true);
      await expectAccessible(page, 'confirm', states);
      await shot(page, t.lang, 'confirm');
      await page.keyboard.press('Enter');
      await waitFor(async () => (await confirm.count()) === 0);
      await waitFor(async () => (await written.textContent()) === t.got);
      await expectAccessible(page, 'computed', states);
      await shot(page, t.lang, 'computed');

      expect(problems).toEqual([]);
      expect(states).toEqual(['start', 'templates', 'issues', 'fixed', 'signed-in', 'workspace', 'pushed', 'conflict', 'resolved', 'scorecard', 'confirm', 'computed']);
    });
  });
});

describe('start-up (chromium)', () => {
  it('starts without office.js (offline) and under the service’s CSP; the service’s root opens the pane', async () => {
    await withPage('start', openPane(server, { lang: 'en-US' }), async ({ page, problems }) => {
      await page.getByTestId('preview-banner').waitFor();
      await page.locator('nav button[data-sheet="Sheet1"]').waitFor();
      expect(problems).toEqual([]);
      await page.goto(server.baseUrl + '/');
      expect(new URL(page.url()).pathname).toBe('/taskpane.html');
    });
  });

  it('shows a localised loading state while Office does not answer, then falls back to preview', async () => {
    // office.js loads but never hears from a host: the pane says it is loading, in Chinese, and
    // then (after detect-host's timeout, unit-tested with fake timers) opens in preview.
    await withPage('silent-office', openPane(server, { lang: 'zh-CN', officeJs: 'silent' }), async ({ page }) => {
      await page.getByText(STRINGS['zh-CN'].loading).waitFor();
      await page.getByTestId('preview-banner').waitFor({ timeout: 60_000 });
      await expect(page.getByText(STRINGS['zh-CN'].loading).count()).resolves.toBe(0);
    });
  });

  it('an error says what to do in the user’s language, and is dismissed by keyboard with a button that names it', async () => {
    await withPage('zh-CN-sync', openPane(server, { lang: 'zh-CN', paneWidth: 320 }), async ({ page, problems }) => {
      const s = STRINGS['zh-CN'];
      await page.getByTestId('preview-banner').waitFor();
      await press(page, page.getByRole('button', { name: s.issues.goToTemplates }));
      await press(page, page.locator('button[data-kind="kpi"]'));
      await typeInCell(page, 'A2', '转化率');
      await openTab(page, s.tabs.scorecard);
      await press(page, page.getByRole('button', { name: s.scorecard.pull }));
      const message = page.getByTestId('error-message');
      await message.waitFor();
      await expect(message.innerText()).resolves.toContain(s.errors.noWorkspace);
      await page.screenshot({ path: path.join(SHOTS, 'taskpane-zh-CN-message.png') });
      // Dismissed by keyboard; each dismiss button names what it dismisses.
      await press(page, page.getByRole('button', { name: s.errors.dismiss(s.errors.contexts.scorecard) }));
      await waitFor(async () => (await message.count()) === 0);
      expect(problems).toEqual([]);
    });
  });
});
