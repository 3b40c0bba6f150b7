import request from 'supertest';
import { createApp } from '../../../server/app';
import { isPseudonym, pseudonymize } from '../../../server/access/pseudonym';
import { databaseFactories } from '../../fixtures/databases';
import { BOSS, PSEUDONYM_KEY, rows, serviceOn, withStandardPolicy, type Headers, type Service } from '../../fixtures/service';
import { capturingLogger } from '../../fixtures/http-harness';

/** The handbook's POST /api/v1/user/sync, and users leaving the service masked as the classification says. */

const PHONE = '13800000001';
const user = (id: string, extra: Record<string, unknown> = {}) => ({ user_id: id, phone: PHONE, registered_at: '2023-12-01T08:00:00Z', ...extra });
const body = (users: Record<string, unknown>[]) => ({
  user_ids: users.map((u) => u['user_id']),
  data_source: 'CRM',
  timestamp: '2023-12-01T08:00:00Z',
  users,
});

describe.each(databaseFactories)('users on $name', (factory) => {
  let service: Service;
  let boss: Headers;
  let n = 0;
  const freshWs = () => `users-${++n}`;
  const sync = (headers: Headers, payload: unknown, ws?: string) =>
    request(service.app)
      .post('/api/v1/user/sync')
      .query(ws === undefined ? {} : { workspace: ws })
      .set(headers)
      .send(payload as object);

  beforeAll(async () => {
    service = await serviceOn(factory);
    boss = await service.asUser(BOSS);
  });
  afterAll(() => service.close());

  it('upserts users into ?workspace=, the X-Workspace header, or "default"', async () => {
    const ws = freshWs();
    expect((await sync(boss, body([user('12345'), user('67890')]), ws).expect(200)).body).toEqual({ synced: 2 });
    await request(service.app).post('/api/v1/user/sync').set(boss).set('X-Workspace', `${ws}-h`).send(body([user('1')])).expect(200);
    await sync(boss, body([user('2')])).expect(200);
    expect((await service.store.listUsers('dev-tenant', ws, 10, 0)).map((u) => [u.userId, u.fields['phone'], u.dataSource])).toEqual([
      ['12345', PHONE, 'CRM'],
      ['67890', PHONE, 'CRM'],
    ]);
    expect(await service.store.listUsers('dev-tenant', `${ws}-h`, 10, 0)).toHaveLength(1);
    expect(await service.store.listUsers('dev-tenant', 'default', 10, 0)).toHaveLength(1);
  });

  it.each([
    ['a user without a phone', body([{ user_id: '1', registered_at: '2023-12-01T08:00:00Z' }]), '/users/0/phone'],
    ['a phone that is not one', body([user('1', { phone: 'call me maybe' })]), '/users/0/phone'],
    ['a registration time that is not ISO 8601', body([user('1', { registered_at: '12/01/2023' })]), '/users/0/registered_at'],
    ['an extra field that is an object', body([user('1', { address: { city: 'x' } })]), '/users/0/address'],
    ['user_ids that do not match the users', { ...body([user('1')]), user_ids: ['1', '2'] }, '/user_ids'],
    ['a field named like an object internal', body([{ ...user('1'), constructor: 'x' }]), '/users/0/constructor'],
  ])('refuses %s with 400 and changes nothing, without echoing values', async (_name, payload, where) => {
    const ws = freshWs();
    const res = await sync(boss, payload, ws);
    expect([res.status, res.body.code]).toEqual([400, 'validation']);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(where);
    expect(JSON.stringify(res.body)).not.toContain('call me');
    expect(await service.store.listUsers('dev-tenant', ws, 10, 0)).toEqual([]);
  });

  it('needs modify: a viewer gets 403', async () => {
    const ws = freshWs();
    await withStandardPolicy(service, ws);
    expect((await sync(await service.asUser('viewer@example.com'), body([user('1')]), ws)).status).toBe(403);
  });

  describe('listing', () => {
    let ws: string;
    beforeAll(async () => {
      ws = freshWs();
      await withStandardPolicy(service, ws);
      await sync(
        boss,
        body([
          user('12345', { address: '广东省广州市天河区体育西路1号', age: 28, id_number: '110101199001011234', note: '=HYPERLINK("http://evil.example","x")' }),
          user('67890', { address: '浙江省杭州市西湖区文三路2号', age: '34岁', note: '@SUM(1+1)' }),
        ]),
        ws,
      ).expect(200);
    });

    it('an unmasked role reads users in clear', async () => {
      const res = await request(service.app).get(`/api/v1/workspaces/${ws}/users`).set(boss).expect(200);
      expect(res.body.users[0]).toMatchObject({ user_id: '12345', phone: PHONE, address: '广东省广州市天河区体育西路1号', age: 28, data_source: 'CRM' });
    });

    it('a masked role reads identifiers as keyed pseudonyms, address as province, age as a band (no classification: defaults)', async () => {
      const ana = await service.asUser('ana@example.com');
      const zh = await request(service.app).get(`/api/v1/workspaces/${ws}/users`).set(ana).set('Accept-Language', 'zh-CN').expect(200);
      const [first, second] = zh.body.users;
      expect(first.phone).toBe(pseudonymize(PHONE, PSEUDONYM_KEY));
      expect(isPseudonym(first.id_number)).toBe(true);
      expect(isPseudonym(first.user_id)).toBe(true);
      expect(first).toMatchObject({ address: '广东省', age: '25-29岁', registered_at: '2023-12-01T08:00:00Z' });
      expect(second).toMatchObject({ address: '浙江省', age: '30-34岁' });
      const text = JSON.stringify(zh.body);
      for (const secret of [PHONE, '110101199001011234', '体育西路', '12345']) expect(text).not.toContain(secret);
      const en = await request(service.app).get(`/api/v1/workspaces/${ws}/users`).set(ana).expect(200);
      expect(en.body.users[0].age).toBe('25–29');
    });

    it('follows the classification: a field it marks core is masked, one it marks public is not', async () => {
      const ws2 = freshWs();
      await withStandardPolicy(service, ws2);
      await service
        .push(boss, ws2, 'access.xlsx', '数据分类', { kind: 'classification', rows: rows({ field: 'Note', class: '核心', masking: '掩码' }, { field: '用户ID', class: '公开', masking: '-' }) }, { ifMatch: null })
        .expect(200);
      await sync(boss, body([user('12345', { note: 'VIP' })]), ws2).expect(200);
      const ana = await service.asUser('ana@example.com');
      const res = await request(service.app).get(`/api/v1/workspaces/${ws2}/users`).set(ana).expect(200);
      // 用户ID is declared public (obeyed); Note is core with a fixed mask; phone is not mentioned: masked by default.
      expect(res.body.users[0]).toMatchObject({ user_id: '12345', note: '***' });
      expect(isPseudonym(res.body.users[0].phone)).toBe(true);
    });

    it('exports CSV for Excel: BOM, masked for masked roles, no cell that runs as a formula', async () => {
      const csv = await request(service.app).get(`/api/v1/workspaces/${ws}/users.csv`).set(boss).buffer(true).parse((res, cb) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => cb(null, text));
      });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toMatch(/^attachment;/);
      const text = csv.body as string;
      expect(text.startsWith('\ufeffuser_id,phone,registered_at,')).toBe(true);
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
      expect(text).toContain("'@SUM(1+1)");
      for (const line of text.slice(1).split('\r\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@]/);

      // The analyst may export (masked); the viewer may not export at all.
      const ana = await service.asUser('ana@example.com');
      const masked = await request(service.app).get(`/api/v1/workspaces/${ws}/users.csv`).set(ana).expect(200);
      expect(masked.text).not.toContain(PHONE);
      expect(masked.text).toContain('广东省');
      expect((await request(service.app).get(`/api/v1/workspaces/${ws}/users.csv`).set(await service.asUser('viewer@example.com'))).status).toBe(403);
    });

    it('an own-department role does not reach user records (they belong to no department)', async () => {
      const ops = await service.asUser('ops@example.com', { department: '华东运营部' });
      const res = await request(service.app).get(`/api/v1/workspaces/${ws}/users`).set(ops);
      expect([res.status, res.body.reason]).toEqual([403, 'other-department']);
    });
  });

  it('never writes a body, a phone number or a token into the log', async () => {
    const { logger, lines } = capturingLogger('debug');
    const app = createApp({ ...service.deps, logger });
    const ws = freshWs();
    await request(app).post('/api/v1/user/sync').query({ workspace: ws }).set(boss).send(body([user('555')])).expect(200);
    await request(app).post('/api/v1/user/sync').query({ workspace: ws }).set(boss).send(body([user('556', { phone: 'x' })])).expect(400);
    await request(app).get(`/api/v1/workspaces/${ws}/users.csv`).set(boss).expect(200);
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    expect(log).not.toContain(PHONE);
    expect(log).not.toContain(boss['Authorization']!.slice(7));
  });
});
