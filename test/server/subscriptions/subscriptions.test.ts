import request from 'supertest';
import { subscriptionPath, subscriptionSendPath, subscriptionSendsPath, subscriptionsPath, type CreateSubscription } from '../../../shared/api/subscriptions';
import { XLSX_CONTENT_TYPE } from '../../../shared/api/paths';
import { databaseFactories } from '../../fixtures/databases';
import { capturingLogger } from '../../fixtures/http-harness';
import type { GraphStub } from '../../fixtures/graph-stub';
import { BOSS, serviceOn, type Headers, type Service } from '../../fixtures/service';
import {
  appWithMail,
  EAST,
  EAST_MANAGER,
  graphStub,
  HOTLINE,
  mailClient,
  NAME_CANARY,
  openAttachment,
  SENDER,
  seedWorkspace,
  SOUTH,
  SOUTH_CANARY,
  SOUTH_MANAGER,
  VIEWER,
  workbookText,
  WS,
} from './subscription-fixture';

/**
 * Subscriptions end to end over HTTP, on both stores, with Graph played by the strict stub:
 * each recipient's mail is built as that recipient would see the scorecard, and nothing of one
 * department reaches another's manager, or the log.
 */

const subscription = (over: Partial<CreateSubscription> & Pick<CreateSubscription, 'recipient'>): CreateSubscription => ({
  cron: '0 5 * * 1',
  timezone: 'Asia/Shanghai',
  locale: 'zh-CN',
  format: 'workbook',
  ...over,
});

describe.each(databaseFactories)('subscriptions on $name', (factory) => {
  let service: Service;
  let stub: GraphStub;
  let app: ReturnType<typeof appWithMail>;
  // The service's log and the Graph client's, at debug level: no canary may reach either.
  const { logger, lines } = capturingLogger('debug');
  let boss: Headers;
  const waits: number[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    service = await serviceOn(factory);
    await seedWorkspace(service);
    stub = await graphStub();
    app = appWithMail(service, mailClient(stub, waits, logger), logger);
    boss = await service.asUser(BOSS);
    const add = async (name: string, body: CreateSubscription): Promise<void> => {
      const res = await request(app).post(subscriptionsPath(WS)).set(boss).send(body);
      expect(res.status).toBe(201);
      ids[name] = res.body.id as string;
    };
    await add('east', subscription({ recipient: { email: EAST_MANAGER, department: EAST } }));
    await add('south', subscription({ recipient: { email: SOUTH_MANAGER, department: SOUTH }, locale: 'en-US' }));
    await add('boss', subscription({ recipient: { email: BOSS }, locale: 'en-US', format: 'summary' }));
    await add('viewer', subscription({ recipient: { email: VIEWER } }));
  });

  afterAll(async () => {
    // Nothing left the loopback interface, and no canary reached the log, whoever was mailed.
    expect(stub.refused).toEqual([]);
    const log = lines.join('');
    expect(log).toContain('Subscription sent');
    // The Graph client's retry warnings went to the same log.
    expect(log).toContain('Graph request retried');
    // …without the sender's mailbox or a recipient's address in it.
    expect(log).not.toContain(SENDER);
    for (const address of [EAST_MANAGER, SOUTH_MANAGER, BOSS, VIEWER]) expect(log).not.toContain(address);
    expect(log).not.toContain(String(SOUTH_CANARY));
    expect(log).not.toContain(NAME_CANARY);
    expect(log).not.toMatch(/stub-app-|stub-client-secret/);
    await stub.close();
    await service.close();
  });

  const sendNow = (id: string) => request(app).post(subscriptionSendPath(WS, id)).set(boss);
  const lastMail = () => stub.mails[stub.mails.length - 1]!;

  it('lists what an administrator added, as stored', async () => {
    const res = await request(app).get(subscriptionsPath(WS)).set(boss).expect(200);
    expect(res.body.subscriptions.map((s: CreateSubscription) => s.recipient.email)).toEqual([EAST_MANAGER, SOUTH_MANAGER, BOSS, VIEWER]);
    expect(res.body.subscriptions[0]).toMatchObject({ id: ids.east, workspace: WS, cron: '0 5 * * 1', locale: 'zh-CN', format: 'workbook', createdBy: BOSS });
  });

  it("mails the 华东 manager a workbook of 华东's rows only, masked, through a documented sendMail body", async () => {
    const before = stub.mails.length;
    const res = await sendNow(ids.east!).expect(200);
    expect(res.body).toMatchObject({ subscriptionId: ids.east, trigger: 'manual', fireAt: null, recipient: EAST_MANAGER, outcome: 'sent', detail: null, attempts: 1 });
    expect(res.body.revisions).toEqual(
      expect.arrayContaining([
        { workbook: 'kpi.xlsx', sheet: 'KPI', revision: 1 },
        { workbook: 'metrics.xlsx', sheet: '指标', revision: 1 },
      ]),
    );
    expect(typeof res.body.policyRevision).toBe('number');

    expect(stub.mails).toHaveLength(before + 1);
    const mail = lastMail();
    expect(mail.sender).toBe(SENDER);
    const sendRequest = stub.requests.filter((r) => r.path === `/v1.0/users/${SENDER}/sendMail`).pop()!;
    expect(sendRequest.bearer).toBe('app');
    expect(mail.body.saveToSentItems).toBe(false);
    expect(mail.body.message.toRecipients).toEqual([{ emailAddress: { address: EAST_MANAGER } }]);
    expect(mail.body.message.subject).toContain('运营记分卡');
    expect(mail.body.message.body.contentType).toBe('HTML');
    const attachments = mail.body.message.attachments ?? [];
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ '@odata.type': '#microsoft.graph.fileAttachment', contentType: XLSX_CONTENT_TYPE });
    expect(attachments[0]!.name).toMatch(/^scorecard-ops-\d{4}-\d{2}-\d{2}\.xlsx$/);

    const text = workbookText(await openAttachment(attachments[0]!.contentBytes));
    expect(text).toContain(EAST);
    expect(text).toContain('转化率');
    // Another department's rows are not there at all: not its name, not its measurement.
    expect(text).not.toContain(SOUTH);
    expect(text).not.toContain(String(SOUTH_CANARY));
    // The phone number in a KPI's name leaves pseudonymised for a masked role.
    expect(text).not.toContain(NAME_CANARY);
    expect(text).toMatch(/Hotline h:[\w-]{20,}/);
    // Neither does anything reach the body of the mail.
    expect(mail.body.message.body.content).not.toContain(SOUTH);
    expect(mail.body.message.body.content).not.toContain(NAME_CANARY);
  });

  it("mails the 华南 manager 华南's rows (its own measurement included), in English, and nothing of 华东", async () => {
    await sendNow(ids.south!).expect(200);
    const mail = lastMail();
    expect(mail.body.message.toRecipients[0]!.emailAddress.address).toBe(SOUTH_MANAGER);
    expect(mail.body.message.subject).toContain('Ops Scorecard');
    const text = workbookText(await openAttachment(mail.body.message.attachments![0]!.contentBytes));
    expect(text).toContain(SOUTH);
    expect(text).toContain(String(SOUTH_CANARY));
    expect(text).not.toContain(EAST);
    expect(text).not.toContain(NAME_CANARY);
  });

  it('sends an unmasked administrator the summary in the body, every department, no attachment', async () => {
    const res = await sendNow(ids.boss!).expect(200);
    expect(res.body.outcome).toBe('sent');
    const mail = lastMail();
    expect(mail.body.message.attachments ?? []).toEqual([]);
    const html = mail.body.message.body.content;
    expect(html).toContain(EAST);
    expect(html).toContain(SOUTH);
    expect(html).toContain(HOTLINE);
    expect(html).toContain('Overall scores');
  });

  it('records a recipient whose roles do not grant export as forbidden, and mails nothing', async () => {
    const before = stub.mails.length;
    const res = await sendNow(ids.viewer!).expect(200);
    expect(res.body).toMatchObject({ outcome: 'forbidden', attempts: 0, recipient: VIEWER });
    expect(res.body.detail).toContain('export');
    expect(stub.mails).toHaveLength(before);
  });

  it('retries sendMail on 429 and 503 as Retry-After says, then records one send', async () => {
    stub.throttle({ method: 'POST', pathIncludes: '/sendMail', status: 429, retryAfter: 2, times: 1 });
    stub.throttle({ method: 'POST', pathIncludes: '/sendMail', status: 503, retryAfter: 1, times: 1 });
    const before = stub.mails.length;
    waits.length = 0;
    const res = await sendNow(ids.east!).expect(200);
    expect(res.body).toMatchObject({ outcome: 'sent', attempts: 3 });
    expect(waits).toEqual([2000, 1000]);
    expect(stub.mails).toHaveLength(before + 1);
    const sends = await request(app).get(subscriptionSendsPath(WS)).query({ subscription: ids.east }).set(boss).expect(200);
    expect(sends.body.sends.filter((s: { id: number }) => s.id === res.body.id)).toHaveLength(1);
    expect(sends.body.sends.map((s: { outcome: string }) => s.outcome)).toEqual(['sent', 'sent']);
  });

  it('records a send that Graph keeps refusing as graph-failed', async () => {
    stub.throttle({ method: 'POST', pathIncludes: '/sendMail', status: 503, retryAfter: 0, times: 4 });
    const before = stub.mails.length;
    const res = await sendNow(ids.south!).expect(200);
    expect(res.body).toMatchObject({ outcome: 'graph-failed', attempts: 4 });
    expect(res.body.detail).toContain('503');
    expect(stub.mails).toHaveLength(before);
  });

  describe('bad input is a 400 problem and stores nothing', () => {
    const valid = subscription({ recipient: { email: 'x@example.com', department: EAST } });
    const cases: [string, unknown][] = [
      ['a cron that is not one', { ...valid, cron: 'every monday' }],
      ['a cron field out of range', { ...valid, cron: '61 5 * * *' }],
      ['six fields', { ...valid, cron: '0 0 5 * * 1' }],
      ['an unknown time zone', { ...valid, timezone: 'Mars/Olympus' }],
      ['an address that is none', { ...valid, recipient: { email: 'not-an-address' } }],
      ['an unknown language', { ...valid, locale: 'fr-FR' }],
      ['an unknown format', { ...valid, format: 'pdf' }],
      ['an unknown perspective', { ...valid, perspectives: ['happiness'] }],
      ['an unknown field', { ...valid, bcc: 'spy@example.com' }],
      ['an unknown recipient field', { ...valid, recipient: { email: 'x@example.com', admin: true } }],
      ['a department with a control character', { ...valid, recipient: { email: 'x@example.com', department: 'East\u202e' } }],
      ['an object id that is no GUID', { ...valid, recipient: { email: 'x@example.com', entraObjectId: '1; drop table' } }],
      ['no recipient', { ...valid, recipient: undefined }],
    ];
    it.each(cases)('%s', async (_name, body) => {
      const res = await request(app).post(subscriptionsPath(WS)).set(boss).send(body as object);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('validation');
      const list = await request(app).get(subscriptionsPath(WS)).set(boss).expect(200);
      expect(list.body.subscriptions).toHaveLength(4);
    });

    it('a subscription id that is none, or unknown', async () => {
      expect((await request(app).delete(subscriptionPath(WS, 'nope')).set(boss)).status).toBe(400);
      expect((await sendNow('00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await request(app).get(subscriptionSendsPath(WS)).query({ limit: 0 }).set(boss)).status).toBe(400);
    });
  });

  it('only administrators manage subscriptions', async () => {
    const manager = await service.asUser(EAST_MANAGER, { department: EAST });
    const add = await request(app).post(subscriptionsPath(WS)).set(manager).send(subscription({ recipient: { email: EAST_MANAGER, department: EAST } }));
    expect([add.status, add.body.code]).toEqual([403, 'forbidden']);
    expect((await request(app).get(subscriptionsPath(WS)).set(manager)).status).toBe(403);
    expect((await request(app).get(subscriptionSendsPath(WS)).set(manager)).status).toBe(403);
    expect((await request(app).post(subscriptionSendPath(WS, ids.east!)).set(manager)).status).toBe(403);
    expect((await request(app).delete(subscriptionPath(WS, ids.east!)).set(manager)).status).toBe(403);
    const list = await request(app).get(subscriptionsPath(WS)).set(boss).expect(200);
    expect(list.body.subscriptions).toHaveLength(4);
  });

  it('removes a subscription; its sends stay on record', async () => {
    await request(app).delete(subscriptionPath(WS, ids.viewer!)).set(boss).expect(200);
    expect((await request(app).delete(subscriptionPath(WS, ids.viewer!)).set(boss)).status).toBe(404);
    const list = await request(app).get(subscriptionsPath(WS)).set(boss).expect(200);
    expect(list.body.subscriptions.map((s: { id: string }) => s.id)).not.toContain(ids.viewer);
    const sends = await request(app).get(subscriptionSendsPath(WS)).query({ subscription: ids.viewer }).set(boss).expect(200);
    expect(sends.body.sends.map((s: { outcome: string }) => s.outcome)).toEqual(['forbidden']);
  });
});
