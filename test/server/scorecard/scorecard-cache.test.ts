import request from 'supertest';
import { ReadySchema } from '../../../shared/api/health';
import { ScorecardReportSchema } from '../../../shared/api/scorecard';
import { databaseFactories } from '../../fixtures/databases';
import { BOSS, matrix, rows, serviceOn, sheetPath, type Headers, type Service } from '../../fixtures/service';
import { binary, unzipParts, XLSX_TYPE } from '../security/helpers';

/**
 * The scorecard cache (server/scorecard/scorecard-service.ts) seen over HTTP on a real store:
 * one answer per revision set and view, never another view's answer; a push, a row delete or a
 * policy change shows in the next answer; 304 for a matching If-None-Match. The KPI's name is
 * classified core: a canary that the masked analyst must never receive, cached or not.
 */

const WS = 'cached';
const CANARY = 'CANARY-KPI-4711';
const base = `/api/v1/workspaces/${WS}`;
const METRICS = sheetPath(WS, 'kpi.xlsx', '指标数据');

const ROLES = [
  ['系统管理员', '全局数据', '查看、导出、分析、修改、删除', BOSS],
  ['运营专员', '本部门数据', '查看、导出、分析', 'east@example.com, south@example.com, both@example.com'],
] as const;
const ANALYST_MASKED = ['数据分析师', '全局数据(脱敏)', '查看、导出、分析', 'ana@example.com, both@example.com'] as const;
const ANALYST_CLEAR = ['数据分析师', '全局数据', '查看、导出、分析', 'ana@example.com, both@example.com'] as const;

type Report = ReturnType<typeof ScorecardReportSchema.parse>;

describe.each(databaseFactories)('scorecard cache on $name', (factory) => {
  let service: Service;
  let boss: Headers;
  let ana: Headers;
  let east: Headers;
  let east2: Headers;
  let south: Headers;
  let both: Headers;
  let matrixRevision = 1;

  const get = (user: Headers, path = `${base}/scorecard`, etag?: string) => {
    const req = request(service.app).get(path).set(user);
    return etag === undefined ? req : req.set('If-None-Match', etag);
  };
  const report = (res: request.Response): Report => ScorecardReportSchema.parse(res.body);
  const cacheStats = async () => ReadySchema.parse((await request(service.app).get('/readyz').expect(200)).body).caches!.scorecard;
  const xlsxText = async (res: request.Response): Promise<string> => (await unzipParts(res.body as Buffer)).map((p) => p.text).join('\n');

  beforeAll(async () => {
    service = await serviceOn(factory);
    boss = await service.asUser(BOSS);
    ana = await service.asUser('ana@example.com');
    east = await service.asUser('east@example.com', { department: '华东运营部' });
    // Another user of the same role and department: the same view, so the same answer.
    east2 = await service.asUser('east@example.com', { department: '华东运营部', groups: ['some-group'] });
    south = await service.asUser('south@example.com', { department: '华南运营部' });
    both = await service.asUser('both@example.com', { department: '华东运营部' });
    const put = (path: string, body: object) => request(service.app).put(path).set(boss).set('If-None-Match', '*').set('Idempotency-Key', `seed-${path}`).send({ mode: 'full', deletes: [], ...body });
    await put(sheetPath(WS, 'access.xlsx', '权限矩阵'), { kind: 'permissions', rows: matrix(...ROLES, ANALYST_MASKED) }).expect(200);
    await put(sheetPath(WS, 'access.xlsx', '数据分类'), { kind: 'classification', rows: rows({ field: 'KPI', class: '核心', masking: '哈希' }) }).expect(200);
    await put(sheetPath(WS, 'kpi.xlsx', 'KPI'), {
      kind: 'kpi',
      rows: rows({ name: CANARY, formula: '付费订单/访客数', target: '≥3%', weight: 1, perspective: '客户', owner: '张三' }),
    }).expect(200);
    await put(METRICS, {
      kind: 'metrics',
      rows: rows(
        { period: '2024-03', department: '华东运营部', metric: '付费订单', value: 300 },
        { period: '2024-03', department: '华东运营部', metric: '访客数', value: 10000 },
        { period: '2024-03', department: '华南运营部', metric: '付费订单', value: 500 },
        { period: '2024-03', department: '华南运营部', metric: '访客数', value: 10000 },
      ),
    }).expect(200);
  });
  afterAll(() => service.close());

  it('never serves one view the answer of another: clear, masked, own department, in any order', async () => {
    const before = await cacheStats();
    const clear1 = await get(boss).expect(200);
    const masked1 = await get(ana).expect(200);
    const clear2 = await get(boss).expect(200);
    const masked2 = await get(ana).expect(200);

    // The administrator sees the KPI by name, both departments.
    expect(report(clear1).rows.map((r) => [r.department, r.kpi, r.actual])).toEqual([
      ['华东运营部', CANARY, 0.03],
      ['华南运营部', CANARY, 0.05],
    ]);
    // The masked analyst: the same numbers, the name as a pseudonym, never the canary — first
    // computed after the clear answer was cached, then served from the cache.
    for (const res of [masked1, masked2]) {
      expect(res.text).not.toContain(CANARY);
      expect(report(res).rows.map((r) => r.actual)).toEqual([0.03, 0.05]);
      expect(report(res).rows[0]!.kpi).toMatch(/^h:/);
    }
    expect(clear2.text).toBe(clear1.text);
    expect(masked2.text).toBe(masked1.text);
    expect(masked1.headers['etag']).not.toBe(clear1.headers['etag']);
    expect(clear2.headers['etag']).toBe(clear1.headers['etag']);

    // Own department: each sees only theirs; the two of one department share an answer.
    const eastRes = await get(east).expect(200);
    const east2Res = await get(east2).expect(200);
    const southRes = await get(south).expect(200);
    expect(report(eastRes).rows.map((r) => r.department)).toEqual(['华东运营部']);
    expect(report(southRes).rows.map((r) => r.department)).toEqual(['华南运营部']);
    expect(southRes.text).not.toContain('华东运营部');
    expect(eastRes.text).not.toContain('华南运营部');
    expect(east2Res.text).toBe(eastRes.text);
    expect(east2Res.headers['etag']).toBe(eastRes.headers['etag']);
    // Masked everywhere but clear in their own department (two roles): a view of its own, neither
    // the analyst's nor the department's, and still no canary (KPI definitions follow the global, masked, grant).
    const bothRes = await get(both).expect(200);
    expect(bothRes.text).not.toContain(CANARY);
    expect(report(bothRes).rows.map((r) => r.department)).toEqual(['华东运营部', '华南运营部']);
    const tags = new Set([clear1, masked1, eastRes, southRes, bothRes].map((r) => r.headers['etag']));
    expect(tags.size).toBe(5);

    // Another view's ETag is no match: the caller gets their own answer, not a 304.
    const crossed = await get(ana, `${base}/scorecard`, clear1.headers['etag']).expect(200);
    expect(crossed.text).not.toContain(CANARY);

    const after = await cacheStats();
    // Computed once per view (clear, masked, east, south, both); every other answer was a hit.
    expect(after.misses - before.misses).toBe(5);
    expect(after.hits - before.hits).toBe(4);
    expect(after.entries).toBeGreaterThanOrEqual(4);
  });

  it('answers 304 to a matching If-None-Match, JSON and workbook alike', async () => {
    const first = await get(boss).expect(200);
    const etag = first.headers['etag']!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await get(boss, `${base}/scorecard`, etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers['etag']).toBe(etag);
    // A list of tags holding it, and the strong form of it, match too.
    expect((await get(boss, `${base}/scorecard`, `"nope", ${etag.slice(2)}`)).status).toBe(304);

    const xlsx = await get(boss, `${base}/scorecard.xlsx`).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-type']).toBe(XLSX_TYPE);
    expect(xlsx.headers['etag']).not.toBe(etag);
    expect(await xlsxText(xlsx)).toContain(CANARY);
    expect((await get(boss, `${base}/scorecard.xlsx`, xlsx.headers['etag']).buffer(true).parse(binary)).status).toBe(304);
    // The masked analyst's workbook is their own, without the canary; the administrator's tag is no match for them.
    const maskedXlsx = await get(ana, `${base}/scorecard.xlsx`, xlsx.headers['etag']).buffer(true).parse(binary).expect(200);
    expect(maskedXlsx.headers['etag']).not.toBe(xlsx.headers['etag']);
    expect(await xlsxText(maskedXlsx)).not.toContain(CANARY);
    // An oversized If-None-Match is a clear 400, not a computation.
    const bad = await get(boss, `${base}/scorecard`, `"${'x'.repeat(3000)}"`);
    expect([bad.status, bad.body.code]).toEqual([400, 'validation']);
  });

  it('a push, a row delete and a policy change each show in the next answer', async () => {
    const first = await get(boss).expect(200);
    const etag = first.headers['etag']!;
    const revision = (await service.pull(boss, WS, 'kpi.xlsx', '指标数据').expect(200)).body.revision as number;

    // A push of one value: the old tag no longer matches, the body has the new number.
    await service.push(boss, WS, 'kpi.xlsx', '指标数据', { kind: 'metrics', mode: 'delta', rows: rows({ period: '2024-03', department: '华东运营部', metric: '付费订单', value: 600 }) }, { ifMatch: revision }).expect(200);
    const pushed = await get(boss, `${base}/scorecard`, etag).expect(200);
    expect(pushed.headers['etag']).not.toBe(etag);
    expect(report(pushed).rows.find((r) => r.department === '华东运营部')!.actual).toBe(0.06);
    // The masked view of the same change is recomputed too, still without the canary.
    const maskedPushed = await get(ana).expect(200);
    expect(report(maskedPushed).rows.find((r) => r.department === '华东运营部')!.actual).toBe(0.06);
    expect(maskedPushed.text).not.toContain(CANARY);

    // A row delete (华南's visitors): its score can no longer be computed.
    const key = encodeURIComponent('2024-03 / 华南运营部 / 访客数');
    const del = await request(service.app).delete(`${METRICS}/rows/${key}`).set(boss).set('Idempotency-Key', 'del-south-visitors');
    expect(del.status).toBe(200);
    const deleted = await get(boss, `${base}/scorecard`, pushed.headers['etag']).expect(200);
    expect(deleted.headers['etag']).not.toBe(pushed.headers['etag']);
    expect(report(deleted).rows.find((r) => r.department === '华南运营部')?.actual ?? null).toBeNull();

    // The policy: the analyst's role becomes clear, and their next answer names the KPI.
    const maskedTag = (await get(ana).expect(200)).headers['etag']!;
    const matrixNow = (await service.pull(boss, WS, 'access.xlsx', '权限矩阵').expect(200)).body.revision as number;
    matrixRevision = matrixNow;
    await service.push(boss, WS, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: matrix(...ROLES, ANALYST_CLEAR) }, { ifMatch: matrixRevision }).expect(200);
    const nowClear = await get(ana, `${base}/scorecard`, maskedTag).expect(200);
    expect(nowClear.text).toContain(CANARY);
    // …and it is the administrator's view now: one answer for both.
    expect(nowClear.headers['etag']).toBe((await get(boss).expect(200)).headers['etag']);
    // Back to masked: the canary is gone again at once.
    await service.push(boss, WS, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: matrix(...ROLES, ANALYST_MASKED) }, { ifMatch: matrixRevision + 1 }).expect(200);
    const maskedAgain = await get(ana, `${base}/scorecard`, nowClear.headers['etag']).expect(200);
    expect(maskedAgain.text).not.toContain(CANARY);
  });
});
