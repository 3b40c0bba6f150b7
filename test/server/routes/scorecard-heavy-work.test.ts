import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { createApp } from '../../../server/app';
import { DEMO_ADMIN, DEMO_WORKSPACE, seedDemo } from '../../../server/demo/seed-demo';
import { pooledScorecardWork } from '../../../server/scorecard/scorecard-work';
import { heavyWorkerScript, type HeavyAnswer, type HeavyTask } from '../../../server/workers/heavy-tasks';
import { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from '../../../server/workers/worker-pool';
import { databaseFactories } from '../../fixtures/databases';
import { serviceOn, type Headers, type Service } from '../../fixtures/service';

/**
 * The scorecard routes with their heavy work on the worker pool, as main.ts runs them, on both
 * stores: the same answers as on the request's thread; /healthz answered while workbooks are
 * being made; a deadline or a dead worker answered as a clear problem, and the service goes on.
 */

const JSON_PATH = `/api/v1/workspaces/${DEMO_WORKSPACE}/scorecard`;
const XLSX_PATH = `/api/v1/workspaces/${DEMO_WORKSPACE}/scorecard.xlsx`;

function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

async function workbookText(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const cells = [ws.name];
    ws.eachRow((row) => row.eachCell((cell) => cells.push(`${cell.address}=${JSON.stringify(cell.value)}`)));
    return cells;
  });
}

/** A GET on a real socket that resolves with its status once the whole answer has arrived. */
function fetchStatus(server: Server, path: string, headers: Headers): Promise<number> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

describe.each(databaseFactories)('scorecard routes on the heavy-work pool, $name', (factory) => {
  let service: Service;
  let admin: Headers;
  const pools: WorkerPool<HeavyTask, HeavyAnswer>[] = [];
  const pooledApp = (options: Partial<WorkerPoolOptions> = {}) => {
    const pool = createWorkerPool<HeavyTask, HeavyAnswer>({ script: heavyWorkerScript(), size: 2, maxQueue: 32, timeoutMs: 30_000, ...options });
    pools.push(pool);
    // One user sends them all here: the per-user bound on heavy requests is not what is tried.
    const config = { ...service.deps.config, heavyRequestsPerUser: 16 };
    return { pool, app: createApp({ ...service.deps, config, scorecardWork: pooledScorecardWork(pool) }) };
  };

  beforeAll(async () => {
    service = await serviceOn(factory);
    await seedDemo(service.deps);
    admin = await service.asUser(DEMO_ADMIN);
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await service.close();
  });

  it('answers the same scorecard JSON and workbook as the request thread does', async () => {
    const { app } = pooledApp();
    for (const query of [{}, { period: '2024年2月' }]) {
      const [there, here] = await Promise.all([request(app).get(JSON_PATH).query(query).set(admin), request(service.app).get(JSON_PATH).query(query).set(admin)]);
      expect(there.status).toBe(200);
      expect(there.body).toEqual(here.body);
    }
    const [there, here] = await Promise.all([
      request(app).get(XLSX_PATH).query({ lang: 'en-US' }).set(admin).buffer(true).parse(binary),
      request(service.app).get(XLSX_PATH).query({ lang: 'en-US' }).set(admin).buffer(true).parse(binary),
    ]);
    expect(there.status).toBe(200);
    expect(there.headers['content-disposition']).toEqual(here.headers['content-disposition']);
    expect(await workbookText(there.body as Buffer)).toEqual(await workbookText(here.body as Buffer));
    // An own-department exporter still gets only their department (the view is applied before the pool).
    const zhang = await service.asUser('zhangsan@example.cn', { department: '华东运营部' });
    const own = await request(app).get(XLSX_PATH).set(zhang).buffer(true).parse(binary);
    const text = (await workbookText(own.body as Buffer)).flat().join('\n');
    expect(text).toContain('华东运营部');
    expect(text).not.toContain('华南运营部');
  });

  it('answers /healthz while scorecard workbooks are being made, before they are all done', async () => {
    // One thread for eight workbooks: most of them wait in the queue while /healthz is asked.
    const { pool, app } = pooledApp({ size: 1 });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const order: string[] = [];
      const heavy = Array.from({ length: 8 }, (_, i) => fetchStatus(server, XLSX_PATH, admin).then((status) => order.push(`xlsx ${i} ${status}`)));
      // Wait until the pool is at work on them, then ask for health.
      while (pool.stats().running === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      const health = await fetchStatus(server, '/healthz', {});
      order.push(`healthz ${health}`);
      const busy = pool.stats();
      await Promise.all(heavy);
      const at = order.indexOf('healthz 200');
      expect(at).toBeGreaterThanOrEqual(0);
      // Answered while workbooks were still being made: never behind all of them.
      expect(at).toBeLessThan(order.length - 1);
      expect(busy.running + busy.queued).toBeGreaterThan(0);
      expect(order.filter((o) => o.startsWith('xlsx')).every((o) => o.endsWith(' 200'))).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a scorecard past its deadline is a 503 busy problem with Retry-After; the service answers on', async () => {
    const { app } = pooledApp({ timeoutMs: 1 });
    const res = await request(app).get(JSON_PATH).set(admin);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({ code: 'busy', reason: 'deadline' });
    const xlsx = await request(app).get(XLSX_PATH).set(admin);
    expect([xlsx.status, xlsx.body.code, xlsx.headers['content-disposition']]).toEqual([503, 'busy', undefined]);
    await request(app).get('/healthz').expect(200);
  });

  it('a worker that dies (out of memory) is a 500 problem that says so, and the next request is answered', async () => {
    const { app } = pooledApp({ maxHeapMb: 1 });
    const res = await request(app).get(JSON_PATH).set(admin);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'internal', reason: 'worker-failed' });
    expect(res.body.detail).toMatch(/worker thread failed/);
    // The service is still up, and a healthy pool answers the same request.
    await request(app).get('/healthz').expect(200);
    await request(pooledApp().app).get(JSON_PATH).set(admin).expect(200);
  });
});
