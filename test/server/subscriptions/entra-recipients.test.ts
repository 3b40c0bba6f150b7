import type { CreateSubscription, SubscriptionRecipient } from '../../../shared/api/subscriptions';
import { createSubscriptionService, type SubscriptionService } from '../../../server/subscriptions/subscription-service';
import { databaseFactories } from '../../fixtures/databases';
import type { GraphStub, StubDirectoryUser } from '../../fixtures/graph-stub';
import { BOSS, serviceOn, type Service } from '../../fixtures/service';
import { capturingLogger, fixedClock } from '../../fixtures/http-harness';
import {
  EAST,
  EAST_MANAGER,
  graphStub,
  mailClient,
  NAME_CANARY,
  openAttachment,
  REGIONAL_GROUP,
  scorecardsOf,
  SENDER,
  seedWorkspace,
  SOUTH,
  SOUTH_CANARY,
  workbookText,
  WS,
} from './subscription-fixture';

/**
 * With Entra sign-in a recipient is read from the directory with the app's token, as their own
 * token's claims would be made: the department and groups Entra holds decide, not what was
 * recorded; a disabled account, an unknown user, or an address that is not theirs gets nothing.
 */

const TENANT = 'dev-tenant';
const REGIONAL = 'regional@example.com';
const DIRECTORY: StubDirectoryUser[] = [
  { id: '0e0e0e0e-0000-4000-8000-000000000001', userPrincipalName: EAST_MANAGER, mail: EAST_MANAGER, department: EAST, accountEnabled: true, groups: [] },
  {
    id: '0e0e0e0e-0000-4000-8000-000000000002',
    userPrincipalName: 'r.chen@contoso.onmicrosoft.com',
    mail: REGIONAL,
    department: SOUTH,
    accountEnabled: true,
    groups: [
      { id: '9a9a9a9a-0000-4000-8000-000000000001', displayName: 'All staff' },
      { id: '9a9a9a9a-0000-4000-8000-000000000002', displayName: REGIONAL_GROUP },
    ],
  },
  { id: '0e0e0e0e-0000-4000-8000-000000000003', userPrincipalName: 'gone@example.com', mail: 'gone@example.com', department: EAST, accountEnabled: false, groups: [] },
];

describe.each(databaseFactories)('Entra recipients on $name', (factory) => {
  let service: Service;
  let stub: GraphStub;
  let subscriptions: SubscriptionService;
  const { logger, lines } = capturingLogger('debug');

  beforeAll(async () => {
    service = await serviceOn(factory);
    await seedWorkspace(service);
    stub = await graphStub(DIRECTORY);
    const client = mailClient(stub);
    subscriptions = createSubscriptionService({
      store: service.store,
      scorecards: scorecardsOf(service),
      bootstrapAdmins: [BOSS],
      issuer: 'entra',
      directory: { client, tenantId: TENANT },
      mail: { client, sender: SENDER },
      clock: fixedClock,
      log: logger,
      instanceId: 'test',
    });
  });

  afterAll(async () => {
    expect(stub.refused).toEqual([]);
    const log = lines.join('');
    expect(log).not.toContain(String(SOUTH_CANARY));
    expect(log).not.toContain(NAME_CANARY);
    await stub.close();
    await service.close();
  });

  const sendTo = async (recipient: SubscriptionRecipient) => {
    const definition: CreateSubscription = { recipient, cron: '0 5 * * 1', locale: 'en-US', format: 'workbook' };
    const sub = await subscriptions.add(TENANT, WS, definition, BOSS);
    return subscriptions.sendNow(TENANT, WS, sub.id);
  };

  it("takes the department from the directory, not the one recorded: a stale 华南 record still mails 华东's rows", async () => {
    const record = await sendTo({ email: EAST_MANAGER, department: SOUTH });
    expect(record).toMatchObject({ outcome: 'sent', recipient: EAST_MANAGER });
    const lookups = stub.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1.0/users/'));
    expect(lookups.length).toBeGreaterThan(0);
    expect(lookups.every((r) => r.bearer === 'app')).toBe(true);
    const mail = stub.mails[stub.mails.length - 1]!;
    const text = workbookText(await openAttachment(mail.body.message.attachments![0]!.contentBytes));
    expect(text).toContain(EAST);
    expect(text).not.toContain(SOUTH);
    expect(text).not.toContain(String(SOUTH_CANARY));
  });

  it('holds a role through a directory group (both pages of it), by object id', async () => {
    const record = await sendTo({ email: REGIONAL, entraObjectId: DIRECTORY[1]!.id });
    expect(record).toMatchObject({ outcome: 'sent' });
    const mail = stub.mails[stub.mails.length - 1]!;
    expect(mail.body.message.toRecipients[0]!.emailAddress.address).toBe(REGIONAL);
    const text = workbookText(await openAttachment(mail.body.message.attachments![0]!.contentBytes));
    expect(text).toContain(SOUTH);
    expect(text).not.toContain(EAST);
    expect(text).not.toContain(NAME_CANARY);
  });

  it("reads no other tenant's recipients from the mail tenant's directory", async () => {
    const other = createSubscriptionService({
      store: service.store,
      scorecards: scorecardsOf(service),
      bootstrapAdmins: [BOSS],
      issuer: 'entra',
      directory: { client: mailClient(stub), tenantId: 'another-tenant' },
      mail: { client: mailClient(stub), sender: SENDER },
      clock: fixedClock,
      log: logger,
      instanceId: 'test',
    });
    const sub = await other.add(TENANT, WS, { recipient: { email: EAST_MANAGER }, cron: '0 5 * * 1', locale: 'en-US', format: 'workbook' }, BOSS);
    const before = stub.mails.length;
    expect(await other.sendNow(TENANT, WS, sub.id)).toMatchObject({ outcome: 'recipient-unknown', attempts: 0 });
    expect(stub.mails).toHaveLength(before);
  });

  it.each([
    ['a disabled account', { email: 'gone@example.com' }, /disabled/],
    ['a user the directory does not know', { email: 'ghost@example.com', department: EAST }, /no such user/],
    ["an address that is not the directory user's", { email: 'someone.else@example.com', entraObjectId: DIRECTORY[0]!.id }, /neither the mail nor the sign-in name/],
  ] as const)('mails nothing to %s', async (_name, recipient, why) => {
    const before = stub.mails.length;
    const record = await sendTo(recipient);
    expect(record).toMatchObject({ outcome: 'recipient-unknown', attempts: 0 });
    expect(record!.detail).toMatch(why);
    expect(stub.mails).toHaveLength(before);
  });
});
