import { exportJWK, generateKeyPair } from 'jose';
import request from 'supertest';
import { DEV_DEFAULT_TENANT, createDevTokens, devUserId } from '../../../server/access/dev-tokens';
import { defineRoute } from '../../../server/http/route';
import { runCli } from '../../fixtures/cli';
import { SCOPE, devTokens, entraKeys, entraVerifier, fixedClock, nowSeconds, tempDir, testApp } from '../../fixtures/http-harness';

const whoami = defineRoute({
  method: 'get',
  path: '/api/test/whoami',
  operation: 'authenticated',
  summary: 'test',
  responses: { 200: { description: 'the principal' } },
  handler: async ({ principal }) => ({ json: principal }),
});

describe('development tokens', () => {
  it('sign and verify: email, stable oid, default tenant, groups, department, scope', async () => {
    const dev = await devTokens();
    const token = await dev.sign({ email: 'Ann@Example.com', department: '运营部', groups: ['运营组'], name: 'Ann' });
    const res = await request(testApp({ identity: dev.verifier, routes: [whoami] }).app).get('/api/test/whoami').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tenantId: DEV_DEFAULT_TENANT,
      userId: devUserId('ann@example.com'),
      email: 'ann@example.com',
      department: '运营部',
      groups: ['运营组'],
      scopes: [SCOPE],
      issuer: 'development',
    });
  });

  it('are refused when expired, or signed by another development key', async () => {
    const dev = await devTokens();
    const expired = await dev.sign({ email: 'a@example.com', ttlSeconds: 1 });
    const later = await createDevTokens({
      privateJwk: await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey),
      nodeEnv: 'test',
      requiredScope: SCOPE,
      clock: { now: () => new Date((nowSeconds + 3600) * 1000) },
    });
    expect((await later.verifier.verify(`Bearer ${expired}`)).ok).toBe(false);
    const r = await dev.verifier.verify(`Bearer ${await later.sign({ email: 'a@example.com' })}`);
    expect(r).toEqual({ ok: false, error: { reason: 'unknown-key' } });
  });

  it('are refused by the Entra verifier (AUTH_MODE=entra)', async () => {
    const keys = await entraKeys();
    const token = await (await devTokens()).sign({ email: 'ann@contoso.com' });
    const app = testApp({ identity: entraVerifier({ jwks: { keys: [keys.publicJwk] } }), routes: [whoami] }).app;
    const res = await request(app).get('/api/test/whoami').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('cannot be created when NODE_ENV=production', async () => {
    const privateJwk = await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey);
    await expect(createDevTokens({ privateJwk, nodeEnv: 'production', requiredScope: SCOPE, clock: fixedClock })).rejects.toThrow(/production/);
  });
});

describe('ops-scorecard token (the built CLI)', () => {
  it('prints a token signed with DATA_DIR\'s key, and the same key verifies it', async () => {
    const dataDir = tempDir();
    const run = await runCli(['token', '--user', 'ann@example.com', '--department', 'Sales', '--groups', 'a, b'], { DATA_DIR: dataDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const token = run.stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const again = await runCli(['token', '--user', 'bob@example.com', '--tenant', 'acme'], { DATA_DIR: dataDir });
    expect(again.code).toBe(0);
    // Both tokens were signed by the one key kept in DATA_DIR.
    const header = (t: string) => JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString()) as { kid: string; alg: string };
    expect(header(token).alg).toBe('ES256');
    expect(header(again.stdout.trim()).kid).toBe(header(token).kid);
    const body = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(body).toMatchObject({ email: 'ann@example.com', department: 'Sales', groups: ['a', 'b'], tid: 'dev-tenant', iss: 'ops-scorecard-dev' });
  });

  it('is refused when NODE_ENV=production or AUTH_MODE=entra, and on a bad e-mail (exit 2)', async () => {
    const prod = await runCli(['token', '--user', 'ann@example.com'], { DATA_DIR: tempDir(), NODE_ENV: 'production' });
    expect(prod.code).toBe(2);
    expect(prod.stdout).toBe('');
    expect(prod.stderr).toMatch(/refused when NODE_ENV=production/);
    const entra = await runCli(['token', '--user', 'ann@example.com'], {
      DATA_DIR: tempDir(),
      AUTH_MODE: 'entra',
      ENTRA_TENANT_IDS: '11111111-2222-3333-4444-555555555555',
      ENTRA_AUDIENCE: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    });
    expect(entra.code).toBe(2);
    expect(entra.stderr).toMatch(/AUTH_MODE is entra/);
    const bad = await runCli(['token', '--user', 'not-an-email'], { DATA_DIR: tempDir() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--user/);
  });
});
