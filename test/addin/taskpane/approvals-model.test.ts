import request from 'supertest';
import { approvalRulesPath } from '../../../shared/api/approvals';
import { createSyncClient, type SyncClient } from '../../../addin/sync/sync-client';
import { decide, describeChange, loadCards, outcomeText } from '../../../addin/taskpane/approvals/approvals-model';
import { describeError } from '../../../addin/taskpane/report-error';
import { ok } from '../../../shared/result';
import { BOSS, matrix, rows } from '../../fixtures/service';
import { RealSyncService } from '../../fixtures/real-sync-service';

/**
 * The Approvals view's logic against the real service (SQLite, over HTTP, through the pane's own
 * sync client): what an approver reads in either language, approving, rejecting with a comment,
 * and what the proposer is told when they try to decide on their own change.
 */

const WS = 'pane-approvals';
const CLERK = 'clerk@example.com';
const LEAD = 'lead@example.com';

let real: RealSyncService;
let lead: SyncClient;
let clerk: SyncClient;

const clientOf = async (email: string): Promise<SyncClient> => {
  const token = await real.token(email);
  return createSyncClient({ baseUrl: real.url, tokens: { getToken: async () => ok(token) }, transport: real.transport(), sleep: async () => undefined });
};

beforeAll(async () => {
  real = await RealSyncService.start();
  const { service } = real;
  const boss = await service.asUser(BOSS);
  const access = matrix(['系统管理员', '全局数据', '查看、导出、分析、修改、删除', BOSS], ['运营专员', '全局数据', '查看、修改', CLERK], ['运营负责人', '全局数据', '查看、修改', LEAD]);
  await service.push(boss, WS, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: access }, { ifMatch: null }).expect(200);
  await request(service.app)
    .put(approvalRulesPath(WS))
    .set(boss)
    .send({ rules: [{ change: 'kpi-target', mode: 'any', roles: ['运营负责人'] }, { change: 'kpi-added', mode: 'any', roles: ['运营负责人'] }] })
    .expect(200);
  const leadHeaders = await service.asUser(LEAD);
  await service.push(leadHeaders, WS, 'kpi.xlsx', 'KPI', { kind: 'kpi', rows: rows({ name: '转化率', target: '≥3%', weight: 1, perspective: '客户' }) }, { ifMatch: null }).expect(200);
  lead = await clientOf(LEAD);
  clerk = await clientOf(CLERK);
});
afterAll(() => real.stop());

it('the clerk’s proposal, as the lead reads it in Chinese and English, approved and applied', async () => {
  const pushed = await clerk.push({ workspace: WS, workbook: 'kpi.xlsx', sheet: 'KPI' }, { kind: 'kpi', mode: 'delta', rows: rows({ name: '转化率', target: '≥4%' }), deletes: [] }, { baseRevision: 1 });
  expect(pushed.ok && pushed.value.pending?.map((p) => [p.field, p.proposed])).toEqual([['target', '≥4%']]);

  const zh = await loadCards(lead, WS, 'zh-CN');
  expect(zh.ok).toBe(true);
  const card = zh.ok ? zh.value[0]! : null;
  expect(card).toMatchObject({ title: 'KPI 目标值 · 转化率', lines: ['目标值: ≥3% → ≥4%'], level: '需以下任一角色审批：运营负责人', canDecide: true, approvedSoFar: null });
  expect(card!.proposedBy).toMatch(/^由 clerk@example\.com 于 \d{4}-\d{2}-\d{2} 提出$/);
  const en = await loadCards(lead, WS, 'en-US');
  expect(en.ok && en.value[0]).toMatchObject({ title: 'KPI target · 转化率', lines: ['Target: ≥3% → ≥4%'], level: 'Needs one approval from: 运营负责人' });

  // The proposer sees the card but may not decide; the service says so if they try anyway.
  const own = await loadCards(clerk, WS, 'en-US');
  expect(own.ok && own.value[0]?.canDecide).toBe(false);
  const refused = await decide(clerk, WS, card!.id, 'approve', '');
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(describeError(refused.error, 'approval', 'zh-CN')).toMatchObject({ code: 'forbidden', context: '审批' });

  const approved = await decide(lead, WS, card!.id, 'approve', '同意');
  expect(approved.ok).toBe(true);
  if (approved.ok) {
    expect(outcomeText(approved.value, 'en-US')).toBe(`Approved and applied as revision ${approved.value.revision}.`);
    expect(outcomeText(approved.value, 'zh-CN')).toBe(`已批准并生效（修订版本 ${approved.value.revision}）。`);
  }
  const pulled = await lead.pull({ workspace: WS, workbook: 'kpi.xlsx', sheet: 'KPI' }, 0);
  expect(pulled.ok && pulled.value.rows[0]?.cells['target']).toBe('≥4%');
  expect(await loadCards(lead, WS, 'en-US')).toEqual({ ok: true, value: [] });
});

it('a rejection needs a comment (refused before anything is sent), then rejects; a new KPI reads as its cells', async () => {
  const pushed = await clerk.push({ workspace: WS, workbook: 'kpi.xlsx', sheet: 'KPI' }, { kind: 'kpi', mode: 'delta', rows: rows({ name: '复购率', target: '≥20%', weight: 0.2 }), deletes: [] }, { baseRevision: 2 });
  expect(pushed.ok).toBe(true);
  const listed = await lead.approvals(WS);
  const change = listed.ok ? listed.value.approvals[0]! : null;
  expect(describeChange(change!, 'en-US')).toMatchObject({ title: 'New KPI · 复购率', lines: ['new row', 'KPI: 复购率', 'Target: ≥20%', 'Weight: 0.2'] });

  const before = real.seen.length;
  expect(await decide(lead, WS, change!.id, 'reject', '  ')).toEqual({ ok: false, error: { kind: 'comment-required' } });
  expect(real.seen.length).toBe(before);
  const rejected = await decide(lead, WS, change!.id, 'reject', '暂不新增');
  expect(rejected.ok && outcomeText(rejected.value, 'zh-CN')).toBe('已驳回。');
  const decided = await lead.approvals(WS, 'rejected');
  expect(decided.ok && decided.value.approvals[0]?.decision?.comment).toBe('暂不新增');
});
