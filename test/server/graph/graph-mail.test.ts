import { MAX_INLINE_ATTACHMENT_BYTES, MAX_SEND_MAIL_REQUEST_BYTES, type MailMessage } from '../../../server/graph/graph-mail';
import { MsalGraphClient } from '../../../server/graph/msal-graph-client';
import { startGraphStub, type GraphStub } from '../../fixtures/graph-stub';

/**
 * sendMail at real sizes against the strict stub, which refuses what Graph refuses (a body not
 * of the documented shape, a request over 4 MB): what fits in one request goes whole; what does
 * not is refused before any request, with a reason.
 */

const SENDER = 'scorecards@contoso.com';
let stub: GraphStub;
let logged: string[];

beforeEach(async () => {
  stub = await startGraphStub({ tenantId: 'tenant-1', clientId: 'app', clientSecret: 'stub-client-secret-value', users: {} });
  logged = [];
});
afterEach(async () => {
  expect(stub.refused).toEqual([]);
  for (const line of logged) expect(line).not.toMatch(/stub-app-|stub-client-secret/);
  await stub.close();
});

function client(): MsalGraphClient {
  return new MsalGraphClient({
    tenantId: 'tenant-1',
    clientId: 'app',
    clientSecret: 'stub-client-secret-value',
    authority: stub.authority,
    graphBaseUrl: stub.graphBaseUrl,
    fetch: stub.fetch,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1_000 },
    sleep: async () => undefined,
    log: { warn: (fields, message) => logged.push(`${message} ${JSON.stringify(fields)}`) },
  });
}

function bytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 131 + 17) & 0xff;
  return out;
}

const message = (attachment: number, html = '<p>hello</p>'): MailMessage => ({
  to: 'manager@example.com',
  subject: 'Ops Scorecard',
  html,
  attachments: [{ name: 'scorecard.xlsx', contentType: 'application/octet-stream', bytes: bytes(attachment) }],
});

it('sends an attachment just under the limit in one request, byte for byte', async () => {
  const size = MAX_INLINE_ATTACHMENT_BYTES - 64 * 1024;
  const sent = await client().trySendMail(SENDER, message(size));
  expect(sent).toEqual({ ok: true, value: { attempts: 1 } });
  expect(stub.mails).toHaveLength(1);
  const received = Buffer.from(stub.mails[0]!.body.message.attachments![0]!.contentBytes, 'base64');
  expect(received.equals(Buffer.from(bytes(size)))).toBe(true);
  const request = stub.requests.find((r) => r.path === `/v1.0/users/${SENDER}/sendMail`)!;
  expect(request.bodyBytes).toBeLessThanOrEqual(MAX_SEND_MAIL_REQUEST_BYTES);
});

it('refuses an attachment over 3 MB before any request', async () => {
  const sent = await client().trySendMail(SENDER, message(MAX_INLINE_ATTACHMENT_BYTES + 1));
  expect(sent.ok).toBe(false);
  if (sent.ok) return;
  expect(sent.error).toMatchObject({ code: 'invalid-request', attempts: 0 });
  expect(sent.error.message).toBe('The attachment is 3.0 MB (3145729 bytes); mail attachments are limited to 3.0 MB (3145728 bytes).');
  expect(stub.requests.filter((r) => r.path.endsWith('/sendMail'))).toEqual([]);
});

it('refuses a message whose whole request would pass 4 MB, attachment under 3 MB or not', async () => {
  const sent = await client().trySendMail(SENDER, message(MAX_INLINE_ATTACHMENT_BYTES - 1024, `<p>${'x'.repeat(200 * 1024)}</p>`));
  expect(sent.ok).toBe(false);
  if (sent.ok) return;
  expect(sent.error.message).toMatch(/^The message is 4\.\d MB \(\d+ bytes\) encoded; a sendMail request is limited to 4\.0 MB \(4194304 bytes\)\.$/);
  expect(stub.mails).toEqual([]);
});

it("the stub refuses what Graph refuses: a body that is not sendMail's documented shape", async () => {
  // What a typo in our body would look like to Graph: proves the stub is strict, not lenient.
  const token = await (await stub.fetch(`${stub.authority}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', client_secret: 'stub-client-secret-value', scope: 'https://graph.microsoft.com/.default' }).toString(),
  })).json() as { access_token: string };
  const send = (body: unknown) =>
    stub.fetch(`${stub.graphBaseUrl}/users/${SENDER}/sendMail`, { method: 'POST', headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const good = { message: { subject: 's', body: { contentType: 'HTML', content: 'c' }, toRecipients: [{ emailAddress: { address: 'a@example.com' } }] }, saveToSentItems: false };
  expect((await send(good)).status).toBe(202);
  const bad = [
    { ...good, message: { ...good.message, toRecipients: [{ address: 'a@example.com' }] } },
    { ...good, message: { ...good.message, body: { contentType: 'markdown', content: 'c' } } },
    { ...good, message: { ...good.message, attachments: [{ name: 'x', contentType: 'text/plain', contentBytes: 'aGk=' }] } },
    { ...good, message: { ...good.message, toRecipients: [] } },
    { ...good, saveToSentItem: false },
  ];
  for (const body of bad) expect((await send(body)).status).toBe(400);
  expect(stub.mails).toHaveLength(1);
});
