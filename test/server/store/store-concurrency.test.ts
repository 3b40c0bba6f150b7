import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import type { Policy } from '../../../shared/engine/policy';
import type { Store } from '../../../server/store/store-types';
import { freshRef, outcomeOf, pushRequest, row } from './helpers';

describe.each(databaseFactories)('store concurrency on $name', (factory) => {
  let database: TestDatabase;
  let one: Store;
  let two: Store;

  beforeAll(async () => {
    database = await factory.create();
    // Two instances: on PostgreSQL two pools (as two service processes would have), on SQLite
    // two connections to the same file.
    [one, two] = await Promise.all([database.openStore(), database.openStore()]);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('loses no update when 20 pushes of different cells race to one sheet from the same base', async () => {
    const ref = freshRef();
    const fields = Array.from({ length: 20 }, (_, i) => `f${i}`);
    const base = outcomeOf(await one.push(pushRequest(ref, { rows: [row('r', Object.fromEntries(fields.map((f) => [f, 0])))] }))).revision;

    const outcomes = await Promise.all(
      fields.map((field, i) =>
        (i % 2 === 0 ? one : two).push(pushRequest(ref, { baseRevision: base, mode: 'delta', rows: [row('r', { [field]: i + 1 })] })),
      ),
    );
    for (const result of outcomes) expect(outcomeOf(result).conflicts).toEqual([]);
    expect(outcomes.map((r) => outcomeOf(r).revision).sort((a, b) => a - b)).toEqual(fields.map((_, i) => base + i + 1));

    const pulled = await two.pull(ref, 0);
    expect(pulled?.revision).toBe(base + 20);
    expect(pulled?.rows[0]?.cells).toEqual(Object.fromEntries(fields.map((f, i) => [f, i + 1])));
  });

  it('answers racing changes of the same cell with one write and conflicts for the rest', async () => {
    const ref = freshRef();
    outcomeOf(await one.push(pushRequest(ref, { rows: [row('r', { n: 0 })] })));
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? one : two).push(pushRequest(ref, { baseRevision: 1, mode: 'delta', rows: [row('r', { n: i + 1 })] }))),
    );
    const outcomes = results.map(outcomeOf);
    const winners = outcomes.filter((o) => o.changedCells === 1);
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((o) => o.conflicts.length === 1)).toHaveLength(5);
    expect((await one.pull(ref, 0))?.revision).toBe(2);
  });

  it('gives each scheduled firing to exactly one claimant', async () => {
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? one : two).claimScheduledRun('scorecards', '2026-03-01T05:00:00.000Z', `instance-${i}`)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await one.claimScheduledRun('scorecards', '2026-03-01T05:00:00.000Z', 'late')).toBe(false);
    expect(await one.claimScheduledRun('scorecards', '2026-03-02T05:00:00.000Z', 'late')).toBe(true);
    expect(await one.claimScheduledRun('other-job', '2026-03-01T05:00:00.000Z', 'late')).toBe(true);
  });

  it('migrates safely when two instances start on an empty database at once', async () => {
    const empty = await factory.create();
    try {
      const [a, b, c] = await Promise.all([empty.openStore(), empty.openStore(), empty.openStore()]);
      await Promise.all([a.ping(), b.ping(), c.ping()]);
      const ref = freshRef();
      outcomeOf(await a.push(pushRequest(ref, { rows: [row('x', { n: 1 })] })));
      expect((await c.pull(ref, 0))?.rows).toHaveLength(1);
    } finally {
      await empty.dispose();
    }
  });

  it('stores the workspace policy with its revision', async () => {
    const policy = { roles: [{ role: '运营', members: ['ops@example.com'] }], note: 0.1 } as unknown as Policy;
    expect(await one.getPolicy('tenant-p', 'ops')).toBeNull();
    await one.setPolicy('tenant-p', 'ops', policy, 3);
    expect(await two.getPolicy('tenant-p', 'ops')).toEqual({ policy, revision: 3 });
    await two.setPolicy('tenant-p', 'ops', { ...policy, note: 2 } as unknown as Policy, 4);
    expect((await one.getPolicy('tenant-p', 'ops'))?.revision).toBe(4);
    expect(await one.getPolicy('tenant-other', 'ops')).toBeNull();
  });

  it('upserts synced users by (tenant, workspace, user id) and lists them in pages', async () => {
    const user = (id: string, phone: string) => ({
      userId: id,
      fields: { user_id: id, phone, registered_at: '2025-01-01T00:00:00Z', age: 31, vip: true, note: null },
      dataSource: 'CRM',
      syncedAt: '2026-03-01T00:00:00Z',
    });
    expect(await one.upsertUsers('tenant-u', 'ops', [user('u1', '1'), user('u2', '2'), user('u1', '11')])).toBe(2);
    expect(await two.upsertUsers('tenant-u', 'ops', [user('u2', '22'), user('u3', '3')])).toBe(2);
    expect(await one.upsertUsers('tenant-u2', 'ops', [user('u9', '9')])).toBe(1);
    const all = await one.listUsers('tenant-u', 'ops', 10, 0);
    expect(all.map((u) => [u.userId, u.fields['phone']])).toEqual([
      ['u1', '11'],
      ['u2', '22'],
      ['u3', '3'],
    ]);
    expect(all[0]).toEqual(user('u1', '11'));
    expect((await one.listUsers('tenant-u', 'ops', 1, 1)).map((u) => u.userId)).toEqual(['u2']);
    expect(await one.listUsers('tenant-none', 'ops', 10, 0)).toEqual([]);
  });
});
