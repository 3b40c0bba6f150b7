import { randomBytes } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import request from 'supertest';
import { ProblemSchema } from '../../../shared/api/problem';
import type { AuthFailureReason } from '../../../server/access/identity';
import { defineRoute } from '../../../server/http/route';
import {
  CLIENT_ID,
  OTHER_TENANT,
  SCOPE,
  TENANT,
  devTokens,
  entraClaims,
  entraKeys,
  entraVerifier,
  jwksServer,
  nowSeconds,
  signEntra,
  testApp,
  type EntraKeys,
} from '../../fixtures/http-harness';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Who the caller is, as the app sees it; any tenant claimed by the request is ignored. */
const whoami = defineRoute({
  method: 'post',
  path: '/api/test/whoami',
  operation: 'authenticated',
  summary: 'test',
  responses: { 200: { description: 'the principal' } },
  handler: async ({ principal }) => ({ json: { tenantId: principal.tenantId, userId: principal.userId, email: principal.email } }),
});

let keys: EntraKeys;
let otherKeys: EntraKeys;

beforeAll(async () => {
  keys = await entraKeys('kid-1');
  otherKeys = await entraKeys('kid-unknown');
});

function appWithLocalKeys() {
  return testApp({ identity: entraVerifier({ jwks: { keys: [keys.publicJwk] } }), routes: [whoami] }).app;
}

describe('Entra v2 access tokens', () => {
  it('accepts a valid v2 delegated access token, tenant and user from tid and oid', async () => {
    const token = await signEntra(keys);
    const res = await request(appWithLocalKeys()).post('/api/test/whoami').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ tenantId: TENANT, userId: '0b0b0b0b-1111-2222-3333-444444444444', email: 'ann@contoso.com' });
  });

  it('takes the tenant from tid alone: a header, a query or a body naming another tenant is ignored', async () => {
    const token = await signEntra(keys);
    const res = await request(appWithLocalKeys())
      .post(`/api/test/whoami?tenantId=${OTHER_TENANT}&tid=${OTHER_TENANT}`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Tenant-Id', OTHER_TENANT)
      .set('X-MS-Tenant-Id', OTHER_TENANT)
      .send({ tenantId: OTHER_TENANT, tid: OTHER_TENANT });
    expect(res.status).toBe(200);
    expect(res.body.tenantId).toBe(TENANT);
  });

  type Case = [name: string, authorization: () => Promise<string>, reason: AuthFailureReason];
  const bearer = async (claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> => `Bearer ${await signEntra(keys, claims, header)}`;
  const cases: Case[] = [
    ['alg none', async () => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(entraClaims())}.`, 'algorithm'],
    [
      'HS256 signed with the public key as the secret',
      async () => `Bearer ${await new SignJWT(entraClaims()).setProtectedHeader({ alg: 'HS256', kid: keys.kid }).sign(new TextEncoder().encode(keys.publicPem))}`,
      'algorithm',
    ],
    ['ES256 (a development token)', async () => `Bearer ${await (await devTokens()).sign({ email: 'ann@contoso.com' })}`, 'algorithm'],
    ['wrong audience', () => bearer(entraClaims({ aud: 'ffffffff-0000-0000-0000-000000000000' })), 'audience'],
    ['App ID URI audience not configured', () => bearer(entraClaims({ aud: 'api://someone-else' })), 'audience'],
    [
      'foreign tenant (not in the allow-list)',
      () => bearer(entraClaims({ tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` })),
      'tenant',
    ],
    ['tid of another tenant than the issuer', () => bearer(entraClaims({ tid: OTHER_TENANT })), 'tenant'],
    ['expired', () => bearer(entraClaims({ iat: nowSeconds - 7200, nbf: nowSeconds - 7200, exp: nowSeconds - 600 })), 'expired'],
    ['not yet valid', () => bearer(entraClaims({ nbf: nowSeconds + 600 })), 'not-yet-valid'],
    ['unknown kid', async () => `Bearer ${await signEntra(otherKeys)}`, 'unknown-key'],
    ['signed by another key under our kid', async () => `Bearer ${await signEntra({ ...otherKeys, kid: keys.kid })}`, 'signature'],
    ['v1 token (sts.windows.net issuer, ver 1.0)', () => bearer(entraClaims({ iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0' })), 'issuer'],
    ['ver 1.0 with a v2 issuer', () => bearer(entraClaims({ ver: '1.0' })), 'version'],
    ['ID token (aud = client id, no scp)', () => bearer(entraClaims({ scp: undefined, nonce: 'n-0S6_WzA2Mj' })), 'not-an-access-token'],
    ['ID token carrying app roles', () => bearer(entraClaims({ scp: undefined, roles: [SCOPE] })), 'not-an-access-token'],
    ['missing scope', () => bearer(entraClaims({ scp: 'User.Read' })), 'scope'],
    ['no oid', () => bearer(entraClaims({ oid: undefined })), 'claims'],
    ['no exp', () => bearer(entraClaims({ exp: undefined })), 'claims'],
    [
      'three random parts',
      async () => `Bearer ${randomBytes(24).toString('base64url')}.${randomBytes(40).toString('base64url')}.${randomBytes(64).toString('base64url')}`,
      'malformed',
    ],
    ['empty header', async () => '', 'missing'],
    ['"Bearer" without a token', async () => 'Bearer', 'malformed'],
    ['"Bearer " and spaces', async () => 'Bearer    ', 'malformed'],
    ['Basic credentials', async () => `Basic ${Buffer.from('ann:secret').toString('base64')}`, 'malformed'],
    ['not a JWT', async () => 'Bearer not-a-jwt', 'malformed'],
  ];

  it.each(cases)('refuses %s: 401 problem', async (_name, authorization, reason) => {
    const value = await authorization();
    const res = await request(appWithLocalKeys()).post('/api/test/whoami').set('Authorization', value);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = ProblemSchema.parse(res.body);
    expect(problem.code).toBe('unauthenticated');
    expect(problem.reason).toBe(reason);
    expect(problem.requestId).toBe(res.headers['x-request-id']);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="ops-scorecard"/);
    // Nothing of the token comes back.
    const token = value.replace(/^\S+\s*/, '');
    if (token.length > 8) expect(res.text).not.toContain(token.slice(-16));
  });

  it('accepts an application token only with idtyp=app and the role', async () => {
    const app = appWithLocalKeys();
    const appToken = await signEntra(keys, entraClaims({ scp: undefined, preferred_username: undefined, idtyp: 'app', roles: [SCOPE] }));
    const ok = await request(app).post('/api/test/whoami').set('Authorization', `Bearer ${appToken}`);
    expect(ok.status).toBe(200);
    expect(ok.body.email).toBe('');
    const noRole = await signEntra(keys, entraClaims({ scp: undefined, idtyp: 'app', roles: ['Other.Role'] }));
    const refused = await request(app).post('/api/test/whoami').set('Authorization', `Bearer ${noRole}`);
    expect(refused.status).toBe(401);
    expect(refused.body.reason).toBe('scope');
  });

  it('accepts an App ID URI audience when it is configured', async () => {
    const app = testApp({ identity: entraVerifier({ jwks: { keys: [keys.publicJwk] } }, { audiences: [CLIENT_ID, 'api://ops-scorecard'] }), routes: [whoami] }).app;
    const token = await signEntra(keys, entraClaims({ aud: 'api://ops-scorecard' }));
    expect((await request(app).post('/api/test/whoami').set('Authorization', `Bearer ${token}`)).status).toBe(200);
  });
});

describe('remote JWKS on 127.0.0.1', () => {
  it('fetches the key set once for many requests, and verifies against it', async () => {
    const jwks = await jwksServer([keys.publicJwk]);
    try {
      const { app } = testApp({ identity: entraVerifier({ jwksUrl: jwks.url }), routes: [whoami] });
      const token = await signEntra(keys);
      for (let i = 0; i < 25; i++) {
        const res = await request(app).post('/api/test/whoami').set('Authorization', `Bearer ${token}`);
        expect(res.status).toBe(200);
      }
      expect(jwks.hits()).toBe(1);
      // An unknown kid may trigger one refetch, then the cooldown holds: no endpoint hammering.
      const stranger = await signEntra(otherKeys);
      for (let i = 0; i < 10; i++) {
        const res = await request(app).post('/api/test/whoami').set('Authorization', `Bearer ${stranger}`);
        expect(res.status).toBe(401);
        expect(res.body.reason).toBe('unknown-key');
      }
      expect(jwks.hits()).toBeLessThanOrEqual(2);
    } finally {
      await jwks.close();
    }
  });

  it('answers 503 (not 401) when the key set cannot be fetched', async () => {
    const jwks = await jwksServer([]);
    const url = jwks.url;
    await jwks.close();
    const { app } = testApp({ identity: entraVerifier({ jwksUrl: url }), routes: [whoami] });
    const res = await request(app).post('/api/test/whoami').set('Authorization', `Bearer ${await signEntra(keys)}`);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('upstream-unavailable');
  });
});
