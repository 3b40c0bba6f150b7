import { MAX_INLINE_ATTACHMENT_BYTES } from '../../../server/graph/graph-mail';
import { formatFireAt } from '../../../server/schedule/scheduler';
import type { Store } from '../../../server/store/store-types';
import { createSubscriptionService, firesAt, type SubscriptionService, type SubscriptionServiceDeps } from '../../../server/subscriptions/subscription-service';
import { databaseFactories } from '../../fixtures/databases';
import type { GraphStub } from '../../fixtures/graph-stub';
import { BOSS, serviceOn, type Service } from '../../fixtures/service';
import { fixedClock, silentLogger } from '../../fixtures/http-harness';
import { EAST, EAST_MANAGER, graphStub, mailClient, openAttachment, scorecardsOf, SENDER, seedWorkspace, SOUTH, SOUTH_CANARY, workbookText, WS } from './subscription-fixture';

/**
 * Scheduled sends: two instances on one database, woken for the same firing, mail once; the
 * record says which firing and which instance won. Large workbooks are refused before Graph.
 */

const TENANT = 'dev-tenant';
/** 05:00 in Shanghai on Monday 2 March 2026 is 21:00 UTC on Sunday 1 March. */
const MONDAY_0500_SHANGHAI = '2026-03-01T21:00:00Z';

describe('firesAt', () => {
  it('reads the cron in the subscription\'s time zone, to the minute', () => {
    expect(firesAt('0 5 * * 1', 'Asia/Shanghai', MONDAY_0500_SHANGHAI)).toBe(true);
    expect(firesAt('0 5 * * 1', 'Asia/Shanghai', '2026-03-01T21:01:00Z')).toBe(false);
    expect(firesAt('0 5 * * 1', undefined, MONDAY_0500_SHANGHAI)).toBe(false);
    expect(firesAt('0 5 * * 1', undefined, '2026-03-02T05:00:00Z')).toBe(true);
    expect(firesAt('not a cron', undefined, '2026-03-02T05:00:00Z')).toBe(false);
    expect(formatFireAt(new Date(MONDAY_0500_SHANGHAI))).toBe(MONDAY_0500_SHANGHAI);
  });
});

describe.each(databaseFactories)('scheduled subscription sends on $name', (factory) => {
  let service: Service;
  let stub: GraphStub;
  let second: Store;
  let subscriptionId: string;

  const instance = (store: Store, instanceId: string, over: Partial<SubscriptionServiceDeps> = {}): SubscriptionService =>
    createSubscriptionService({
      store,
      scorecards: scorecardsOf(service, store),
      bootstrapAdmins: [BOSS],
      issuer: 'development',
      mail: { client: mailClient(stub), sender: SENDER },
      clock: fixedClock,
      log: silentLogger(),
      instanceId,
      ...over,
    });

  beforeAll(async () => {
    service = await serviceOn(factory);
    await seedWorkspace(service);
    stub = await graphStub();
    // A second instance: its own connection (pool) to the same database.
    second = await service.db.openStore();
    const created = await instance(service.store, 'a').add(
      TENANT,
      WS,
      { recipient: { email: EAST_MANAGER, department: EAST }, cron: '0 5 * * 1', timezone: 'Asia/Shanghai', locale: 'en-US', format: 'workbook' },
      BOSS,
    );
    subscriptionId = created.id;
  });

  afterAll(async () => {
    expect(stub.refused).toEqual([]);
    await stub.close();
    await service.close();
  });

  it('two instances woken for the same firing send once; a second tick of it sends nothing', async () => {
    const a = instance(service.store, 'instance-a');
    const b = instance(second, 'instance-b');
    const [fromA, fromB] = await Promise.all([a.runDue(MONDAY_0500_SHANGHAI), b.runDue(MONDAY_0500_SHANGHAI)]);
    const answers = [...fromA, ...fromB];
    expect(answers.map((x) => x.status).sort()).toEqual(['already-claimed', 'sent-or-recorded']);
    expect(stub.mails).toHaveLength(1);
    expect(stub.mails[0]!.body.message.toRecipients[0]!.emailAddress.address).toBe(EAST_MANAGER);

    // The timer of either instance firing late for the same minute finds the claim.
    expect(await a.runDue(MONDAY_0500_SHANGHAI)).toEqual([{ status: 'already-claimed' }]);
    expect(await b.runDue(MONDAY_0500_SHANGHAI)).toEqual([{ status: 'already-claimed' }]);
    // A minute the cron does not name sends nothing at all.
    expect(await a.runDue('2026-03-01T21:01:00Z')).toEqual([]);
    expect(stub.mails).toHaveLength(1);

    const records = await a.sends(TENANT, WS, subscriptionId, 10);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ trigger: 'scheduled', fireAt: MONDAY_0500_SHANGHAI, outcome: 'sent', attempts: 1, recipient: EAST_MANAGER });
  });

  it('the next firing is a new run', async () => {
    const next = '2026-03-08T21:00:00Z';
    const answers = await instance(second, 'instance-b').runDue(next);
    expect(answers.map((x) => x.status)).toEqual(['sent-or-recorded']);
    expect(stub.mails).toHaveLength(2);
  });

  it('refuses a workbook over the attachment limit clearly, before any Graph request', async () => {
    expect(MAX_INLINE_ATTACHMENT_BYTES).toBe(3 * 1024 * 1024);
    const before = stub.requests.length;
    const small = instance(service.store, 'instance-a', { maxAttachmentBytes: 1024 });
    const record = await small.sendNow(TENANT, WS, subscriptionId);
    expect(record).toMatchObject({ outcome: 'attachment-too-large', attempts: 0, trigger: 'manual' });
    expect(record!.detail).toMatch(/^The attachment is \d+ KB \(\d+ bytes\); mail attachments are limited to 1 KB \(1024 bytes\)\. Narrow .*summary format/);
    expect(stub.requests.slice(before).filter((r) => r.path.endsWith('/sendMail'))).toEqual([]);
    expect(stub.mails).toHaveLength(2);
  });

  it('departments and perspectives narrow what the recipient may see, and never widen it', async () => {
    const a = instance(service.store, 'instance-a');
    const send = async (definition: Parameters<SubscriptionService['add']>[2]): Promise<string> => {
      const sub = await a.add(TENANT, WS, definition, BOSS);
      expect(await a.sendNow(TENANT, WS, sub.id)).toMatchObject({ outcome: 'sent' });
      return workbookText(await openAttachment(stub.mails[stub.mails.length - 1]!.body.message.attachments![0]!.contentBytes));
    };
    const narrowed = await send({ recipient: { email: BOSS }, departments: [EAST], perspectives: ['customer'], cron: '0 5 * * *', locale: 'en-US', format: 'workbook' });
    expect(narrowed).toContain(EAST);
    expect(narrowed).toContain('转化率');
    expect(narrowed).not.toContain(SOUTH);
    expect(narrowed).not.toContain('Callback');
    // The 华东 manager asking for 华南 gets no 华南 row: the subscription cannot widen the view.
    const widened = await send({ recipient: { email: EAST_MANAGER, department: EAST }, departments: [SOUTH], cron: '0 5 * * *', locale: 'en-US', format: 'workbook' });
    expect(widened).not.toContain(SOUTH);
    expect(widened).not.toContain(String(SOUTH_CANARY));
  });

  it('without MAIL_SENDER a send is recorded as not configured', async () => {
    const before = stub.mails.length;
    const record = await instance(service.store, 'instance-a', { mail: null }).sendNow(TENANT, WS, subscriptionId);
    expect(record).toMatchObject({ outcome: 'mail-not-configured', attempts: 0 });
    expect(stub.mails).toHaveLength(before);
  });
});
