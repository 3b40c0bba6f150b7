import request from 'supertest';
import { PullResponseSchema, PushResponseSchema, HistoryResponseSchema } from '../../../shared/api/sync';
import { databaseFactories } from '../../fixtures/databases';
import { BOSS, rows, serviceOn, sheetPath, withStandardPolicy, type Headers, type Service } from '../../fixtures/service';

/** Push, pull, history and delete over HTTP, on SQLite and PostgreSQL alike. */

const KPI = (name: string, target: string, weight: number) => ({ name, target, weight, perspective: '客户', formula: '' });

describe.each(databaseFactories)('sheets on $name', (factory) => {
  let service: Service;
  let boss: Headers;
  const ws = 'sync';
  let n = 0;
  const wb = () => `book-${++n}.xlsx`;

  beforeAll(async () => {
    service = await serviceOn(factory);
    await withStandardPolicy(service, ws);
    boss = await service.asUser(BOSS);
  });
  afterAll(() => service.close());

  it('creates a sheet with If-None-Match: *, answers revision 1, an ETag and the issues of the sheet as stored', async () => {
    const book = wb();
    const res = await service.push(boss, ws, book, 'KPI', { kind: 'kpi', rows: rows(KPI('转化率', '≥3%', 0.6), KPI('ROI', '≥4', 0.3)) }, { ifMatch: null });
    expect(res.status).toBe(200);
    const body = PushResponseSchema.parse(res.body);
    expect(body.revision).toBe(1);
    expect(body.changedCells).toBeGreaterThan(0);
    expect(body.conflicts).toEqual([]);
    expect(res.headers['etag']).toBe('"1"');
    // Weights add up to 90%: the shared analysis of the stored sheet says so, in English by default.
    const weights = body.issues.find((i) => i.code.includes('weight'));
    expect(weights).toBeDefined();
    expect(weights!.message).toMatch(/[a-z]/i);
  });

  it('answers a metric delta with the issues of the rows it changed, without reading them back', async () => {
    const book = wb();
    const metric = (department: string, value: string | number) => ({ period: '2024-03', department, metric: '访客数', value });
    await service.push(boss, ws, book, 'metrics', { kind: 'metrics', rows: rows(metric('华东', 1), metric('华南', 2), metric('华北', 'n/a')) }, { ifMatch: null }).expect(200);
    const pull = jest.spyOn(service.store, 'pull');
    try {
      const res = await service.push(boss, ws, book, 'metrics', { kind: 'metrics', mode: 'delta', rows: rows(metric('华东', 'abc'), metric('华南', 3)) }, { ifMatch: 1 }).expect(200);
      const body = PushResponseSchema.parse(res.body);
      // The bad value it wrote is answered; 华北's older one is not (a delta answers its own rows).
      expect(body.issues.map((i) => JSON.stringify(i))).toEqual([expect.stringContaining('abc')]);
      expect(pull).not.toHaveBeenCalled();
    } finally {
      pull.mockRestore();
    }
  });

  it('localises the issues by Accept-Language', async () => {
    const res = await service.push(boss, ws, wb(), 'KPI', { kind: 'kpi', rows: rows(KPI('转化率', '≥3%', 0.6)) }, { ifMatch: null, lang: 'zh-CN,zh;q=0.9' });
    expect(res.status).toBe(200);
    expect(res.body.issues.length).toBeGreaterThan(0);
    expect(res.body.issues[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('updates from the current revision, pulls all rows or the changes since a revision', async () => {
    const book = wb();
    await service.push(boss, ws, book, 'KPI', { kind: 'kpi', rows: rows(KPI('A', '≥1', 0.5), KPI('B', '≥2', 0.5)) }, { ifMatch: null }).expect(200);
    const upd = await service.push(boss, ws, book, 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: 'B', target: '≥3' }) }, { ifMatch: 1 });
    expect(upd.status).toBe(200);
    expect(upd.body.revision).toBe(2);
    expect(upd.body.changedCells).toBe(1);

    const all = PullResponseSchema.parse((await service.pull(boss, ws, book, 'KPI', 0).expect(200)).body);
    expect(all.revision).toBe(2);
    expect(all.rows.map((r) => [r.key, r.cells['target']])).toEqual([
      ['a', '≥1'],
      ['b', '≥3'],
    ]);
    const since = PullResponseSchema.parse((await service.pull(boss, ws, book, 'KPI', 1).expect(200)).body);
    expect(since.rows.map((r) => r.key)).toEqual(['b']);
  });

  it('merges a stale push: different cells both kept, the same cell returned as a conflict and not written', async () => {
    const book = wb();
    await service.push(boss, ws, book, 'KPI', { kind: 'kpi', rows: rows(KPI('A', '≥1', 0.5)) }, { ifMatch: null }).expect(200);
    // Someone else changes the target (revision 2)…
    await service.push(boss, ws, book, 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: 'A', target: '≥2' }) }, { ifMatch: 1 }).expect(200);
    // …while we, from revision 1, change the weight and the target.
    const res = await service.push(boss, ws, book, 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: 'A', target: '≥5', weight: 0.4 }) }, { ifMatch: 1 });
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(3);
    expect(res.body.conflicts).toEqual([{ key: 'a', field: 'target', yours: '≥5', theirs: '≥2', original: '≥1' }]);
    const pulled = await service.pull(boss, ws, book, 'KPI').expect(200);
    expect(pulled.body.rows[0].cells).toMatchObject({ target: '≥2', weight: 0.4 });
  });

  it('a delta push deletes by key; a full push deletes the rows it leaves out', async () => {
    const book = wb();
    await service.push(boss, ws, book, 'KPI', { kind: 'kpi', rows: rows(KPI('A', '≥1', 0.3), KPI('B', '≥1', 0.3), KPI('C', '≥1', 0.4)) }, { ifMatch: null }).expect(200);
    const del = await service.push(boss, ws, book, 'KPI', { kind: 'kpi', mode: 'delta', deletes: ['b'] }, { ifMatch: 1 });
    expect(del.status).toBe(200);
    const full = await service.push(boss, ws, book, 'KPI', { kind: 'kpi', rows: rows(KPI('A', '≥1', 1)) }, { ifMatch: 2 });
    expect(full.status).toBe(200);
    const pulled = await service.pull(boss, ws, book, 'KPI').expect(200);
    expect(pulled.body.rows.map((r: { key: string }) => r.key)).toEqual(['a']);
    const tombstones = await service.pull(boss, ws, book, 'KPI', 1).expect(200);
    expect(tombstones.body.rows.filter((r: { deleted: boolean }) => r.deleted).map((r: { key: string }) => r.key).sort()).toEqual(['b', 'c']);
  });

  it('replays the first answer for a retry with the same Idempotency-Key, and refuses the key with another body', async () => {
    const book = wb();
    const key = `retry-${factory.name}-${Date.now()}`;
    const body = { kind: 'kpi' as const, rows: rows(KPI('A', '≥1', 1)) };
    const first = await service.push(boss, ws, book, 'KPI', body, { ifMatch: null, key });
    const again = await service.push(boss, ws, book, 'KPI', body, { ifMatch: null, key });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect({ ...again.body, issues: undefined }).toEqual({ ...first.body, issues: undefined });
    expect((await service.pull(boss, ws, book, 'KPI')).body.revision).toBe(1);

    const other = await service.push(boss, ws, book, 'KPI', { kind: 'kpi', rows: rows(KPI('A', '≥9', 1)) }, { ifMatch: 1, key });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency-key-reused');
  });

  it('answers the store refusals as problems: exists 412, unknown revision 412, missing sheet 404, other kind 409', async () => {
    const book = wb();
    await service.push(boss, ws, book, 'KPI', { kind: 'kpi', rows: rows(KPI('A', '≥1', 1)) }, { ifMatch: null }).expect(200);
    const exists = await service.push(boss, ws, book, 'KPI', { kind: 'kpi', rows: rows(KPI('A', '≥1', 1)) }, { ifMatch: null });
    expect([exists.status, exists.body.code, exists.body.reason]).toEqual([412, 'precondition-failed', 'exists']);
    const unknown = await service.push(boss, ws, book, 'KPI', { kind: 'kpi', rows: rows(KPI('A', '≥1', 1)) }, { ifMatch: 9 });
    expect([unknown.status, unknown.body.reason, unknown.body.revision]).toEqual([412, 'unknown-revision', 1]);
    const missing = await service.push(boss, ws, book, 'Nope', { kind: 'kpi', rows: rows(KPI('A', '≥1', 1)) }, { ifMatch: 1 });
    expect(missing.status).toBe(404);
    const kind = await service.push(boss, ws, book, 'KPI', { kind: 'dashboard', rows: rows({ metric: 'x', source: 'y', target: '≥1' }) }, { ifMatch: 1 });
    expect([kind.status, kind.body.reason]).toEqual([409, 'kind-mismatch']);
  });

  it('requires a precondition (428) and an Idempotency-Key (400)', async () => {
    const body = { kind: 'kpi' as const, rows: rows(KPI('A', '≥1', 1)) };
    const noPrecondition = await service.push(boss, ws, wb(), 'KPI', body, {});
    expect([noPrecondition.status, noPrecondition.body.code]).toEqual([428, 'precondition-required']);
    const noKey = await service.push(boss, ws, wb(), 'KPI', body, { ifMatch: null, key: null });
    expect([noKey.status, noKey.body.code]).toEqual([400, 'validation']);
    expect(noKey.body.errors[0]).toMatchObject({ in: 'headers', path: '/idempotency-key' });
    const badKey = await service.push(boss, ws, wb(), 'KPI', body, { ifMatch: null, key: 'has spaces in it' });
    expect(badKey.status).toBe(400);
  });

  it('refuses rows without a natural key or with a repeated one, naming the row and never its values; nothing is written', async () => {
    const book = wb();
    const noKey = await service.push(boss, ws, book, 'metrics', { kind: 'metrics', rows: rows({ period: '2024-03', department: '华东运营部', metric: '访客数', value: 1 }, { period: '2024-03', department: '', metric: '访客数', value: 2 }) }, { ifMatch: null });
    expect(noKey.status).toBe(400);
    expect(noKey.body.reason).toBe('row-keys');
    expect(noKey.body.errors).toEqual([expect.objectContaining({ path: '/rows/1', code: 'missing-key' })]);
    // "2024年3月" and "2024-03" are one period: the same key.
    const dup = await service.push(boss, ws, book, 'metrics', { kind: 'metrics', rows: rows({ period: '2024-03', department: '华东运营部', metric: '访客数', value: 1 }, { period: '2024年3月', department: '华东运营部', metric: '访客数', value: 2 }) }, { ifMatch: null });
    expect(dup.status).toBe(400);
    expect(dup.body.errors).toEqual([expect.objectContaining({ path: '/rows/1', code: 'duplicate-key' })]);
    expect(JSON.stringify(dup.body)).not.toContain('华东');
    expect((await service.pull(boss, ws, book, 'metrics')).status).toBe(404);
  });

  it('refuses more rows than SYNC_MAX_ROWS with 413', async () => {
    const small = await serviceOn(factory, { SYNC_MAX_ROWS: '2' });
    try {
      // No matrix (it has four rows): the boss acts as a bootstrap admin.
      const res = await small.push(await small.asUser(BOSS), ws, 'x.xlsx', 'KPI', { kind: 'kpi', rows: rows(KPI('A', '≥1', 0.3), KPI('B', '≥1', 0.3), KPI('C', '≥1', 0.4)) }, { ifMatch: null });
      expect([res.status, res.body.code, res.body.limitRows]).toEqual([413, 'payload-too-large', 2]);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      // The limit, and how to raise it.
      expect(res.body.detail).toMatch(/at most 2 rows and deletes .*raise SYNC_MAX_ROWS/);
    } finally {
      await small.close();
    }
  });

  it('keeps who changed a cell: history oldest first, with user, time, old and new value', async () => {
    const book = wb();
    await service.push(boss, ws, book, 'KPI', { kind: 'kpi', rows: rows(KPI('A', '≥1', 1)) }, { ifMatch: null }).expect(200);
    await service.push(boss, ws, book, 'KPI', { kind: 'kpi', mode: 'delta', rows: rows({ name: 'A', target: '≥2' }) }, { ifMatch: 1 }).expect(200);
    const res = await service.history(boss, ws, book, 'KPI', 'a', 'target').expect(200);
    const body = HistoryResponseSchema.parse(res.body);
    expect(body.changes.map((c) => [c.revision, c.email, c.oldValue, c.newValue])).toEqual([
      [1, BOSS, null, '≥1'],
      [2, BOSS, '≥1', '≥2'],
    ]);
    expect((await service.history(boss, ws, book, 'Nope', 'a', 'target')).status).toBe(404);
    expect((await service.history(boss, ws, book, 'KPI', 'a', '__proto__')).status).toBe(400);
  });

  it('deletes one row by key with DELETE …/rows/:key (delete operation)', async () => {
    const book = wb();
    await service.push(boss, ws, book, 'KPI', { kind: 'kpi', rows: rows(KPI('A', '≥1', 0.5), KPI('B B', '≥1', 0.5)) }, { ifMatch: null }).expect(200);
    const path = `${sheetPath(ws, book, 'KPI')}/rows/${encodeURIComponent('bb')}`;
    const res = await request(service.app).delete(path).set(boss).set('Idempotency-Key', `del-${factory.name}-${Date.now()}`);
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(2);
    expect((await service.pull(boss, ws, book, 'KPI')).body.rows.map((r: { key: string }) => r.key)).toEqual(['a']);
    // The viewer role has no delete.
    const viewer = await service.asUser('viewer@example.com');
    const denied = await request(service.app).delete(path).set(viewer).set('Idempotency-Key', 'k-viewer');
    expect([denied.status, denied.body.code]).toEqual([403, 'forbidden']);
  });

  it('lists the workspaces of the tenant and the sheets of one', async () => {
    const list = await request(service.app).get('/api/v1/workspaces').set(boss).expect(200);
    expect(list.body.workspaces).toContainEqual({ name: ws });
    const other = await request(service.app).get('/api/v1/workspaces').set(await service.asUser(BOSS, { tenant: 'other-tenant' })).expect(200);
    expect(other.body.workspaces).toEqual([]);
    const sheets = await request(service.app).get(`/api/v1/workspaces/${ws}/sheets`).set(boss).expect(200);
    expect(sheets.body.sheets).toContainEqual(expect.objectContaining({ workbook: 'access.xlsx', sheet: '权限矩阵', kind: 'permissions', revision: 1 }));
  });
});
