import Database from 'better-sqlite3';
import pg from 'pg';
import request from 'supertest';
import { ScorecardReportSchema } from '../../../shared/api/scorecard';
import { databaseFactories, type DatabaseFactory } from '../../fixtures/databases';
import { BOSS, rows, serviceOn, STANDARD_MATRIX, type Headers, type Service } from '../../fixtures/service';
import { binary } from '../security/helpers';

/**
 * Statements for one scorecard, counted at the driver on both stores: on PostgreSQL every
 * statement a pooled client sends (BEGIN and COMMIT included), on SQLite every execution of a
 * prepared statement. The workspace holds many metric sheets: a scorecard used to pull them
 * one by one (a round trip or more each); now the whole workspace is one query, and an answer
 * already computed for the same revisions costs the caller's authorisation (the policy read)
 * and the revision query, which also counts the KPI changes waiting for approval.
 */

const WS = 'manysheets';
const SHEETS = 24;

/** Records the text of every statement the store sends, from now on, into `into`. */
function countStatements(factory: DatabaseFactory, into: () => string[]): void {
  const textOf = (first: unknown): string =>
    typeof first === 'string' ? first : typeof first === 'object' && first !== null && 'text' in first ? String((first as { text: unknown }).text) : '(other)';
  if (factory.name === 'postgres') {
    const original = pg.Client.prototype.query;
    // Installed before the store's pool makes its first connection, so every client sends through it.
    jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      into().push(textOf(args[0]));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original);
    return;
  }
  // better-sqlite3 runs a prepared statement through one of these (the store keeps them prepared).
  const probe = new Database(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('select 1')) as Record<'all' | 'get' | 'run' | 'iterate', (...a: unknown[]) => unknown>;
  probe.close();
  for (const method of ['all', 'get', 'run', 'iterate'] as const) {
    const original = statement[method];
    jest.spyOn(statement, method).mockImplementation(function (this: { source: string }, ...args: unknown[]) {
      into().push(this.source);
      return original.apply(this, args);
    });
  }
}

describe.each(databaseFactories)('scorecard statements on $name', (factory) => {
  let service: Service;
  let boss: Headers;
  let ana: Headers;
  let statements: string[] = [];

  beforeAll(async () => {
    countStatements(factory, () => statements);
    service = await serviceOn(factory);
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
    // The policy, the revision set (with the waiting count), the workspace's sheets: three, however many sheets.
    expect(first.count).toBeLessThanOrEqual(3);

    // Computed already for these revisions and this view: the caller's policy and the revision set only.
    const again = await scorecard(boss);
    expect(again.count).toBeLessThanOrEqual(2);

    // A masked view also reads the masking rules (the designation, then the classification sheet
    // in a read transaction: begin, sheet, rows, commit); kept, it is back to two.
    const masked = await scorecard(ana);
    expect(masked.departments).toBe(SHEETS);
    expect(masked.count).toBeLessThanOrEqual(8);
    expect((await scorecard(ana)).count).toBeLessThanOrEqual(2);
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
