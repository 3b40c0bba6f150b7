import path from 'node:path';
import type { Page } from 'playwright-core';
import { approvalStrings } from '../../addin/taskpane/approvals/strings';
import { STRINGS } from '../../addin/taskpane/i18n';
import { approvalRulesPath, approvalsPath } from '../../shared/api/approvals';
import { sheetPath } from '../../shared/api/paths';
import { ADMIN, axe, openPane, SHOTS, startPaneServer, waitFor, withPage, type PaneServer } from './pane-browser';

/**
 * The Approvals tab in preview mode (chromium), in en-US and zh-CN: the operations lead signs in,
 * names the workspace, sees the clerk's proposed KPI target as old → new, approves it (en-US) or
 * rejects it with a comment (zh-CN), and the service stores what was decided. axe finds nothing;
 * screenshots are kept in test-output/screenshots/.
 */

jest.setTimeout(240_000);

const WS = 'approvals-e2e';
const CLERK = 'clerk@contoso.com';
const APPROVER = 'approver@contoso.com';

let server: PaneServer;
const tokens = new Map<string, string>();

async function token(email: string): Promise<string> {
  const known = tokens.get(email);
  if (known) return known;
  const answer = await fetch(`${server.baseUrl}/api/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) });
  const { token: made } = (await answer.json()) as { token: string };
  tokens.set(email, made);
  return made;
}

async function api(email: string, method: 'GET' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const answer = await fetch(server.baseUrl + url, {
    method,
    headers: { Authorization: `Bearer ${await token(email)}`, 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: answer.status, json: await answer.json() };
}

let key = 0;
async function push(email: string, sheet: string, body: unknown, ifMatch: number | null): Promise<{ revision: number; pending?: unknown[] }> {
  const precondition: Record<string, string> = ifMatch === null ? { 'If-None-Match': '*' } : { 'If-Match': `"${ifMatch}"` };
  const res = await api(email, 'PUT', sheetPath({ workspace: WS, workbook: 'plan.xlsx', sheet }), body, { ...precondition, 'Idempotency-Key': `e2e-${++key}` });
  if (res.status !== 200) throw new Error(`push ${sheet}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as { revision: number; pending?: unknown[] };
}

beforeAll(async () => {
  server = await startPaneServer();
  const row = (role: string, scope: string, operations: string, members: string) => ({ cells: { role, scope, operations, members } });
  await push(ADMIN, '权限矩阵', { kind: 'permissions', mode: 'full', rows: [row('管理员', '全局数据', '查看、导出、分析、修改、删除', ADMIN), row('运营专员', '全局数据', '查看、修改', CLERK), row('运营负责人', '全局数据', '查看、修改', APPROVER)], deletes: [] }, null);
  const rules = await api(ADMIN, 'PUT', approvalRulesPath(WS), { rules: [{ change: 'kpi-target', mode: 'any', roles: ['运营负责人'] }] });
  expect(rules.status).toBe(200);
  await push(APPROVER, 'KPI', { kind: 'kpi', mode: 'full', rows: [{ cells: { name: '转化率', target: '≥3%', weight: 1, perspective: '客户' } }], deletes: [] }, null);
});
afterAll(() => server?.close());

async function openApprovals(page: Page, lang: 'en-US' | 'zh-CN'): Promise<void> {
  const s = STRINGS[lang];
  // Sign in as the operations lead, as on the Sync tab.
  await page.getByRole('tab', { name: s.tabs.sync, exact: true }).click();
  await page.getByRole('button', { name: s.signIn.signIn, exact: true }).click();
  await page.getByLabel(s.signIn.email).fill(APPROVER);
  await page.keyboard.press('Enter');
  await waitFor(async () => (await page.getByTestId('sign-in-state').innerText()) === s.signIn.signedInAs(APPROVER));
  const a = approvalStrings(lang);
  await page.getByRole('tab', { name: a.tab, exact: true }).click();
  const panel = page.locator('#panel-approvals');
  await panel.getByLabel(a.workspace).fill(WS);
  await panel.getByRole('button', { name: a.refresh, exact: true }).click();
}

const CASES = [
  { lang: 'en-US' as const, proposed: '≥4%', title: 'KPI target · 转化率', decision: 'approve' as const },
  { lang: 'zh-CN' as const, proposed: '≥9%', title: 'KPI 目标值 · 转化率', decision: 'reject' as const },
];

describe('the Approvals tab in preview mode (chromium)', () => {
  it.each(CASES)('$lang: the lead sees the clerk’s target as old → new and decides on it', async (t) => {
    const current = (await api(APPROVER, 'GET', `${sheetPath({ workspace: WS, workbook: 'plan.xlsx', sheet: 'KPI' })}?since=0`)).json as { revision: number; rows: { cells: Record<string, unknown> }[] };
    const before = String(current.rows[0]!.cells['target']);
    const proposal = await push(CLERK, 'KPI', { kind: 'kpi', mode: 'delta', rows: [{ cells: { name: '转化率', target: t.proposed } }], deletes: [] }, current.revision);
    expect(proposal.pending).toHaveLength(1);
    const a = approvalStrings(t.lang);

    await withPage(`approvals-${t.lang}`, openPane(server, { lang: t.lang }), async ({ page, problems }) => {
      await openApprovals(page, t.lang);
      const card = page.locator('#panel-approvals li', { hasText: t.title });
      await card.waitFor();
      const target = t.lang === 'zh-CN' ? '目标值' : 'Target';
      expect(await card.innerText()).toContain(`${target}: ${before} → ${t.proposed}`);
      expect(await card.innerText()).toContain(CLERK);
      const violations = await axe(page);
      expect(violations).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `approvals-${t.lang}-listed.png`) });

      if (t.decision === 'reject') {
        // A rejection says why: without a comment the pane asks for one and sends nothing.
        await card.getByRole('button', { name: a.reject, exact: true }).click();
        await page.locator('#panel-approvals').getByText(a.rejectNeedsComment).waitFor();
        await card.getByLabel(a.comment).fill('本季度目标不变');
        await card.getByRole('button', { name: a.reject, exact: true }).click();
        await page.locator('#panel-approvals').getByText(a.outcomes.rejected).waitFor();
      } else {
        await card.getByLabel(a.comment).fill('OK for Q2');
        await card.getByRole('button', { name: a.approve, exact: true }).click();
        await page.locator('#panel-approvals').getByText(/^Approved and applied as revision \d+\.$/).waitFor();
      }
      await page.locator('#panel-approvals').getByText(a.none).waitFor();
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `approvals-${t.lang}-decided.png`) });
      expect(problems).toEqual([]);
    });

    const after = (await api(APPROVER, 'GET', `${sheetPath({ workspace: WS, workbook: 'plan.xlsx', sheet: 'KPI' })}?since=0`)).json as { rows: { cells: Record<string, unknown> }[] };
    expect(after.rows[0]!.cells['target']).toBe(t.decision === 'approve' ? t.proposed : before);
    const decided = (await api(APPROVER, 'GET', `${approvalsPath(WS)}?status=${t.decision === 'approve' ? 'approved' : 'rejected'}`)).json as { approvals: { decision: { comment: string } }[] };
    expect(decided.approvals[0]!.decision.comment).toBe(t.decision === 'approve' ? 'OK for Q2' : '本季度目标不变');
  });
});
