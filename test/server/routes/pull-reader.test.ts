import request from 'supertest';
import { createApp } from '../../../server/app';
import { DEMO_ADMIN, DEMO_TENANT, DEMO_WORKBOOK, DEMO_WORKSPACE, seedDemo } from '../../../server/demo/seed-demo';
import { storeSheetReader, type ReaderTarget, type SheetReader } from '../../../server/store/sheet-reader';
import type { DatabaseConfig } from '../../../server/store/database';
import { databaseFactories } from '../../fixtures/databases';
import { serviceOn, sheetPath, type Headers, type Service } from '../../fixtures/service';

/**
 * Pulls read on reader threads (their own read-only connections: to the same SQLite file, or
 * a small pool to the same PostgreSQL schema) answer byte for byte what the store answers on
 * the request's thread, for every kind of caller, and fall back to that thread when the reader
 * cannot.
 */

const METRICS = sheetPath(DEMO_WORKSPACE, DEMO_WORKBOOK, '指标数据');

function targetOf(config: DatabaseConfig): ReaderTarget {
  return config.kind === 'sqlite' ? { kind: 'sqlite', file: config.file } : { kind: 'postgres', url: config.url, ...(config.schema !== undefined ? { schema: config.schema } : {}), connections: 2 };
}

describe.each(databaseFactories)('pulls on reader threads, $name', (factory) => {
  let service: Service;
  let reader: SheetReader;
  let withReader: ReturnType<typeof createApp>;
  let admin: Headers;

  beforeAll(async () => {
    service = await serviceOn(factory);
    await seedDemo(service.deps);
    admin = await service.asUser(DEMO_ADMIN);
    reader = storeSheetReader({ target: targetOf(service.db.config), threads: 1, maxQueue: 16, timeoutMs: 20_000 });
    withReader = createApp({ ...service.deps, sheetReader: reader });
  });
  afterAll(async () => {
    await reader.close();
    await service.close();
  });

  /** Both apps' answers to one pull: status, ETag and the body's exact text. */
  async function both(user: Headers, path: string, since?: number): Promise<[string[], string[]]> {
    const ask = (app: ReturnType<typeof createApp>) => {
      const req = request(app).get(path).set(user);
      return (since === undefined ? req : req.query({ since })).buffer(true).parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => done(null, text));
      });
    };
    const [a, b] = await Promise.all([ask(withReader), ask(service.app)]);
    const seen = (r: request.Response) => [String(r.status), String(r.headers['etag']), String(r.headers['content-type']), r.body as string];
    return [seen(a), seen(b)];
  }

  it('answers every row to a global unmasked caller exactly as the store does', async () => {
    const [there, here] = await both(admin, METRICS);
    expect(there).toEqual(here);
    expect(there[0]).toBe('200');
    expect(JSON.parse(there[3]!).rows.length).toBeGreaterThan(20);
    // Read by the reader thread itself, not by the fallback.
    const read = await reader.pull({ tenantId: DEMO_TENANT, workspace: DEMO_WORKSPACE, workbook: DEMO_WORKBOOK, sheet: '指标数据' }, 0);
    expect(read.ok && read.value !== null && [read.value.kind, JSON.parse(Buffer.from(read.value.rowsJson).toString('utf8')).length]).toEqual(['metrics', JSON.parse(there[3]!).rows.length]);
  });

  it('leaves out other departments for an own-department role, masks for a masked role, as the store does', async () => {
    const zhang = await service.asUser('zhangsan@example.cn', { department: '华东运营部' });
    const wang = await service.asUser('wangwu@example.cn');
    for (const user of [zhang, wang]) {
      const [there, here] = await both(user, METRICS);
      expect(there).toEqual(here);
      expect(there[0]).toBe('200');
    }
    const [own] = await both(zhang, METRICS);
    const departments = new Set(JSON.parse(own[3]!).rows.map((r: { cells: { department: string } }) => r.cells.department));
    expect([...departments]).toEqual(['华东运营部']);
  });

  it('answers changes since a revision, tombstones included, and 404 for no such sheet', async () => {
    const pushed = await service.push(admin, DEMO_WORKSPACE, DEMO_WORKBOOK, '指标数据', { kind: 'metrics', mode: 'delta', rows: [{ cells: { period: '2024-03', department: '华东运营部', metric: '利润', value: 1 } }] }, { ifMatch: JSON.parse((await both(admin, METRICS))[0][3]!).revision });
    expect(pushed.status).toBe(200);
    const [there, here] = await both(admin, METRICS, pushed.body.revision - 1);
    expect(there).toEqual(here);
    expect(JSON.parse(there[3]!).rows.length).toBe(1);
    const [missingThere, missingHere] = await both(admin, sheetPath(DEMO_WORKSPACE, DEMO_WORKBOOK, '没有这张表'));
    expect(missingThere[0]).toBe('404');
    expect(JSON.parse(missingThere[3]!).code).toBe(JSON.parse(missingHere[3]!).code);
  });

  it('reads on the request thread when the reader cannot (closed), with the same answer', async () => {
    const closed = storeSheetReader({ target: targetOf(service.db.config), threads: 1, maxQueue: 1, timeoutMs: 1000 });
    await closed.close();
    const app = createApp({ ...service.deps, sheetReader: closed });
    const [viaClosed, direct] = await Promise.all([request(app).get(METRICS).set(admin), request(service.app).get(METRICS).set(admin)]);
    expect(viaClosed.status).toBe(200);
    expect(viaClosed.body).toEqual(direct.body);
  });
});
