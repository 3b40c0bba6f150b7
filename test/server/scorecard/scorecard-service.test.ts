import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { audienceAccess } from '../../../server/access/enforce';
import { ByteLru } from '../../../server/scorecard/byte-lru';
import { createScorecardService, WARM_AFTER_SCHEDULE_MS, type ScorecardAnswer } from '../../../server/scorecard/scorecard-service';
import type { Store } from '../../../server/store/store-types';
import { ScorecardReportSchema } from '../../../shared/api/scorecard';
import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import { fixedClock, silentLogger } from '../../fixtures/http-harness';
import { alice, outcomeOf, pushRequest, row } from '../store/helpers';

/** The scorecard service on a real store: warming after a change, the byte budget. */

const tenantId = alice.tenantId;
const workspace = 'warmed';
const metricsRef = { tenantId, workspace, workbook: 'kpi.xlsx', sheet: '指标数据' };

function bodyOf(answer: ScorecardAnswer): ReturnType<typeof ScorecardReportSchema.parse> {
  if (answer.status !== 200) throw new Error(`expected an answer, got ${answer.status}`);
  return ScorecardReportSchema.parse(JSON.parse(answer.body.toString('utf8')));
}

describe.each(databaseFactories)('scorecard service on $name', (factory) => {
  let db: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    db = await factory.create();
    store = await db.openStore();
    const kpi = { name: '转化率', formula: '付费订单/访客数', target: '≥3%', weight: 1, perspective: '客户', owner: '张三' };
    outcomeOf(await store.push(pushRequest({ ...metricsRef, workbook: 'kpi.xlsx', sheet: 'KPI' }, { kind: 'kpi', rows: [row('转化率', kpi)] })));
    outcomeOf(
      await store.push(
        pushRequest(metricsRef, {
          kind: 'metrics',
          rows: [
            row('2024-03 / 华东运营部 / 付费订单', { period: '2024-03', department: '华东运营部', metric: '付费订单', value: 300 }),
            row('2024-03 / 华东运营部 / 访客数', { period: '2024-03', department: '华东运营部', metric: '访客数', value: 10000 }),
            // Enough departments for a report worth compressing (over 1 KB).
            ...Array.from({ length: 30 }, (_, i) => [
              row(`2024-03 / 部门${i} / 付费订单`, { period: '2024-03', department: `部门${i}`, metric: '付费订单', value: 100 + i }),
              row(`2024-03 / 部门${i} / 访客数`, { period: '2024-03', department: `部门${i}`, metric: '访客数', value: 10000 }),
            ]).flat(),
          ],
        }),
      ),
    );
  });
  afterAll(() => db.dispose());

  it('a scheduled warm-up computes, after a push, the views asked for recently; the next request is a hit', async () => {
    const service = createScorecardService({ store, clock: fixedClock, pseudonymKey: new Uint8Array(32).fill(7), logger: silentLogger(), maxBytes: 1024 * 1024, warmSeconds: 3600 });
    try {
      const ask = { access: audienceAccess(workspace, false), tenantId, locale: 'en-US' as const, period: undefined, format: 'json' as const };
      const first = await service.answer(ask);
      expect(bodyOf(first).rows.find((r) => r.department === '华东运营部')).toMatchObject({ actual: 0.03 });
      expect(await service.warm()).toBe(0);
      expect(service.stats()).toMatchObject({ hits: 0, misses: 1, warmed: 0 });

      outcomeOf(await store.push(pushRequest(metricsRef, { kind: 'metrics', baseRevision: 1, mode: 'delta', rows: [row('2024-03 / 华东运营部 / 付费订单', { period: '2024-03', department: '华东运营部', metric: '付费订单', value: 450 })] })));
      expect(await service.warm()).toBe(1);
      const next = await service.answer(ask);
      expect(bodyOf(next).rows.find((r) => r.department === '华东运营部')).toMatchObject({ actual: 0.045 });
      expect(next.etag).not.toBe(first.etag);
      // Served from what the warm-up computed: no miss for the request.
      expect(service.stats()).toMatchObject({ hits: 1, misses: 1, warmed: 1 });
      expect((await service.answer({ ...ask, ifNoneMatch: next.etag })).status).toBe(304);
    } finally {
      service.close();
    }
  });

  it('the scheduled run warms the views asked in the last week; the timer only the last hour\'s; older ones are forgotten', async () => {
    let now = new Date('2026-12-07T09:00:00Z');
    const clock = { now: () => now };
    const service = createScorecardService({ store, clock, pseudonymKey: new Uint8Array(32).fill(7), logger: silentLogger(), maxBytes: 1024 * 1024, warmSeconds: 3600 });
    try {
      const ask = { access: audienceAccess(workspace, false), tenantId, locale: 'zh-CN' as const, period: undefined, format: 'json' as const };
      const monday = await service.answer(ask);
      // A week later the day (part of the key) is another: Monday's answer is no answer for today.
      now = new Date('2026-12-14T08:55:00Z');
      expect(await service.warm()).toBe(0);
      expect(await service.warm(WARM_AFTER_SCHEDULE_MS)).toBe(1);
      const next = await service.answer(ask);
      expect(next.etag).not.toBe(monday.etag);
      expect(service.stats()).toMatchObject({ hits: 1, misses: 1, warmed: 1 });
      // Unasked for more than a week and a day: no longer remembered, not computed.
      now = new Date('2026-12-23T09:00:00Z');
      expect(await service.warm(WARM_AFTER_SCHEDULE_MS)).toBe(0);
      now = new Date('2026-12-24T09:00:00Z');
      expect(await service.warm(30 * 24 * 60 * 60_000)).toBe(0);
    } finally {
      service.close();
    }
  });

  it('keeps the compressed forms of a JSON answer beside it, made once', async () => {
    const service = createScorecardService({ store, clock: fixedClock, pseudonymKey: new Uint8Array(32).fill(7), logger: silentLogger(), maxBytes: 1024 * 1024, warmSeconds: 0 });
    const ask = { access: audienceAccess(workspace, false), tenantId, locale: 'en-US' as const, period: undefined, format: 'json' as const };
    const plain = await service.answer(ask);
    if (plain.status !== 200) throw new Error('expected an answer');
    expect(plain.encoding).toBe('identity');
    expect(plain.body.length).toBeGreaterThan(1024);
    const br = await service.answer({ ...ask, encoding: 'br' });
    const gz = await service.answer({ ...ask, encoding: 'gzip' });
    if (br.status !== 200 || gz.status !== 200) throw new Error('expected answers');
    expect([br.encoding, gz.encoding]).toEqual(['br', 'gzip']);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length);
    // The same tag: one answer, in another coding.
    expect(new Set([plain.etag, br.etag, gz.etag]).size).toBe(1);
    const again = await service.answer({ ...ask, encoding: 'br' });
    expect(again.status === 200 && again.body).toBe(br.body);
    expect(service.stats()).toMatchObject({ hits: 3, misses: 1, entries: 3 });
  });

  it('without a budget nothing is kept, and ETags and 304 still work', async () => {
    const service = createScorecardService({ store, clock: fixedClock, pseudonymKey: new Uint8Array(32).fill(7), logger: silentLogger(), maxBytes: 0, warmSeconds: 0 });
    const ask = { access: audienceAccess(workspace, true), tenantId, locale: 'zh-CN' as const, period: '2024-03', format: 'json' as const };
    const first = await service.answer(ask);
    const second = await service.answer(ask);
    expect(second.etag).toBe(first.etag);
    expect(service.stats()).toMatchObject({ hits: 0, misses: 2, entries: 0, bytes: 0 });
    expect((await service.answer({ ...ask, ifNoneMatch: first.etag })).status).toBe(304);
  });
});

describe('byte-bounded LRU', () => {
  it('evicts the least recently used first, by bytes, and keeps nothing larger than the budget', () => {
    const lru = new ByteLru<Buffer>(10, (b) => b.length);
    lru.set('a', Buffer.alloc(4));
    lru.set('b', Buffer.alloc(4));
    expect(lru.get('a')).toBeDefined(); // a is now the most recent
    lru.set('c', Buffer.alloc(4)); // 12 > 10: b goes
    expect([lru.get('a') !== undefined, lru.get('b') !== undefined, lru.get('c') !== undefined]).toEqual([true, false, true]);
    expect(lru.stats()).toEqual({ entries: 2, bytes: 8, maxBytes: 10, evictions: 1 });
    lru.set('huge', Buffer.alloc(11));
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.stats().bytes).toBe(8);
    lru.set('a', Buffer.alloc(1)); // replacing counts the new size only
    expect(lru.stats()).toMatchObject({ entries: 2, bytes: 5 });
  });
});
