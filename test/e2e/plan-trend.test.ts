import path from 'node:path';
import type { Page } from 'playwright-core';
import { STRINGS } from '../../addin/taskpane/i18n';
import { axe, openPane, SHOTS, startPaneServer, tabTo, typeInCell, waitFor, withPage, type PaneServer } from './pane-browser';

/**
 * The plan view and the trend view (issue 12), in preview mode, in zh-CN and en-US, at 320 px and
 * by keyboard: type a Gantt plan, schedule it in the Plan tab (dates, slack, critical path,
 * finish), draw its bars into the sheet; type two months of metric values, compute the scorecard
 * here and read the KPI's trend. axe-core finds nothing in each state; screenshots are kept in
 * test-output/screenshots/.
 */

// About 40 cells typed by keyboard on a shared 2-core machine: minutes, not seconds.
jest.setTimeout(600_000);

let server: PaneServer;
beforeAll(async () => {
  server = await startPaneServer();
});
afterAll(() => server?.close());

async function expectAccessible(page: Page, state: string): Promise<void> {
  const violations = await axe(page);
  if (violations.length > 0) throw new Error(`axe found ${violations.length} violation(s) in state "${state}": ${JSON.stringify(violations, null, 1)}`);
}

async function shot(page: Page, lang: string, state: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${state}-${lang}.png`) });
}

async function openTab(page: Page, name: string): Promise<void> {
  const selected = page.locator('[role="tab"][aria-selected="true"]');
  await tabTo(page, selected);
  const target = page.getByRole('tab', { name, exact: true });
  // Arrows wrap around: at most one press fewer than there are tabs.
  const tabs = await page.getByRole('tab').count();
  for (let i = 0; i < tabs - 1 && (await target.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowRight');
  await waitFor(async () => (await target.getAttribute('aria-selected')) === 'true');
}

async function press(page: Page, locator: ReturnType<Page['locator']>): Promise<void> {
  await tabTo(page, locator);
  await page.keyboard.press('Enter');
}

async function typeRows(page: Page, rows: readonly (readonly string[])[]): Promise<void> {
  for (const [i, row] of rows.entries()) for (const [c, text] of row.entries()) if (text !== '') await typeInCell(page, `${'ABCDE'[c]}${i + 2}`, text);
}

const cell = (page: Page, address: string) => page.locator(`[data-testid="preview-workbook"] td[data-address="${address}"]`);

/** The background colours drawn on one row of the preview sheet, right of the plan's columns. */
async function rowFills(page: Page, row: number): Promise<string[]> {
  return page
    .locator(`[data-testid="preview-workbook"] td[data-address$="${row}"]`)
    .evaluateAll((tds, r) => tds.filter((td) => (td.getAttribute('data-address') ?? '').replace(/^[A-Z]+/, '') === String(r)).map((td) => (td as unknown as { style: { backgroundColor: string } }).style.backgroundColor).filter((c) => c !== ''), row);
}

const CRITICAL_RED = 'rgb(192, 0, 0)';
const NORMAL_BLUE = 'rgb(91, 155, 213)';

const CASES = [
  {
    lang: 'en-US',
    ganttSheet: 'Gantt plan',
    tasks: [
      ['Planning', 'Zhang', '2024-03-01', '2024-03-10', '-'],
      ['Promotion', 'Li', '2024-03-11', '2024-03-25', 'Planning'],
      ['Design', 'Wang', '2024-03-01', '2024-03-05', '-'],
    ],
    finish: 'Finish: 2024-03-25',
    criticalPath: 'Critical path: Planning → Promotion',
    designRow: ['Design', '2024-03-01 to 2024-03-05', '2024-03-21 to 2024-03-25', '20 days', 'No'],
    drawn: 'Bars drawn on the “Gantt plan” sheet, the critical path in red.',
    kpi: ['Conversion rate', 'Orders / Visits', '≥3%', '100%', 'Customer'],
    metrics: [
      ['2024-01', 'Sales', 'Orders', '30'],
      ['2024-01', 'Sales', 'Visits', '1000'],
      ['2024-02', 'Sales', 'Orders', '36'],
      ['2024-02', 'Sales', 'Visits', '1000'],
      ['2024-02', 'Support', 'Orders', '20'],
      ['2024-02', 'Support', 'Visits', '1000'],
    ],
    other: { option: 'Conversion rate · Support', caption: 'Achievement of Conversion rate in Support, by period', rows: [['2024-01', 'No data', '—'], ['2024-02', '66.7%', '—']] },
    caption: 'Achievement of Conversion rate in Sales, by period',
    trendRows: [
      ['2024-01', '100%', '—'],
      ['2024-02', '120%', '▲ up 20 points'],
    ],
    verdict: 'Improved in 2024-02 against the period before.',
  },
  {
    lang: 'zh-CN',
    ganttSheet: '甘特计划',
    tasks: [
      ['活动策划', '张三', '2024-03-01', '2024-03-10', '-'],
      ['市场推广', '李四', '2024-03-11', '2024-03-25', '活动策划'],
      ['物料设计', '王五', '2024-03-01', '2024-03-05', '-'],
    ],
    finish: '完工日期：2024-03-25',
    criticalPath: '关键路径：活动策划 → 市场推广',
    designRow: ['物料设计', '2024-03-01 至 2024-03-05', '2024-03-21 至 2024-03-25', '20 天', '否'],
    drawn: '已在“甘特计划”工作表中绘制横道，关键路径为红色。',
    kpi: ['转化率', '订单数 / 访问量', '≥3%', '100%', '客户'],
    metrics: [
      ['2024年1月', '销售部', '订单数', '30'],
      ['2024年1月', '销售部', '访问量', '1000'],
      ['2024年2月', '销售部', '订单数', '36'],
      ['2024年2月', '销售部', '访问量', '1000'],
      ['2024年2月', '客服部', '订单数', '20'],
      ['2024年2月', '客服部', '访问量', '1000'],
    ],
    other: { option: '转化率 · 客服部', caption: '客服部 转化率 各期达成率', rows: [['2024-01', '无数据', '—'], ['2024-02', '66.7%', '—']] },
    caption: '销售部 转化率 各期达成率',
    trendRows: [
      ['2024-01', '100%', '—'],
      ['2024-02', '120%', '▲ 上升 20 个百分点'],
    ],
    verdict: '2024-02 较上期有所改善。',
  },
] as const;

describe('the plan view and the trend view, keyboard only, at 320 px (chromium)', () => {
  it.each(CASES)('$lang', async (t) => {
    const s = STRINGS[t.lang];
    await withPage(`plan-trend-${t.lang}`, openPane(server, { lang: t.lang, paneWidth: 320, viewport: { width: 1100, height: 900 } }), async ({ page, problems }) => {
      await page.getByTestId('preview-banner').waitFor();

      // A Gantt plan, typed in the preview workbook.
      await openTab(page, s.tabs.templates);
      await press(page, page.locator('button[data-kind="gantt"]'));
      await page.locator(`nav button[data-sheet="${t.ganttSheet}"]`).waitFor();
      await typeRows(page, t.tasks);

      // The Plan tab: schedule it.
      await openTab(page, s.tabs.plan);
      await press(page, page.getByRole('button', { name: s.plan.schedule }));
      await waitFor(async () => (await page.getByTestId('plan-finish').textContent().catch(() => '')) === t.finish);
      await expect(page.getByTestId('plan-critical-path').textContent()).resolves.toBe(t.criticalPath);
      const table = page.getByRole('table', { name: s.plan.tableLabel(t.ganttSheet) });
      await expect(table.getByRole('row').count()).resolves.toBe(4);
      await expect(table.getByRole('row').nth(3).getByRole('cell').allInnerTexts()).resolves.toEqual(t.designRow);
      await expect(table.getByRole('row').nth(1).getByRole('cell').last().innerText()).resolves.toBe(s.plan.criticalWords.yes);
      await expectAccessible(page, 'plan');
      await shot(page, t.lang, 'plan-view');

      // Bars drawn into the sheet: critical tasks red, the other blue.
      await press(page, page.getByRole('button', { name: s.plan.draw }));
      await waitFor(async () => (await page.getByTestId('plan-status').textContent()) === t.drawn);
      await waitFor(async () => (await rowFills(page, 3)).includes(CRITICAL_RED));
      expect((await rowFills(page, 2)).filter((c) => c === CRITICAL_RED)).toHaveLength(10);
      expect((await rowFills(page, 4)).filter((c) => c === NORMAL_BLUE)).toHaveLength(5);
      await expect(cell(page, 'A2').innerText()).resolves.toBe(t.tasks[0][0]);
      await expectAccessible(page, 'plan-drawn');
      await shot(page, t.lang, 'plan-bars');

      // A KPI and two months of its metrics, then the scorecard computed here with its trend.
      await openTab(page, s.tabs.templates);
      await press(page, page.locator('button[data-kind="kpi"]'));
      await typeRows(page, [t.kpi]);
      await openTab(page, s.tabs.templates);
      await press(page, page.locator('button[data-kind="metrics"]'));
      await typeRows(page, t.metrics);
      await openTab(page, s.tabs.scorecard);
      await press(page, page.getByRole('button', { name: s.scorecard.computeHere }));
      const trend = page.getByTestId('trend');
      await trend.waitFor();
      await expect(page.getByTestId('trend-kpi').locator('option:checked').innerText()).resolves.toBe(s.scorecard.trend.option(t.kpi[0], t.metrics[0][1]));
      const trendTable = page.getByRole('table', { name: t.caption, exact: true });
      const rows = trendTable.getByRole('row');
      await expect(rows.count()).resolves.toBe(3);
      for (const [i, expected] of t.trendRows.entries()) await expect(rows.nth(i + 1).getByRole('cell').allInnerTexts()).resolves.toEqual(expected);
      await expect(page.getByTestId('trend-verdict').textContent()).resolves.toBe(t.verdict);
      await tabTo(page, page.getByTestId('trend-kpi'));
      await page.getByTestId('trend-verdict').scrollIntoViewIfNeeded();
      await expectAccessible(page, 'trend');
      await shot(page, t.lang, 'trend-view');

      // Another KPI row chosen by keyboard: a department with February only has no verdict.
      await page.keyboard.press('ArrowDown');
      await waitFor(async () => (await page.getByTestId('trend-kpi').locator('option:checked').innerText()) === t.other.option);
      const otherRows = page.getByRole('table', { name: t.other.caption, exact: true }).getByRole('row');
      for (const [i, expected] of t.other.rows.entries()) await expect(otherRows.nth(i + 1).getByRole('cell').allInnerTexts()).resolves.toEqual(expected);
      await expect(page.getByTestId('trend-verdict').textContent()).resolves.toBe(s.scorecard.trend.noVerdict);
      await expectAccessible(page, 'trend-other');

      expect(problems).toEqual([]);
    });
  });
});
