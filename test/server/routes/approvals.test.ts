import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import {
  ApprovalListResponseSchema,
  ApprovalRulesResponseSchema,
  DecisionResponseSchema,
  approvalDecisionPath,
  approvalRulesPath,
  approvalsPath,
  type ApprovalRules,
} from '../../../shared/api/approvals';
import { XLSX_CONTENT_TYPE } from '../../../shared/api/paths';
import { ScorecardReportSchema } from '../../../shared/api/scorecard';
import { UploadResponseSchema } from '../../../shared/api/uploads';
import { HistoryResponseSchema, PullResponseSchema, PushResponseSchema } from '../../../shared/api/sync';
import { databaseFactories } from '../../fixtures/databases';
import { BOSS, matrix, rows, serviceOn, type Headers, type Service } from '../../fixtures/service';
import { writeWorkbook } from '../../fixtures/workbooks';

/**
 * Tiered approval over HTTP, on SQLite and PostgreSQL: the handbook's levels (a daily tweak by the
 * operations lead, a major change by the directors jointly), pending against applied, rejection,
 * self-approval, a change the sheet moved past, the scorecard, and who may decide.
 */

const CLERK = 'clerk@example.com';
const LEAD = 'lead@example.com';
const OPS_DIRECTOR = 'ops-director@example.com';
const FIN_DIRECTOR = 'fin-director@example.com';
const VIEWER = 'viewer@example.com';
const ANALYST = 'analyst@example.com';

const MATRIX = matrix(
  ['系统管理员', '全局数据', '查看、导出、分析、修改、删除', BOSS],
  ['运营专员', '全局数据', '查看、导出、分析、修改、删除', CLERK],
  ['运营负责人', '全局数据', '查看、导出、分析、修改', LEAD],
  ['运营总监', '全局数据', '查看、分析、修改', OPS_DIRECTOR],
  ['财务总监', '全局数据', '查看、分析', FIN_DIRECTOR],
  ['访客', '全局数据', '查看', VIEWER],
);

const RULES: ApprovalRules = {
  rules: [
    { change: 'kpi-target', mode: 'any', roles: ['运营负责人'] },
    { change: 'kpi-added', mode: 'any', roles: ['运营负责人'] },
    { change: 'kpi-weight', mode: 'all', roles: ['运营总监', '财务总监'] },
    { change: 'kpi-removed', mode: 'all', roles: ['运营总监', '财务总监'] },
  ],
};

const KPI = (name: string, target: string, weight: number, unit = '%') => ({ name, target, weight, perspective: '客户', formula: '', unit });

describe.each(databaseFactories)('tiered approval on $name', (factory) => {
  let service: Service;
  let boss: Headers, clerk: Headers, lead: Headers, opsDirector: Headers, finDirector: Headers, viewer: Headers;
  const ws = 'approvals';
  let n = 0;
  const wb = () => `plan-${++n}.xlsx`;

  const list = async (who: Headers, status = 'pending') => ApprovalListResponseSchema.parse((await request(service.app).get(approvalsPath(ws)).query({ status }).set(who).expect(200)).body).approvals;
  const decide = (who: Headers, id: number, decision: 'approve' | 'reject', body: object = {}) => request(service.app).post(approvalDecisionPath(ws, id, decision)).set(who).send(body);
  const cellsOf = async (book: string) => {
    const pulled = PullResponseSchema.parse((await service.pull(boss, ws, book, 'KPI').expect(200)).body);
    return Object.fromEntries(pulled.rows.filter((r) => !r.deleted).map((r) => [r.key, r.cells]));
  };
  /** A KPI sheet of two KPIs, made by the lead, whose role adds KPIs alone. */
  const kpiSheet = async (): Promise<string> => {
    const book = wb();
    await service.push(lead, ws, book, 'KPI', { kind: 'kpi', rows: rows(KPI('转化率', '≥3%', 0.5), KPI('ROI', '≥4', 0.5, '')) }, { ifMatch: null }).expect(200);
    return book;
  };

  beforeAll(async () => {
    service = await serviceOn(factory);
    boss = await service.asUser(BOSS);
    await service.push(boss, ws, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: MATRIX }, { ifMatch: null }).expect(200);
    clerk = await service.asUser(CLERK);
    lead = await service.asUser(LEAD);
    opsDirector = await service.asUser(OPS_DIRECTOR);
    finDirector = await service.asUser(FIN_DIRECTOR);
    viewer = await service.asUser(VIEWER);
  });
  afterAll(() => service.close());

  it('rules: the default is none; only an administrator reads or sets them; a bad rule set is a 400 that changes nothing', async () => {
    const initial = ApprovalRulesResponseSchema.parse((await request(service.app).get(approvalRulesPath(ws)).set(boss).expect(200)).body);
    expect(initial).toEqual({ rules: [], custom: false });
    const denied = await request(service.app).put(approvalRulesPath(ws)).set(lead).send(RULES);
    expect([denied.status, denied.body.code]).toEqual([403, 'forbidden']);
    expect((await request(service.app).get(approvalRulesPath(ws)).set(viewer)).status).toBe(403);
    const twice = await request(service.app).put(approvalRulesPath(ws)).set(boss).send({ rules: [RULES.rules[0], RULES.rules[0]] });
    expect([twice.status, twice.body.code]).toEqual([400, 'validation']);
    const unknown = await request(service.app).put(approvalRulesPath(ws)).set(boss).send({ rules: [{ change: 'everything', mode: 'any', roles: ['x'] }] });
    expect(unknown.status).toBe(400);
    expect((await request(service.app).get(approvalRulesPath(ws)).set(boss).expect(200)).body.custom).toBe(false);
    const set = await request(service.app).put(approvalRulesPath(ws)).set(boss).send(RULES).expect(200);
    expect(ApprovalRulesResponseSchema.parse(set.body)).toEqual({ ...RULES, custom: true });
    expect((await request(service.app).get(approvalRulesPath(ws)).set(boss).expect(200)).body).toEqual({ ...RULES, custom: true });
  });

  it('single level: the clerk’s target waits while the rest of the push applies; the lead approves and it is stored under the lead’s name', async () => {
    const book = await kpiSheet();
    const push = await service.push(clerk, ws, book, 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: '转化率', target: '≥4%', unit: '百分比' }) }, { ifMatch: 1 });
    expect(push.status).toBe(200);
    const answer = PushResponseSchema.parse(push.body);
    expect(answer.changedCells).toBe(1);
    expect(answer.pending).toEqual([{ id: expect.any(Number), change: 'kpi-target', key: '转化率', field: 'target', proposed: '≥4%' }]);
    const id = answer.pending![0]!.id;
    // Pending vs applied: the unit changed, the target did not.
    expect((await cellsOf(book))['转化率']).toMatchObject({ target: '≥3%', unit: '百分比' });

    const waiting = (await list(lead)).find((a) => a.id === id);
    expect(waiting).toMatchObject({ status: 'pending', change: 'kpi-target', key: '转化率', field: 'target', proposed: { target: '≥4%' }, original: { target: '≥3%' }, proposer: { email: CLERK }, canDecide: true });
    // The clerk sees it too, but may not decide on it.
    expect((await list(clerk)).find((a) => a.id === id)?.canDecide).toBe(false);

    const approved = await decide(lead, id, 'approve', { comment: '同意' });
    expect(approved.status).toBe(200);
    const decision = DecisionResponseSchema.parse(approved.body);
    expect(decision.outcome).toBe('applied');
    expect(decision.approval).toMatchObject({ status: 'approved', appliedRevision: decision.revision, approvals: [{ email: LEAD, role: '运营负责人', comment: '同意' }] });
    expect((await cellsOf(book))['转化率']).toMatchObject({ target: '≥4%' });

    const history = HistoryResponseSchema.parse((await service.history(boss, ws, book, 'KPI', '转化率', 'target').expect(200)).body);
    const last = history.changes[history.changes.length - 1]!;
    expect(last).toMatchObject({ revision: decision.revision, email: LEAD, oldValue: '≥3%', newValue: '≥4%' });
    expect(last.approval).toMatchObject({ id, proposer: { email: CLERK }, approvers: [{ email: LEAD, role: '运营负责人' }] });
    expect((await list(lead)).some((a) => a.id === id)).toBe(false);
    // The lead's own target changes need nobody: their role applies them alone.
    const own = await service.push(lead, ws, book, 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: 'ROI', target: '≥5' }) }, { ifMatch: decision.revision! });
    expect(own.body.pending).toBeUndefined();
    expect((await cellsOf(book))['roi']).toMatchObject({ target: '≥5' });
  });

  it('joint level: the first director’s approval leaves it pending, the second applies it; no one approves twice or their own change', async () => {
    const book = await kpiSheet();
    const push = PushResponseSchema.parse((await service.push(clerk, ws, book, 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: 'ROI', weight: 0.3 }) }, { ifMatch: 1 }).expect(200)).body);
    const id = push.pending![0]!.id;
    expect(push.pending).toEqual([{ id, change: 'kpi-weight', key: 'roi', field: 'weight', proposed: 0.3 }]);

    const first = DecisionResponseSchema.parse((await decide(opsDirector, id, 'approve').expect(200)).body);
    expect(first.outcome).toBe('waiting');
    expect(first.approval).toMatchObject({ status: 'pending', approvals: [{ role: '运营总监', email: OPS_DIRECTOR }], canDecide: false });
    expect((await cellsOf(book))['roi']).toMatchObject({ weight: 0.5 });
    const again = await decide(opsDirector, id, 'approve');
    expect([again.status, again.body.code, again.body.reason]).toEqual([409, 'conflict', 'approved-already']);

    const last = DecisionResponseSchema.parse((await decide(finDirector, id, 'approve', { comment: 'ok' }).expect(200)).body);
    expect(last.outcome).toBe('applied');
    expect((await cellsOf(book))['roi']).toMatchObject({ weight: 0.3 });
    const history = HistoryResponseSchema.parse((await service.history(boss, ws, book, 'KPI', 'roi', 'weight').expect(200)).body);
    expect(history.changes[history.changes.length - 1]).toMatchObject({
      email: FIN_DIRECTOR,
      approval: { proposer: { email: CLERK }, approvers: [{ email: OPS_DIRECTOR, role: '运营总监' }, { email: FIN_DIRECTOR, role: '财务总监', comment: 'ok' }] },
    });

    // A director proposing a weight may not apply it alone (jointly means several people), nor approve it.
    const mine = PushResponseSchema.parse((await service.push(opsDirector, ws, book, 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: 'ROI', weight: 0.4 }) }, { ifMatch: last.revision! }).expect(200)).body);
    const own = await decide(opsDirector, mine.pending![0]!.id, 'approve');
    expect([own.status, own.body.code, own.body.reason]).toEqual([403, 'forbidden', 'own-change']);
  });

  it('a role the rule does not list cannot approve or reject (403); an unknown change is a 404; a bad id a 400', async () => {
    const book = await kpiSheet();
    const push = PushResponseSchema.parse((await service.push(clerk, ws, book, 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: '转化率', target: '≥9%' }) }, { ifMatch: 1 }).expect(200)).body);
    const id = push.pending![0]!.id;
    for (const who of [viewer, opsDirector, clerk]) {
      const res = await decide(who, id, 'approve');
      expect(res.status).toBe(403);
    }
    const viewerReject = await decide(viewer, id, 'reject', { comment: 'no' });
    expect([viewerReject.status, viewerReject.body.reason]).toEqual([403, 'not-an-approver']);
    expect((await decide(lead, 999_999, 'approve')).status).toBe(404);
    expect((await decide(lead, 0, 'approve')).status).toBe(400);
    expect((await list(lead)).find((a) => a.id === id)?.status).toBe('pending');
    expect((await cellsOf(book))['转化率']).toMatchObject({ target: '≥3%' });
  });

  it('a new KPI waits for the lead, who rejects it with a comment; the sheet never gets it', async () => {
    const book = await kpiSheet();
    const push = PushResponseSchema.parse((await service.push(clerk, ws, book, 'KPI', { kind: 'kpi', mode: 'delta', rows: rows(KPI('复购率', '≥20%', 0.2)) }, { ifMatch: 1 }).expect(200)).body);
    expect(push.changedCells).toBe(0);
    const id = push.pending![0]!.id;
    expect(push.pending!.every((p) => p.id === id && p.change === 'kpi-added' && p.key === '复购率')).toBe(true);
    expect(push.pending!.find((p) => p.field === 'target')?.proposed).toBe('≥20%');

    const noComment = await decide(lead, id, 'reject', {});
    expect([noComment.status, noComment.body.code]).toEqual([400, 'validation']);
    const rejected = DecisionResponseSchema.parse((await decide(lead, id, 'reject', { comment: '本季度不新增指标' }).expect(200)).body);
    expect(rejected.outcome).toBe('rejected');
    expect(rejected.approval.decision).toMatchObject({ email: LEAD, comment: '本季度不新增指标' });
    expect((await list(lead)).some((a) => a.id === id)).toBe(false);
    expect((await list(lead, 'rejected')).find((a) => a.id === id)?.decision?.comment).toBe('本季度不新增指标');
    expect(Object.keys(await cellsOf(book)).sort()).toEqual(['roi', '转化率']);
    const late = await decide(lead, id, 'approve');
    expect([late.status, late.body.reason]).toEqual([409, 'decided']);
  });

  it('a full push that leaves a KPI out: the removal waits for both directors, the row stays', async () => {
    const book = await kpiSheet();
    const push = PushResponseSchema.parse((await service.push(clerk, ws, book, 'KPI', { kind: 'kpi', rows: rows(KPI('转化率', '≥3%', 0.5)) }, { ifMatch: 1 }).expect(200)).body);
    expect(push.pending).toEqual([{ id: expect.any(Number), change: 'kpi-removed', key: 'roi', field: null, proposed: null }]);
    expect(Object.keys(await cellsOf(book)).sort()).toEqual(['roi', '转化率']);
    const id = push.pending![0]!.id;
    await decide(finDirector, id, 'approve').expect(200);
    const applied = DecisionResponseSchema.parse((await decide(opsDirector, id, 'approve').expect(200)).body);
    expect(applied.outcome).toBe('applied');
    expect(Object.keys(await cellsOf(book))).toEqual(['转化率']);
  });

  it('a change the sheet moved past becomes a conflict on approval, never an overwrite', async () => {
    const book = await kpiSheet();
    const push = PushResponseSchema.parse((await service.push(clerk, ws, book, 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: '转化率', target: '≥5%' }) }, { ifMatch: 1 }).expect(200)).body);
    const id = push.pending![0]!.id;
    // Meanwhile the lead sets another target directly (their role applies it alone).
    await service.push(lead, ws, book, 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: '转化率', target: '≥6%' }) }, { ifMatch: push.revision }).expect(200);
    const res = DecisionResponseSchema.parse((await decide(lead, id, 'approve').expect(200)).body);
    expect(res.outcome).toBe('conflict');
    expect(res.conflicts).toEqual([{ key: '转化率', field: 'target', yours: '≥5%', theirs: '≥6%', original: '≥3%' }]);
    expect(res.approval.status).toBe('conflicted');
    expect(res.revision).toBeUndefined();
    expect((await cellsOf(book))['转化率']).toMatchObject({ target: '≥6%' });
    expect((await list(lead, 'conflicted')).some((a) => a.id === id)).toBe(true);
  });

  it('an upload with ?store=true holds the same changes as a push, and says so per sheet', async () => {
    const book = await kpiSheet();
    const dir = mkdtempSync(path.join(tmpdir(), 'approvals-upload-'));
    const file = path.join(dir, 'kpi.xlsx');
    await writeWorkbook(file, [{ name: 'KPI', rows: [['KPI', '公式', '目标值', '权重', '维度', '单位'], ['转化率', '', '≥3.5%', 0.5, '客户', '%'], ['ROI', '', '≥4', 0.5, '客户', '']] }]);
    const res = await request(service.app)
      .post(`/api/v1/workspaces/${ws}/uploads`)
      .query({ store: 'true', workbook: book })
      .set(clerk)
      .set('Content-Type', XLSX_CONTENT_TYPE)
      .set('Idempotency-Key', `upload-${book}`)
      .send(readFileSync(file));
    expect(res.status).toBe(200);
    const stored = UploadResponseSchema.parse(res.body).stored!.sheets[0]!;
    expect(stored).toMatchObject({ sheet: 'KPI', status: 'stored' });
    expect(stored.pending).toEqual([{ id: expect.any(Number), change: 'kpi-target', key: '转化率', field: 'target', proposed: '≥3.5%' }]);
    expect((await cellsOf(book))['转化率']).toMatchObject({ target: '≥3%' });
  });

  it('the scorecard counts approved values only and says how many changes wait, in JSON and in the workbook', async () => {
    const scoreWs = 'approvals-score';
    await service.push(boss, scoreWs, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: MATRIX }, { ifMatch: null }).expect(200);
    await request(service.app).put(approvalRulesPath(scoreWs)).set(boss).send(RULES).expect(200);
    await service.push(lead, scoreWs, 'kpi.xlsx', 'KPI', { kind: 'kpi', rows: rows(KPI('转化率', '≥4%', 1)) }, { ifMatch: null }).expect(200);
    await service.push(boss, scoreWs, 'kpi.xlsx', '数据', { kind: 'metrics', rows: rows({ period: '2024-03', department: '华东运营部', metric: '转化率', value: 0.04 }) }, { ifMatch: null }).expect(200);
    // The clerk proposes a much higher target: were it counted, the KPI would turn red.
    const push = PushResponseSchema.parse((await service.push(clerk, scoreWs, 'kpi.xlsx', 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: '转化率', target: '≥8%' }) }, { ifMatch: 1 }).expect(200)).body);
    expect(push.pending).toHaveLength(1);

    const res = await request(service.app).get(`/api/v1/workspaces/${scoreWs}/scorecard`).set(boss).expect(200);
    const report = ScorecardReportSchema.parse(res.body);
    expect(report.pendingApprovals).toBe(1);
    expect(report.rows).toEqual([expect.objectContaining({ kpi: '转化率', target: '≥4%', status: 'green', achievement: 1 })]);

    const xlsx = await request(service.app)
      .get(`/api/v1/workspaces/${scoreWs}/scorecard.xlsx`)
      .query({ lang: 'en-US' })
      .set(boss)
      .buffer(true)
      .parse((r, callback) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const overview: string[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => overview.push(String(cell.value))));
    expect(overview).toContain('1 change waits for approval; not counted in this report.');

    await request(service.app).post(approvalDecisionPath(scoreWs, push.pending![0]!.id, 'approve')).set(lead).send({}).expect(200);
    const after = ScorecardReportSchema.parse((await request(service.app).get(`/api/v1/workspaces/${scoreWs}/scorecard`).set(boss).expect(200)).body);
    expect(after.pendingApprovals).toBe(0);
    expect(after.rows[0]).toMatchObject({ target: '≥8%', status: 'red' });
  });

  it("a change held for approval, and its rejection, each give the scorecard a new ETag though no sheet's revision moved", async () => {
    const tagWs = 'approvals-etag';
    const scorecard = (etag: string) => request(service.app).get(`/api/v1/workspaces/${tagWs}/scorecard`).set(boss).set('If-None-Match', etag);
    const revisionOfKpi = async () => PullResponseSchema.parse((await service.pull(boss, tagWs, 'kpi.xlsx', 'KPI').expect(200)).body).revision;
    await service.push(boss, tagWs, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: MATRIX }, { ifMatch: null }).expect(200);
    await request(service.app).put(approvalRulesPath(tagWs)).set(boss).send(RULES).expect(200);
    await service.push(lead, tagWs, 'kpi.xlsx', 'KPI', { kind: 'kpi', rows: rows(KPI('转化率', '≥4%', 1)) }, { ifMatch: null }).expect(200);
    await service.push(boss, tagWs, 'kpi.xlsx', '数据', { kind: 'metrics', rows: rows({ period: '2024-03', department: '华东运营部', metric: '转化率', value: 0.04 }) }, { ifMatch: null }).expect(200);
    const first = await request(service.app).get(`/api/v1/workspaces/${tagWs}/scorecard`).set(boss).expect(200);
    const quiet = first.headers['etag'] as string;
    expect(ScorecardReportSchema.parse(first.body).pendingApprovals).toBe(0);
    await scorecard(quiet).expect(304);
    const revision = await revisionOfKpi();

    // Held, not applied: the sheet stays where it was, and still the old tag no longer matches.
    const push = PushResponseSchema.parse((await service.push(clerk, tagWs, 'kpi.xlsx', 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: '转化率', target: '≥8%' }) }, { ifMatch: revision }).expect(200)).body);
    expect(push.changedCells).toBe(0);
    expect(await revisionOfKpi()).toBe(revision);
    const held = await scorecard(quiet).expect(200);
    const waiting = held.headers['etag'] as string;
    expect(waiting).not.toBe(quiet);
    expect(ScorecardReportSchema.parse(held.body).pendingApprovals).toBe(1);
    await scorecard(waiting).expect(304);

    // Rejected: nothing is applied either, and the tag of the waiting change no longer matches.
    await request(service.app).post(approvalDecisionPath(tagWs, push.pending![0]!.id, 'reject')).set(lead).send({ comment: '不改' }).expect(200);
    expect(await revisionOfKpi()).toBe(revision);
    const decided = await scorecard(waiting).expect(200);
    expect(decided.headers['etag']).not.toBe(waiting);
    expect(ScorecardReportSchema.parse(decided.body)).toMatchObject({ pendingApprovals: 0, rows: [expect.objectContaining({ target: '≥4%' })] });
  });

  it('a replayed push answers the same held cells, and holds nothing twice', async () => {
    const book = await kpiSheet();
    const body = { kind: 'kpi' as const, mode: 'delta' as const, rows: rows({ name: '转化率', target: '≥7%' }) };
    const first = PushResponseSchema.parse((await service.push(clerk, ws, book, 'KPI', body, { ifMatch: 1, key: `replay-${book}` }).expect(200)).body);
    const again = PushResponseSchema.parse((await service.push(clerk, ws, book, 'KPI', body, { ifMatch: 1, key: `replay-${book}` }).expect(200)).body);
    expect(again.pending).toEqual(first.pending);
    const mine = (await list(lead)).filter((a) => a.workbook === book);
    expect(mine).toHaveLength(1);
  });
  it('pending values pass through the caller’s view: a masked analyst sees the proposed core field masked and the proposer as a pseudonym', async () => {
    const maskedWs = 'approvals-masked';
    const withAnalyst = [...MATRIX, ...matrix(['数据分析师', '全局数据(脱敏)', '查看、分析', ANALYST])];
    await service.push(boss, maskedWs, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: withAnalyst }, { ifMatch: null }).expect(200);
    await service.push(boss, maskedWs, 'access.xlsx', '数据分级', { kind: 'classification', rows: rows({ field: 'owner', class: '核心', masking: '掩码' }) }, { ifMatch: null }).expect(200);
    await request(service.app).put(approvalRulesPath(maskedWs)).set(boss).send(RULES).expect(200);
    await service.push(lead, maskedWs, 'kpi.xlsx', 'KPI', { kind: 'kpi', rows: rows({ ...KPI('ROI', '≥4', 1), owner: '张三' }) }, { ifMatch: null }).expect(200);
    const push = PushResponseSchema.parse(
      (await service.push(clerk, maskedWs, 'kpi.xlsx', 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ ...KPI('复购率', '≥20%', 0.2), owner: '李四' }) }, { ifMatch: 1 }).expect(200)).body,
    );
    expect(push.pending?.find((p) => p.field === 'owner')?.proposed).toBe('李四');

    const analyst = await service.asUser(ANALYST);
    // The analyst's pull masks the owner: the classification is in force.
    const pulled = PullResponseSchema.parse((await service.pull(analyst, maskedWs, 'kpi.xlsx', 'KPI').expect(200)).body);
    expect(pulled.rows[0]!.cells['owner']).not.toBe('张三');
    const seen = ApprovalListResponseSchema.parse((await request(service.app).get(approvalsPath(maskedWs)).set(analyst).expect(200)).body).approvals;
    expect(seen).toHaveLength(1);
    expect(seen[0]!.proposed['owner']).not.toBe('李四');
    expect(seen[0]!.proposed['target']).toBe('≥20%');
    expect(JSON.stringify(seen)).not.toContain('李四');
    expect(JSON.stringify(seen)).not.toContain(CLERK);
    const clear = ApprovalListResponseSchema.parse((await request(service.app).get(approvalsPath(maskedWs)).set(lead).expect(200)).body).approvals;
    expect(clear[0]).toMatchObject({ proposed: { owner: '李四' }, proposer: { email: CLERK } });
  });

  it('a change to the permission matrix waits for the directors jointly; once applied it is the policy', async () => {
    const govWs = 'approvals-matrix';
    await service.push(boss, govWs, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: MATRIX }, { ifMatch: null }).expect(200);
    await request(service.app)
      .put(approvalRulesPath(govWs))
      .set(boss)
      .send({ rules: [{ change: 'permissions', mode: 'all', roles: ['运营总监', '财务总监'] }] })
      .expect(200);
    const auditor = await service.asUser('audit@example.com');
    const push = PushResponseSchema.parse(
      (await service.push(boss, govWs, 'access.xlsx', '权限矩阵', { kind: 'permissions', mode: 'delta', rows: matrix(['审计', '全局数据', '查看', 'audit@example.com']) }, { ifMatch: 1 }).expect(200)).body,
    );
    expect(push.pending?.[0]).toMatchObject({ change: 'permissions', key: '审计' });
    const id = push.pending![0]!.id;
    // Not the policy yet: the auditor holds no role.
    expect((await request(service.app).get(approvalsPath(govWs)).set(auditor)).status).toBe(403);
    const path = (who: 'approve') => approvalDecisionPath(govWs, id, who);
    expect((await request(service.app).post(path('approve')).set(opsDirector).send({}).expect(200)).body.outcome).toBe('waiting');
    expect((await request(service.app).post(path('approve')).set(finDirector).send({}).expect(200)).body.outcome).toBe('applied');
    await request(service.app).get(approvalsPath(govWs)).set(auditor).expect(200);

    // Removing the only administrator role waits too; its approval is refused: nobody would administer the workspace.
    const pulled = PullResponseSchema.parse((await service.pull(boss, govWs, 'access.xlsx', '权限矩阵').expect(200)).body);
    const removal = PushResponseSchema.parse((await service.push(boss, govWs, 'access.xlsx', '权限矩阵', { kind: 'permissions', mode: 'delta', rows: [], deletes: ['系统管理员'] }, { ifMatch: pulled.revision }).expect(200)).body);
    const removalId = removal.pending![0]!.id;
    await request(service.app).post(approvalDecisionPath(govWs, removalId, 'approve')).set(opsDirector).send({}).expect(200);
    const lockout = await request(service.app).post(approvalDecisionPath(govWs, removalId, 'approve')).set(finDirector).send({});
    expect([lockout.status, lockout.body.reason]).toEqual([409, 'admin-lockout']);
    const still = ApprovalListResponseSchema.parse((await request(service.app).get(approvalsPath(govWs)).set(boss).expect(200)).body).approvals;
    expect(still.find((a) => a.id === removalId)).toMatchObject({ status: 'pending', approvals: [{ email: OPS_DIRECTOR }] });
    expect((await request(service.app).get('/api/v1/workspaces/' + govWs + '/policy').set(boss).expect(200)).body.you.administrator).toBe(true);
  });
});
