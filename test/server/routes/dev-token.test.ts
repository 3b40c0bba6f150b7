import request from 'supertest';
import { createDevTokens } from '../../../server/access/dev-tokens';
import { localDevSigningKey } from '../../../server/access/local-keys';
import { devTokensOffered } from '../../../server/routes/dev-token';
import { DEV_TOKEN_PATH } from '../../../shared/api/dev-token';
import { MY_WORKSPACES_PATH } from '../../../shared/api/my-workspaces';
import { inlineIssueAnalyser } from '../../../server/analysis/issue-analyser';
import { databaseFactories } from '../../fixtures/databases';
import { fixedClock, testApp, testConfig } from '../../fixtures/http-harness';

const ENTRA = {
  AUTH_MODE: 'entra',
  ENTRA_TENANT_IDS: '11111111-2222-3333-4444-555555555555',
  ENTRA_AUDIENCE: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
};

/** The app as main.ts builds it in development: its identity verifies tokens of the key in DATA_DIR. */
async function devApp(env: Record<string, string> = {}) {
  const config = testConfig(env);
  if (config.auth.mode !== 'development') throw new Error('development config expected');
  const key = await localDevSigningKey(config.auth.signingKeyFile);
  if (!key.ok) throw new Error(key.error);
  const tokens = await createDevTokens({ privateJwk: key.value, nodeEnv: 'test', requiredScope: config.auth.requiredScope, clock: fixedClock });
  // A real SQLite store: pushes, policies and the workspace list as the service keeps them.
  const db = await databaseFactories.find((f) => f.name === 'sqlite')!.create();
  const store = await db.openStore();
  disposers.push(() => db.dispose());
  return { ...testApp({ config, identity: tokens.verifier, store, issueAnalyser: inlineIssueAnalyser }), store };
}

const disposers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of disposers) await d();
});

describe('POST /api/dev/token (issue 17: the development-token circle)', () => {
  it('gives a caller on this machine a token that the service then accepts, never cached', async () => {
    const { app } = await devApp();
    const res = await request(app).post(DEV_TOKEN_PATH).send({ email: 'Analyst@Contoso.com' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toEqual({ token: expect.stringMatching(/^ey/), expiresAt: '2026-03-02T10:30:00.000Z' });
    const me = await request(app).get(MY_WORKSPACES_PATH).set('Authorization', `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
  });

  it('refuses what is not an e-mail address, as a validation problem', async () => {
    const { app } = await devApp();
    for (const body of [{ email: 'nobody' }, { email: 'a@b.c', admin: true }, {}]) {
      const res = await request(app).post(DEV_TOKEN_PATH).send(body);
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
    }
  });

  it('does not exist with Entra sign-in (404), and is offered to loopback callers in development only', async () => {
    const { app } = testApp({ config: testConfig(ENTRA), identity: { verify: async () => ({ ok: false, error: { reason: 'malformed' } }) } as never });
    const res = await request(app).post(DEV_TOKEN_PATH).send({ email: 'a@b.c' });
    expect(res.status).toBe(404);
    const dev = { config: testConfig() };
    expect(devTokensOffered(dev, '127.0.0.1')).toBe(true);
    expect(devTokensOffered(dev, '::ffff:127.0.0.1')).toBe(true);
    expect(devTokensOffered(dev, '::1')).toBe(true);
    expect(devTokensOffered(dev, '10.0.0.5')).toBe(false);
    expect(devTokensOffered(dev, '::ffff:192.168.1.4')).toBe(false);
    expect(devTokensOffered(dev, undefined)).toBe(false);
    expect(devTokensOffered({ config: { ...dev.config, production: true } }, '127.0.0.1')).toBe(false);
    expect(devTokensOffered({ config: { ...dev.config, nodeEnv: 'production' } }, '127.0.0.1')).toBe(false);
  });
});

describe('GET /api/v1/me/workspaces (issue 17: a first sync never defaults to a shared workspace)', () => {
  it('lists the workspaces the caller may push to, decided by the permission matrix', async () => {
    const { app, store } = await devApp({ BOOTSTRAP_ADMINS: 'boss@contoso.com' });
    const token = async (email: string) => (await request(app).post(DEV_TOKEN_PATH).send({ email })).body.token as string;
    const boss = await token('boss@contoso.com');
    const analyst = await token('analyst@contoso.com');
    // The boss starts two workspaces; one gets a matrix where the analyst may only view.
    const matrix = {
      kind: 'permissions',
      mode: 'full',
      rows: [
        { cells: { role: '系统管理员', scope: '全局数据', operations: '查看、导出、分析、修改、删除', members: 'boss@contoso.com' } },
        { cells: { role: '访客', scope: '全局数据', operations: '查看', members: 'analyst@contoso.com' } },
      ],
      deletes: [],
    };
    for (const [ws, body] of [
      ['shared-demo', matrix],
      ['team', { ...matrix, rows: [...matrix.rows.slice(0, 1), { cells: { role: '运营专员', scope: '全局数据', operations: '查看、修改', members: 'analyst@contoso.com' } }] }],
    ] as const) {
      const res = await request(app)
        .put(`/api/v1/workspaces/${ws}/workbooks/access/sheets/matrix`)
        .set({ Authorization: `Bearer ${boss}`, 'If-None-Match': '*', 'Idempotency-Key': `k-${ws}` })
        .send(body);
      expect(res.status).toBe(200);
    }
    expect(await store.listWorkspaces('dev-tenant')).toEqual(['shared-demo', 'team']);

    const mine = await request(app).get(MY_WORKSPACES_PATH).set('Authorization', `Bearer ${analyst}`);
    // With the sheet that decides access there (issue 19: the pane says which one it is).
    const source = { permissions: { workbook: 'access', sheet: 'matrix' }, classification: null };
    expect(mine.body).toEqual({ workspaces: [{ name: 'team', roles: ['运营专员'], policySource: source }], canCreate: false });
    const bosses = await request(app).get(MY_WORKSPACES_PATH).set('Authorization', `Bearer ${boss}`);
    expect(bosses.body).toMatchObject({ workspaces: [{ name: 'shared-demo' }, { name: 'team' }], canCreate: true });
    expect((await request(app).get(MY_WORKSPACES_PATH)).status).toBe(401);
  });
});
