import request from 'supertest';
import { ReadySchema } from '../../../shared/api/health';
import { subscriptionSendPath, subscriptionsPath, type CreateSubscription } from '../../../shared/api/subscriptions';
import { createApp } from '../../../server/app';
import { pooledScorecardWork } from '../../../server/scorecard/scorecard-work';
import { heavyWorkerScript, type HeavyAnswer, type HeavyTask } from '../../../server/workers/heavy-tasks';
import { createWorkerPool, type WorkerPool } from '../../../server/workers/worker-pool';
import { databaseFactories } from '../../fixtures/databases';
import type { GraphStub } from '../../fixtures/graph-stub';
import { silentLogger } from '../../fixtures/http-harness';
import { BOSS, rows, serviceOn, type Headers, type Service } from '../../fixtures/service';
import { binary } from '../security/helpers';
import { EAST, EAST_MANAGER, graphStub, mailClient, NAME_CANARY, openAttachment, SENDER, seedWorkspace, SOUTH, SOUTH_CANARY, SOUTH_MANAGER, workbookText, WS } from './subscription-fixture';

/**
 * A subscription's workbook is the scorecard service's answer for the recipient's view, made on
 * the heavy-work pool as main.ts runs it: the 华东 manager's mailed workbook and their own
 * download are one computation and the same bytes; another view's download never gets those
 * bytes, nor the send another view's, whichever comes first; and a send after a push carries
 * the pushed value.
 */

/** A value no seeded cell holds: 华东's Callback measurement after the push. */
const PUSHED = 4321;

describe.each(databaseFactories)('subscription sends from the scorecard service on $name', (factory) => {
  let service: Service;
  let stub: GraphStub;
  let pool: WorkerPool<HeavyTask, HeavyAnswer>;
  let app: ReturnType<typeof createApp>;
  let boss: Headers;
  let eastManager: Headers;
  let southManager: Headers;
  let eastSubscription: string;
  /** The kinds of the tasks the pool was given: each is one computation. */
  const tasks: string[] = [];

  beforeAll(async () => {
    service = await serviceOn(factory);
    await seedWorkspace(service);
    stub = await graphStub();
    const threads = createWorkerPool<HeavyTask, HeavyAnswer>({ script: heavyWorkerScript(), size: 2, maxQueue: 16, timeoutMs: 30_000 });
    pool = {
      ...threads,
      run: (task, transfer) => {
        tasks.push(task.kind);
        return threads.run(task, transfer);
      },
    };
    const config = { ...service.deps.config, mail: { sender: SENDER } };
    app = createApp({ ...service.deps, config, mail: mailClient(stub), logger: silentLogger(), scorecardWork: pooledScorecardWork(pool) });
    boss = await service.asUser(BOSS);
    eastManager = await service.asUser(EAST_MANAGER, { department: EAST });
    southManager = await service.asUser(SOUTH_MANAGER, { department: SOUTH });
    const definition: CreateSubscription = { recipient: { email: EAST_MANAGER, department: EAST }, cron: '0 5 * * 1', locale: 'zh-CN', format: 'workbook' };
    eastSubscription = (await request(app).post(subscriptionsPath(WS)).set(boss).send(definition).expect(201)).body.id as string;
  });

  afterAll(async () => {
    expect(stub.refused).toEqual([]);
    await pool.close();
    await stub.close();
    await service.close();
  });

  /** Send now; the record, and the workbook attached to the mail it sent. */
  const send = async (): Promise<{ record: { outcome: string; revisions: unknown[] }; workbook: Buffer }> => {
    const before = stub.mails.length;
    const res = await request(app).post(subscriptionSendPath(WS, eastSubscription)).set(boss).expect(200);
    expect(stub.mails).toHaveLength(before + 1);
    const attachment = stub.mails[stub.mails.length - 1]!.body.message.attachments![0]!;
    return { record: res.body, workbook: Buffer.from(attachment.contentBytes, 'base64') };
  };
  const download = async (user: Headers): Promise<Buffer> =>
    (await request(app).get(`/api/v1/workspaces/${WS}/scorecard.xlsx`).query({ lang: 'zh-CN' }).set(user).buffer(true).parse(binary).expect(200)).body as Buffer;
  const text = async (bytes: Buffer): Promise<string> => workbookText(await openAttachment(bytes.toString('base64')));
  const misses = async (): Promise<number> => ReadySchema.parse((await request(app).get('/readyz').expect(200)).body).caches!.scorecard.misses;

  it("mails the 华东 manager the very workbook of their own download: one computation on the pool, the same bytes", async () => {
    tasks.length = 0;
    const sent = await send();
    expect(sent.record.outcome).toBe('sent');
    // The summary (JSON) and the workbook, each computed once, on the pool.
    expect(tasks.sort()).toEqual(['scorecard-json', 'scorecard-workbook']);

    const missed = await misses();
    const own = await download(eastManager);
    expect(own.equals(sent.workbook)).toBe(true);
    expect(await misses()).toBe(missed);
    expect(tasks).toHaveLength(2);
  });

  it('never gives a download of another view the bytes a send made, nor a send those of another view', async () => {
    const mailed = (await send()).workbook;
    const mailedText = await text(mailed);
    expect(mailedText).toContain(EAST);
    expect(mailedText).not.toContain(SOUTH);
    expect(mailedText).not.toContain(NAME_CANARY);

    // After the send: the clear administrator and the 华南 manager each get their own workbook.
    const clear = await download(boss);
    expect(clear.equals(mailed)).toBe(false);
    const clearText = await text(clear);
    expect(clearText).toContain(SOUTH);
    expect(clearText).toContain(NAME_CANARY);
    const south = await download(southManager);
    expect(south.equals(mailed)).toBe(false);
    const southText = await text(south);
    expect(southText).toContain(String(SOUTH_CANARY));
    expect(southText).not.toContain(EAST);

    // Before the send, after a push (nothing of the 华东 view kept for these revisions): the
    // other views' answers are computed and kept first, and the send still gets its own.
    await service.push(boss, WS, 'metrics.xlsx', '指标', { kind: 'metrics', mode: 'delta', rows: rows({ period: '2024-02', department: SOUTH, metric: '访客数', value: 11000 }) }, { ifMatch: 1 }).expect(200);
    const clearFirst = await download(boss);
    const southFirst = await download(southManager);
    const after = (await send()).workbook;
    expect(after.equals(clearFirst)).toBe(false);
    expect(after.equals(southFirst)).toBe(false);
    const afterText = await text(after);
    expect(afterText).not.toContain(SOUTH);
    expect(afterText).not.toContain(String(SOUTH_CANARY));
    expect(afterText).not.toContain(NAME_CANARY);
  });

  it('a send after a push carries the pushed value, and records the revision it was made from', async () => {
    const before = await send();
    expect(await text(before.workbook)).not.toContain(String(PUSHED));
    await service.push(boss, WS, 'metrics.xlsx', '指标', { kind: 'metrics', mode: 'delta', rows: rows({ period: '2024-02', department: EAST, metric: 'Callback', value: PUSHED }) }, { ifMatch: 2 }).expect(200);
    const after = await send();
    expect(await text(after.workbook)).toContain(String(PUSHED));
    expect(after.record.revisions).toEqual(expect.arrayContaining([{ workbook: 'metrics.xlsx', sheet: '指标', revision: 3 }]));
    // The manager's own download after the push is that new workbook, not the old one.
    const own = await download(eastManager);
    expect(own.equals(after.workbook)).toBe(true);
    expect(own.equals(before.workbook)).toBe(false);
  });
});
