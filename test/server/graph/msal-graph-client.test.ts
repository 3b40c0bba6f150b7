import { GraphError } from '../../../server/graph/graph-failure';
import { UPLOAD_CHUNK_UNIT } from '../../../server/graph/graph-upload';
import { MsalGraphClient, type MsalGraphConfig } from '../../../server/graph/msal-graph-client';
import { startGraphStub, type GraphStub } from '../../fixtures/graph-stub';

const TENANT = 'tenant-1';
const CLIENT_ID = 'ops-scorecard-app';
const SECRET = 'stub-client-secret-value';
const ALICE = 'alice-access-token-to-our-api';
const ALICE_GROUPS = [
  { id: '00000000-0000-0000-0000-0000000000a1', displayName: '运营部' },
  { id: '00000000-0000-0000-0000-0000000000a2', displayName: 'Finance Analysts' },
  { id: '00000000-0000-0000-0000-0000000000a3', displayName: '系统管理员' },
];

let stub: GraphStub;
let logged: string[];

beforeEach(async () => {
  stub = await startGraphStub({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: SECRET, users: { [ALICE]: ALICE_GROUPS } });
  logged = [];
});

afterEach(async () => {
  // Nothing any test did may have left the loopback interface.
  expect(stub.refused).toEqual([]);
  // Whatever was logged, no token and no secret is in it.
  for (const line of logged) expect(line).not.toMatch(/stub-(app|obo)-|tempauth|stub-client-secret|alice-access-token/);
  await stub.close();
});

function client(overrides: Partial<MsalGraphConfig> = {}): MsalGraphClient {
  return new MsalGraphClient({
    tenantId: TENANT,
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    authority: stub.authority,
    graphBaseUrl: stub.graphBaseUrl,
    fetch: stub.fetch,
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 5_000 },
    uploadChunkBytes: 4 * UPLOAD_CHUNK_UNIT,
    log: { warn: (fields, message) => logged.push(`${message} ${JSON.stringify(fields)}`) },
    ...overrides,
  });
}

function bytes(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

describe('on-behalf-of: the user\'s groups', () => {
  it('exchanges the user\'s token, follows @odata.nextLink and returns names and ids', async () => {
    const groups = await client().userGroups(ALICE);

    expect(new Set(groups)).toEqual(new Set(ALICE_GROUPS.flatMap((g) => [g.displayName, g.id])));
    const token = stub.requests.filter((r) => r.path === `/${TENANT}/oauth2/v2.0/token`);
    expect(token.map((r) => r.grantType)).toEqual(['urn:ietf:params:oauth:grant-type:jwt-bearer']);
    const pages = stub.requests.filter((r) => r.path.endsWith('/me/transitiveMemberOf/microsoft.graph.group'));
    expect(pages).toHaveLength(2);
    expect(pages.every((p) => p.bearer === 'obo')).toBe(true);
    expect(pages[0]!.query).toContain('$select=displayName,id');
    expect(pages[1]!.query).toContain('$skiptoken=page-2');
  });

  it('reuses the cached on-behalf-of token for the same user', async () => {
    const graph = client();
    await graph.userGroups(ALICE);
    await graph.userGroups(ALICE);
    expect(stub.requests.filter((r) => r.grantType !== undefined)).toHaveLength(1);
  });

  it('reports a refused user token as an assertion failure, as data', async () => {
    const result = await client().tryUserGroups('a-token-the-identity-platform-refuses');
    expect(result).toMatchObject({ ok: false, error: { code: 'assertion', serviceCode: 'invalid_grant' } });
  });

  it('rejects userGroups with a GraphError carrying the failure', async () => {
    await expect(client().userGroups('unknown')).rejects.toBeInstanceOf(GraphError);
  });
});

describe('client credentials: uploads', () => {
  const path = 'Scorecards/销售部/scorecard-2024-03-01.xlsx';

  it('PUTs a small file in one request', async () => {
    const content = bytes(10_000);
    await client().uploadFile('drive-1', path, content);

    expect(stub.files.get(`drive-1:${path}`)).toEqual(Buffer.from(content));
    expect(stub.requests.filter((r) => r.grantType !== undefined).map((r) => r.grantType)).toEqual(['client_credentials']);
    const puts = stub.requests.filter((r) => r.method === 'PUT');
    expect(puts).toEqual([expect.objectContaining({ path: `/v1.0/drives/drive-1/root:/${path}:/content`, bearer: 'app', bodyBytes: 10_000 })]);
    expect(stub.requests.some((r) => r.path.endsWith('createUploadSession'))).toBe(false);
  });

  it('uses an upload session above 4 MB, in chunks of multiples of 320 KiB, without our token', async () => {
    const content = bytes(5 * 1024 * 1024 + 1234, 3);
    const result = await client().tryUploadFile('drive-1', path, content);

    expect(result).toEqual({ ok: true, value: undefined });
    expect(stub.files.get(`drive-1:${path}`)?.equals(Buffer.from(content))).toBe(true);
    const session = stub.requests.filter((r) => r.path.endsWith(':/createUploadSession'));
    expect(session).toEqual([expect.objectContaining({ method: 'POST', bearer: 'app' })]);
    const chunks = stub.requests.filter((r) => r.path.startsWith('/upload-sessions/'));
    expect(chunks.length).toBe(Math.ceil(content.length / (4 * UPLOAD_CHUNK_UNIT)));
    expect(chunks.every((c) => c.bearer === 'none')).toBe(true);
    expect(chunks.slice(0, -1).every((c) => c.bodyBytes === 4 * UPLOAD_CHUNK_UNIT)).toBe(true);
    expect(chunks.at(-1)?.contentRange).toBe(`bytes ${4 * 4 * UPLOAD_CHUNK_UNIT}-${content.length - 1}/${content.length}`);
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    stub.throttle({ method: 'PUT', pathIncludes: ':/content', status: 429, retryAfter: 1, times: 1 });
    const started = Date.now();
    await client().uploadFile('drive-1', path, bytes(100));

    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(stub.requests.filter((r) => r.method === 'PUT')).toHaveLength(2);
    expect(stub.files.has(`drive-1:${path}`)).toBe(true);
    expect(logged.some((l) => l.includes('retried') && l.includes('"status":429') && l.includes('"waitMs":1000'))).toBe(true);
  });

  it('retries 503 without Retry-After with backoff, and retries chunks of a session too', async () => {
    stub.throttle({ method: 'PUT', pathIncludes: '/upload-sessions/', status: 503, times: 2 });
    const content = bytes(4 * 1024 * 1024 + 10);
    await client().uploadFile('drive-1', path, content);
    expect(stub.files.get(`drive-1:${path}`)?.equals(Buffer.from(content))).toBe(true);
  });

  it('gives up, bounded, as throttled', async () => {
    stub.throttle({ method: 'PUT', pathIncludes: ':/content', status: 429, retryAfter: 0, times: 10 });
    const result = await client().tryUploadFile('drive-1', path, bytes(100));
    expect(result).toMatchObject({ ok: false, error: { code: 'throttled', status: 429 } });
    expect(stub.requests.filter((r) => r.method === 'PUT')).toHaveLength(3);
  });

  it('does not wait for a Retry-After beyond the cap', async () => {
    stub.throttle({ method: 'PUT', pathIncludes: ':/content', status: 429, retryAfter: 3600, times: 1 });
    const started = Date.now();
    const result = await client().tryUploadFile('drive-1', path, bytes(100));
    expect(result).toMatchObject({ ok: false, error: { code: 'throttled' } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('answers a wrong client secret with a clear credentials failure that does not hold the secret', async () => {
    const wrong = 'not-the-right-secret';
    const result = await client({ clientSecret: wrong }).tryUploadFile('drive-1', path, bytes(100));

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'credentials', serviceCode: 'invalid_client' });
    expect(result.error.message).toMatch(/client credentials.*AADSTS7000215/);
    expect(result.error.message).not.toContain(wrong);
    expect(stub.requests.some((r) => r.method === 'PUT')).toBe(false);
    await expect(client({ clientSecret: wrong }).uploadFile('drive-1', path, bytes(1))).rejects.toThrow(GraphError);
  });

  it('refuses a path that climbs out of its folder, before any request', async () => {
    const result = await client().tryUploadFile('drive-1', 'Scorecards/../secret.xlsx', bytes(1));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(stub.requests).toEqual([]);
  });
});

describe('offline by construction', () => {
  it('sends token requests for the configured login host to the stub, and nothing else anywhere', async () => {
    await client().uploadFile('drive-1', 'a.xlsx', bytes(1));
    const hosts = stub.requests.map((r) => r.path.split('/')[1]);
    expect(new Set(hosts)).toEqual(new Set([TENANT, 'v1.0']));
    // Only the token POST: msal-node knows login.microsoftonline.com's metadata, so no discovery GET.
    expect(stub.requests.filter((r) => r.path.startsWith(`/${TENANT}/`)).map((r) => r.method)).toEqual(['POST']);
  });

  it('works with a custom authority host when its metadata is given inline (no discovery request)', async () => {
    const authority = `https://login.stub.invalid/${TENANT}`;
    const metadata = {
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      issuer: `${authority}/v2.0`,
      jwks_uri: `${authority}/discovery/v2.0/keys`,
    };
    const graph = client({
      authority,
      knownAuthorities: ['login.stub.invalid'],
      authorityMetadata: JSON.stringify(metadata),
      cloudDiscoveryMetadata: JSON.stringify({
        tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: 'login.stub.invalid', preferred_cache: 'login.stub.invalid', aliases: ['login.stub.invalid'] }],
      }),
      fetch: (url, init) => stub.fetch(url.replace('https://login.stub.invalid', stub.origin), init),
    });
    expect(new Set(await graph.userGroups(ALICE)).size).toBe(ALICE_GROUPS.length * 2);
    expect(stub.requests.filter((r) => r.path.startsWith(`/${TENANT}/`)).map((r) => r.method)).toEqual(['POST']);
  });

  it('reports an unreachable identity platform as a network failure', async () => {
    const result = await client({ fetch: () => Promise.reject(new TypeError('fetch failed')) }).tryUploadFile('drive-1', 'a.xlsx', bytes(1));
    expect(result).toMatchObject({ ok: false, error: { code: 'network' } });
  });
});
