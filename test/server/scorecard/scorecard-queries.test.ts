import pg from 'pg';
import request from 'supertest';
import { ScorecardReportSchema } from '../../../shared/api/scorecard';
import { databaseFactories } from '../../fixtures/databases';
import { BOSS, rows, serviceOn, STANDARD_MATRIX, type Headers, type Service } from '../../fixtures/service';
import { binary } from '../security/helpers';

/**
 * Round trips to PostgreSQL for one scorecard, counted at the driver (every statement a pooled
 * client sends, BEGIN and COMMIT included). The workspace holds many metric sheets: a
 * scorecard used to pull them one by one (a round trip or more each); now the whole workspace
 * is one query, and an answer already computed for the same revisions costs only the revision
 * query and the policy read.
 */

const postgres = databaseFactories.find((f) => f.name === 'postgres')!;
const WS = 'manysheets';
const SHEETS = 24;

describe('scorecard round trips on postgres', () => {
  let service: Service;
  let boss: Headers;
  let ana: Headers;
  let statements: string[] = [];

  beforeAll(async () => {
    const original = pg.Client.prototype.query;
    // Installed before the store's pool makes its first connection, so every client sends through it.
    jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const first = args[0];
      statements.push(typeof first === 'string' ? first : typeof first === 'object' && first !== null && 'text' in first ? String((first as { text: unknown }).text) : '(other)');
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original);
    service = await serviceOn(postgres);
    boss = await service.asUser(BOSS);
    ana = await service.asUser('ana@example.com');
    await service.push(boss, WS, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: STANDARD_MATRIX }, { ifMatch: null }).expect(200);
    await service.push(boss, WS, 'access.xlsx', '数据分类', { kind: 'classification', rows: rows({ field: '负责人', class: '核心', masking: '哈希' }) }, { ifMatch: null }).expect(200);
    await service.push(boss, WS, 'kpi.xlsx', 'KPI', { kind: 'kpi', rows: rows({ name: '转化率', formula: '付费订单/访客数', target: '≥3%', weight: 1, perspective: '客户', owner: '张三' }) }, { ifMatch: null }).expect(200);
    for (let i = 0; i < SHEETS; i++) {
      const department = `部门${String(i).padStart(2, '0')}`;
      const values = rows({ period: '2024-03', department, metric: '付费订单', value: 100 + i }, { period: '2024-03', department, metric: '访客数', value: 10000 });
      await service.push(boss, WS, `book-${i % 4}.xlsx`, `指标${i}`, { kind: 'metrics', rows: values }, { ifMatch: null }).expect(200);
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await service.close();
  });

  const scorecard = async (user: Headers): Promise<{ count: number; departments: number }> => {
    statements = [];
    const res = await request(service.app).get(`/api/v1/workspaces/${WS}/scorecard`).set(user).expect(200);
    return { count: statements.length, departments: new Set(ScorecardReportSchema.parse(res.body).rows.map((r) => r.department)).size };
  };

  it(`reads a workspace of ${SHEETS} metric sheets in a few queries, not one per sheet`, async () => {
    const first = await scorecard(boss);
    expect(first.departments).toBe(SHEETS);
    // The policy, the revision set, the count of KPI changes waiting for approval, the
    // workspace's sheets (and the store's own transaction statements): a handful, however many sheets.
    expect(first.count).toBeLessThanOrEqual(5);

    // Computed already for these revisions and this view: the policy, the revision set and the
    // waiting count (the workspace looked up, then counted) only.
    const again = await scorecard(boss);
    expect(again.count).toBeLessThanOrEqual(4);

    // A masked view also reads the masking rules (the designation and the classification sheet).
    const masked = await scorecard(ana);
    expect(masked.departments).toBe(SHEETS);
    expect(masked.count).toBeLessThanOrEqual(10);
    expect(masked.count).toBeLessThan(SHEETS);
  });

  it('answers a kept report compressed as the caller accepts it, encoded once and not again by the middleware', async () => {
    for (const coding of ['br', 'gzip'] as const) {
      const res = await request(service.app).get(`/api/v1/workspaces/${WS}/scorecard`).set(boss).set('Accept-Encoding', coding).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-encoding']).toBe(coding);
      expect(res.headers['vary']).toContain('Accept-Encoding');
      // The client decodes once (superagent undoes br and gzip itself): a second encoding would not parse.
      const text = (res.body as Buffer).toString('utf8');
      expect(ScorecardReportSchema.parse(JSON.parse(text)).rows).toHaveLength(SHEETS);
    }
  });
});
