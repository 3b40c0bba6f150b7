import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DEMO_ADMIN, DEMO_TENANT, DEMO_WORKSPACE, demoBanner, handbookUserSyncBody, seedDemo } from '../../../server/demo/seed-demo';
import { REPO_ROOT } from '../../fixtures/cli';
import { databaseFactories } from '../../fixtures/databases';
import { BOSS, serviceOn, withStandardPolicy, type Service } from '../../fixtures/service';

/**
 * The handbook's own API out of the box (issue 12): `POST /api/v1/user/sync` naming no
 * workspace, with the token `npm start` prints, succeeds in the demo; and a 403 anywhere says
 * which workspace the request was about and how to name another, in the caller's language.
 */

const HANDBOOK_BODY = {
  user_ids: ['12345', '67890'],
  data_source: 'CRM',
  timestamp: '2023-12-01T08:00:00Z',
  users: [
    { user_id: '12345', phone: '13800000001', registered_at: '2023-12-01', address: '广东省广州市天河区体育西路1号', age: 28 },
    { user_id: '67890', phone: '13900000002', registered_at: '2023-12-01', address: '浙江省杭州市西湖区文三路2号', age: 34 },
  ],
};

/** `ops-scorecard serve` (what `npm start` runs) on a fresh data directory, until it has printed its banner. */
async function serveFresh(): Promise<{ banner: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'user-sync-serve-'));
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'ops-scorecard.js'), 'serve'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', LANG: 'C', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const banner = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Stop with Ctrl+C.')) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code} before its banner:\n${out}\n${err}`)));
  });
  return {
    banner,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs a printed shell line as a user pastes it, with curl told to add the status after the body. */
function runPrinted(line: string): Promise<{ body: string; status: number }> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', `${line} -sS -w '\\n%{http_code}'`], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${error.message}\n${stderr}`));
        return;
      }
      const cut = stdout.lastIndexOf('\n');
      resolve({ body: stdout.slice(0, cut), status: Number(stdout.slice(cut + 1)) });
    });
  });
}

describe('the user-sync call `npm start` prints', () => {
  it('answers 200 against the demo (SQLite), naming no workspace, with the handbook body', async () => {
    const service = await serveFresh();
    try {
      const lines = service.banner.split('\n').map((l) => l.trim());
      const call = lines.find((l) => l.startsWith('curl') && l.includes('/api/v1/user/sync'));
      expect(call).toBeDefined();
      expect(call).not.toContain('workspace=');
      expect(call).toContain(`-d '${JSON.stringify(HANDBOOK_BODY)}'`);
      expect(lines).toContain('the handbook\'s user sync (no workspace named: it goes to "demo"):');
      expect(await runPrinted(call!)).toEqual({ status: 200, body: '{"synced":2}' });
    } finally {
      await service.stop();
    }
  }, 90_000);

  it('names the demo workspace when USER_SYNC_WORKSPACE sends unnamed requests elsewhere', () => {
    const demo = { tenantId: DEMO_TENANT, workspace: DEMO_WORKSPACE, adminEmail: DEMO_ADMIN, created: false };
    expect(demoBanner('http://h', demo, 'T', 'crm')).toContain(`-d '${JSON.stringify(HANDBOOK_BODY)}' http://h/api/v1/user/sync?workspace=demo\n`);
    expect(demoBanner('http://h', demo, 'T', 'demo')).toContain(`-d '${JSON.stringify(HANDBOOK_BODY)}' http://h/api/v1/user/sync\n`);
  });
});

/** The members a 403 may carry: ours, and nothing about the tenant, the policy or the caller. */
const PROBLEM_MEMBERS = ['code', 'detail', 'instance', 'operation', 'reason', 'requestId', 'status', 'title', 'type', 'workspace', 'workspaceFrom'];

describe.each(databaseFactories)('user-sync workspaces on $name', (factory) => {
  let service: Service;
  beforeAll(async () => {
    service = await serviceOn(factory);
  });
  afterAll(() => service.close());

  const sync = (headers: Record<string, string>, query: Record<string, string> = {}) =>
    request(service.app).post('/api/v1/user/sync').query(query).set(headers).send(HANDBOOK_BODY);

  it('a 403 names the default workspace and how to name another, in English and Chinese, and leaks nothing', async () => {
    const someone = await service.asUser('someone@example.com');
    const en = await sync(someone);
    expect(en.status).toBe(403);
    expect(Object.keys(en.body).sort()).toEqual(PROBLEM_MEMBERS);
    expect(en.body).toMatchObject({ code: 'forbidden', reason: 'no-policy', operation: 'modify', workspace: 'default', workspaceFrom: 'default' });
    expect(en.body.detail).toBe(
      'No permission matrix has been synced for this workspace yet: its administrator syncs one from the 权限矩阵 sheet. ' +
        'The request names no workspace, so it went to "default", the user sync\'s default (USER_SYNC_WORKSPACE); ' +
        'for another, send ?workspace=<name> or an X-Workspace: <name> header.',
    );
    expect(JSON.stringify(en.body)).not.toMatch(/dev-tenant|someone@example\.com|13800000001/);

    const zh = await sync({ ...someone, 'Accept-Language': 'zh-CN,zh;q=0.9' });
    expect(zh.status).toBe(403);
    expect(zh.body.detail).toBe(
      '此工作区尚未同步权限矩阵：请其管理员从“权限矩阵”工作表同步。' +
        '此请求未指定工作区，因此使用了用户同步的默认工作区“default”（USER_SYNC_WORKSPACE）；如需其他工作区，请发送 ?workspace=<名称> 或 X-Workspace: <名称> 请求头。',
    );
  });

  it('says where a named workspace came from (query or header), and why the roles refuse', async () => {
    await withStandardPolicy(service, 'crm');
    const viewer = await service.asUser('viewer@example.com');
    const byQuery = await sync(viewer, { workspace: 'crm' });
    expect(byQuery.status).toBe(403);
    expect(byQuery.body).toMatchObject({ reason: 'operation-not-granted', workspace: 'crm', workspaceFrom: 'query' });
    expect(byQuery.body.detail).toBe(
      'Your roles in this workspace do not grant "modify". The request is about workspace "crm", named by ?workspace=; for another, send ?workspace=<name>.',
    );
    const byHeader = await sync({ ...viewer, 'X-Workspace': 'crm', 'Accept-Language': 'zh-CN' });
    expect(byHeader.body).toMatchObject({ reason: 'operation-not-granted', workspace: 'crm', workspaceFrom: 'header' });
    expect(byHeader.body.detail).toBe(
      '您在此工作区的角色没有“修改”权限。此请求针对 X-Workspace 请求头指定的工作区“crm”；如需其他工作区，请发送 X-Workspace: <名称> 或 ?workspace=<名称>。',
    );
    // A path route says the path; nothing was written by any of these.
    const listing = await request(service.app).get('/api/v1/workspaces/elsewhere/users').set(viewer);
    expect(listing.body).toMatchObject({ status: 403, workspace: 'elsewhere', workspaceFrom: 'path' });
    expect(listing.body.detail).toContain('named in its path; for another, use /api/v1/workspaces/<name>/….');
    expect(await service.store.listUsers('dev-tenant', 'crm', 10, 0)).toEqual([]);
    expect(await service.store.listUsers('dev-tenant', 'default', 10, 0)).toEqual([]);
  });

  it('USER_SYNC_WORKSPACE decides where an unnamed call goes', async () => {
    const configured = await serviceOn(factory, { USER_SYNC_WORKSPACE: 'crm-default' });
    try {
      await withStandardPolicy(configured, 'crm-default');
      const res = await request(configured.app).post('/api/v1/user/sync').set(await configured.asUser(BOSS)).send(HANDBOOK_BODY);
      expect([res.status, res.body]).toEqual([200, { synced: 2 }]);
      expect(await configured.store.listUsers('dev-tenant', 'crm-default', 10, 0)).toHaveLength(2);
    } finally {
      await configured.close();
    }
  });
});

describe('the demo seed, in process (SQLite)', () => {
  it('takes the printed body into "demo" when the app is configured as npm start configures it, keeping the demo users whole', async () => {
    const service = await serviceOn(databaseFactories.find((f) => f.name === 'sqlite')!, { USER_SYNC_WORKSPACE: DEMO_WORKSPACE });
    try {
      await seedDemo(service.deps);
      const before = await service.store.listUsers(DEMO_TENANT, DEMO_WORKSPACE, 10, 0);
      const res = await request(service.app)
        .post('/api/v1/user/sync')
        .set(await service.asUser(DEMO_ADMIN))
        .set('Content-Type', 'application/json')
        .send(handbookUserSyncBody());
      expect([res.status, res.body]).toEqual([200, { synced: 2 }]);
      expect((await service.store.listUsers(DEMO_TENANT, DEMO_WORKSPACE, 10, 0)).map((u) => u.fields)).toEqual(before.map((u) => u.fields));
      const users = await service.store.listUsers(DEMO_TENANT, DEMO_WORKSPACE, 10, 0);
      // Re-synced as seeded: the demo keeps the core fields its masking shows.
      expect(users.map((u) => [u.userId, u.fields, u.dataSource])).toEqual([
        ['12345', { phone: '13800000001', registered_at: '2023-12-01', address: '广东省广州市天河区体育西路1号', age: 28 }, 'CRM'],
        ['67890', { phone: '13900000002', registered_at: '2023-12-01', address: '浙江省杭州市西湖区文三路2号', age: 34 }, 'CRM'],
      ]);
    } finally {
      await service.close();
    }
  });
});
