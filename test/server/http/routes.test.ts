import request from 'supertest';
import { z } from 'zod';
import { compilePolicy, type MatrixRow } from '../../../shared/engine/policy';
import { allRoutes } from '../../../server/app';
import type { GraphClient } from '../../../server/graph/graph-client';
import { ROUTE_OPERATIONS, checkRoutes, defineRoute, isOperation, type RouteDefinition } from '../../../server/http/route';
import { routes as registered } from '../../../server/routes';
import { FakeStore } from '../../fixtures/fake-store';
import { devTokens, entraClaims, entraKeys, entraVerifier, signEntra, testApp, TENANT } from '../../fixtures/http-harness';

const matrix: MatrixRow[] = [
  { role: '系统管理员', scope: { kind: 'global', masked: false }, operations: ['view', 'export', 'analyze', 'modify', 'delete'], members: ['admin@example.com'] },
  { role: '运营专员', scope: { kind: 'own-department', masked: false }, operations: ['view', 'modify'], members: ['运营组'] },
  { role: '数据分析师', scope: { kind: 'global', masked: true }, operations: ['view', 'analyze'], members: ['ana@example.com'] },
];

/** A route per kind of declaration; the view route reports what the handler was given. */
const probe = defineRoute({
  method: 'get',
  path: '/api/test/workspaces/:workspace/probe',
  operation: 'view',
  summary: 'view probe',
  responses: { 200: { description: 'the access decision' } },
  handler: async ({ principal, access }) => ({
    json: {
      tenant: principal.tenantId,
      via: access.via,
      scope: access.scope,
      masked: access.masked,
      roles: access.roles,
      salesRow: access.check({ department: 'Sales' }),
      opsRow: access.check({ department: '运营部' }),
    },
  }),
});
const remove = defineRoute({
  method: 'delete',
  path: '/api/test/workspaces/:workspace/things/:id',
  operation: 'delete',
  summary: 'delete probe',
  params: z.object({ workspace: z.string(), id: z.string().regex(/^\d+$/) }),
  responses: { 204: { description: 'deleted' } },
  handler: async () => ({ status: 204, json: null }),
});
const byQuery = defineRoute({
  method: 'post',
  path: '/api/test/user-sync',
  operation: 'modify',
  workspace: { query: 'workspace' },
  summary: 'workspace from the query',
  body: z.object({ users: z.array(z.string()) }),
  responses: { 200: { description: 'ok' } },
  handler: async ({ body, access }) => ({ json: { n: body.users.length, workspace: access.workspace } }),
});
const testRoutes = [probe, remove, byQuery];

async function setup(options: { graph?: GraphClient } = {}) {
  const dev = await devTokens();
  const store = new FakeStore();
  await store.setPolicy('dev-tenant', 'ops', compilePolicy(matrix), 7);
  const { app } = testApp({ identity: dev.verifier, store, routes: testRoutes, ...(options.graph ? { graph: options.graph } : {}) });
  const as = async (email: string, extra: { department?: string; groups?: string[]; tenant?: string } = {}) =>
    `Bearer ${await dev.sign({ email, ...extra })}`;
  return { app, store, as };
}

describe('every route declares its operation', () => {
  it('every registered route has one of the known operations', () => {
    const all = allRoutes();
    expect(all.length).toBeGreaterThanOrEqual(registered.length + 2);
    for (const r of all) expect(ROUTE_OPERATIONS).toContain(r.operation);
    expect(() => checkRoutes(all)).not.toThrow();
  });

  it('an unauthenticated request to every non-public registered route gets a 401 problem', async () => {
    const { app } = await setup();
    const all = [...allRoutes(), ...testRoutes];
    for (const r of all.filter((x) => x.operation !== 'public')) {
      const path = r.path.replace(/:([A-Za-z0-9_]+)/g, 'x1');
      const res = await request(app)[r.method](path).send({});
      expect({ route: `${r.method} ${r.path}`, status: res.status, code: res.body.code }).toEqual({ route: `${r.method} ${r.path}`, status: 401, code: 'unauthenticated' });
    }
  });

  it('refuses, at start-up, a route without an operation or without its workspace', () => {
    const noOp = { ...probe, operation: undefined } as unknown as RouteDefinition;
    expect(() => checkRoutes([noOp])).toThrow(/must declare its operation/);
    const noWorkspace = defineRoute({ method: 'get', path: '/api/test/x', operation: 'export', summary: 'x', responses: {}, handler: async () => ({ json: 1 }) });
    expect(() => checkRoutes([noWorkspace])).toThrow(/workspace/);
    expect(() => checkRoutes([probe, probe])).toThrow(/twice/);
  });

  it('types the handler context by the declared operation (compile-time)', () => {
    defineRoute({
      method: 'get',
      path: '/p',
      operation: 'public',
      summary: 'p',
      responses: {},
      handler: async (ctx) => {
        // @ts-expect-error a public route has no access decision
        void ctx.access;
        // @ts-expect-error a public route may have no principal
        void ctx.principal.tenantId;
        return { json: null };
      },
    });
    defineRoute({
      method: 'get',
      path: '/a',
      operation: 'authenticated',
      summary: 'a',
      query: z.object({ n: z.coerce.number() }),
      responses: {},
      handler: async (ctx) => {
        const n: number = ctx.query.n;
        // @ts-expect-error only routes with an operation get `access`
        void ctx.access;
        return { json: { n, tenant: ctx.principal.tenantId } };
      },
    });
    // @ts-expect-error `operation` is required
    defineRoute({ method: 'get', path: '/none', summary: 'n', responses: {}, handler: async () => ({ json: null }) });
    expect(isOperation('view')).toBe(true);
  });
});

describe('authorization through the workspace policy', () => {
  it('403 with a clear detail when no matrix has been synced and the caller is no bootstrap admin', async () => {
    const { app, as } = await setup();
    const res = await request(app).get('/api/test/workspaces/new-ws/probe').set('Authorization', await as('ann@example.com'));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'forbidden', reason: 'no-policy', operation: 'view' });
    expect(res.body.detail).toBe(
      'No permission matrix has been synced for this workspace yet: its administrator syncs one from the 权限矩阵 sheet. ' +
        'The request is about workspace "new-ws", named in its path; for another, use /api/v1/workspaces/<name>/….',
    );
    expect(res.body).toMatchObject({ workspace: 'new-ws', workspaceFrom: 'path' });
  });

  it('a bootstrap admin may do everything in a workspace without a policy, unmasked', async () => {
    const { app, as } = await setup();
    const res = await request(app).get('/api/test/workspaces/new-ws/probe').set('Authorization', await as('Boss@Contoso.com'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ via: 'bootstrap-admin', scope: { kind: 'global' }, masked: false });
    const del = await request(app).delete('/api/test/workspaces/new-ws/things/1').set('Authorization', await as('boss@contoso.com'));
    expect(del.status).toBe(204);
  });

  it('once a policy exists it decides, for bootstrap admins too', async () => {
    const { app, as } = await setup();
    const res = await request(app).get('/api/test/workspaces/ops/probe').set('Authorization', await as('boss@contoso.com'));
    expect(res.status).toBe(403);
    expect(res.body.reason).toBe('no-role');
  });

  it('own-department scope: allowed with the department, rows of other departments refused', async () => {
    const { app, as } = await setup();
    const res = await request(app).get('/api/test/workspaces/ops/probe').set('Authorization', await as('li@example.com', { department: '运营部', groups: ['运营组'] }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ via: 'policy', scope: { kind: 'own-department', department: '运营部' }, masked: false, roles: ['运营专员'] });
    expect(res.body.opsRow).toMatchObject({ allowed: true, masked: false });
    expect(res.body.salesRow).toMatchObject({ allowed: false, masked: true, reason: 'other-department' });
  });

  it('own-department scope without a department on the account: 403 that says so', async () => {
    const { app, as } = await setup();
    const res = await request(app).get('/api/test/workspaces/ops/probe').set('Authorization', await as('li@example.com', { groups: ['运营组'] }));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ reason: 'other-department' });
    expect(res.body.detail).toMatch(/own department, and your account has no department/);
  });

  it('masked global scope: allowed, masked', async () => {
    const { app, as } = await setup();
    const res = await request(app).get('/api/test/workspaces/ops/probe').set('Authorization', await as('ana@example.com'));
    expect(res.body).toMatchObject({ scope: { kind: 'global' }, masked: true });
    expect(res.body.salesRow).toMatchObject({ allowed: true, masked: true });
  });

  it('an operation the roles do not grant: 403 operation-not-granted', async () => {
    const { app, as } = await setup();
    const res = await request(app).delete('/api/test/workspaces/ops/things/1').set('Authorization', await as('ana@example.com'));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'forbidden', reason: 'operation-not-granted', operation: 'delete' });
    expect((await request(app).delete('/api/test/workspaces/ops/things/1').set('Authorization', await as('admin@example.com'))).status).toBe(204);
  });

  it('authorizes before reading the body: a refused caller gets 403, not 400 or 413', async () => {
    const { app, as } = await setup();
    const res = await request(app)
      .post('/api/test/user-sync?workspace=ops')
      .set('Authorization', await as('ana@example.com'))
      .set('content-type', 'application/json')
      .send('{ not json');
    expect(res.status).toBe(403);
    const ok = await request(app).post('/api/test/user-sync?workspace=ops').set('Authorization', await as('admin@example.com')).send({ users: ['a', 'b'] });
    expect(ok.body).toEqual({ n: 2, workspace: 'ops' });
  });

  it('400 for a workspace name that is not one', async () => {
    const { app, as } = await setup();
    const res = await request(app).post('/api/test/user-sync?workspace=../../etc').set('Authorization', await as('admin@example.com')).send({ users: [] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ in: 'query', path: '/workspace' });
  });

  it('reads the policy of the token\'s tenant only, whatever the request claims', async () => {
    const { app, store, as } = await setup();
    const res = await request(app)
      .get('/api/test/workspaces/ops/probe?tenant=dev-tenant')
      .set('Authorization', await as('admin@example.com', { tenant: 'tenant-b' }))
      .set('X-Tenant-Id', 'dev-tenant');
    // tenant-b has no policy for "ops": the caller does not get dev-tenant's.
    expect(res.status).toBe(403);
    expect(res.body.reason).toBe('no-policy');
    expect(store.policyReads).toEqual([{ tenantId: 'tenant-b', workspace: 'ops' }]);
  });
});

describe('group names from Microsoft Graph for Entra users', () => {
  it('resolves names once per user (cached), and answers 503 when Graph fails', async () => {
    const keys = await entraKeys();
    const store = new FakeStore();
    await store.setPolicy(TENANT, 'ops', compilePolicy(matrix), 1);
    let calls = 0;
    let failing = false;
    const graph: GraphClient = {
      userGroups: async (assertion) => {
        calls++;
        if (failing) throw new Error('graph down');
        expect(assertion.split('.')).toHaveLength(3);
        return ['运营组'];
      },
      uploadFile: async () => undefined,
    };
    const { app } = testApp({ identity: entraVerifier({ jwks: { keys: [keys.publicJwk] } }), store, graph, routes: testRoutes });
    const token = await signEntra(keys, entraClaims({ department: '运营部', groups: ['6f1b1c1e-0000-0000-0000-000000000001'] }));
    for (let i = 0; i < 3; i++) {
      const res = await request(app).get('/api/test/workspaces/ops/probe').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.body.roles).toEqual(['运营专员']);
    }
    expect(calls).toBe(1);
    const other = await signEntra(keys, entraClaims({ oid: 'another-user', department: '运营部' }));
    failing = true;
    const res = await request(app).get('/api/test/workspaces/ops/probe').set('Authorization', `Bearer ${other}`);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('upstream-unavailable');
  });
});
