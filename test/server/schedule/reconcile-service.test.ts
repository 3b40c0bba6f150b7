import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { XLSX_CONTENT_TYPE } from '../../../shared/api/paths';
import { publishScorecards } from '../../../server/schedule/publish-scorecards';
import type { JobLog } from '../../../server/schedule/scheduler';
import { databaseFactories } from '../../fixtures/databases';
import { ORDERS, PAYMENTS, RECONCILE_RULES_ZH } from '../../fixtures/reconcile-tables';
import { BOSS, PSEUDONYM_KEY, serviceOn, type Headers, type Service } from '../../fixtures/service';
import { writeWorkbook } from '../../fixtures/workbooks';

/**
 * The handbook's orders and payments end to end on the service: a workbook written by exceljs
 * (the rule sheet, and the two tables as data tables, their keys marked) is uploaded and
 * stored; the nightly scorecard run then reconciles what the store holds, on SQLite and
 * PostgreSQL alike, and the order without a payment is in its findings.
 */
const FIRE_AT = '2024-03-01T05:00:00Z';
let file: Buffer;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reconcile-service-'));
  const xlsx = path.join(dir, 'orders.xlsx');
  await writeWorkbook(xlsx, [
    { name: '核对', rows: RECONCILE_RULES_ZH },
    { name: '订单', rows: [['order_id（键）', ...ORDERS[0]!.slice(1)], ...ORDERS.slice(1)] },
    { name: '支付', rows: [['payment_id（键）', ...PAYMENTS[0]!.slice(1)], ...PAYMENTS.slice(1)] },
  ]);
  file = readFileSync(xlsx);
});

describe.each(databaseFactories)('reconciliation on the service ($name)', (factory) => {
  let service: Service;
  let boss: Headers;

  beforeAll(async () => {
    service = await serviceOn(factory, { BOOTSTRAP_ADMINS: BOSS });
    boss = await service.asUser(BOSS);
  });
  afterAll(() => service.close());

  it('checks the uploaded workbook as the CLI does, stores its three sheets, and reconciles them nightly', async () => {
    const upload = await request(service.app)
      .post('/api/v1/workspaces/shop/uploads')
      .query({ store: 'true', workbook: 'orders.xlsx' })
      .set(boss)
      .set('Idempotency-Key', randomUUID())
      .set('Content-Type', XLSX_CONTENT_TYPE)
      .send(file)
      .expect(200);
    expect(upload.body.sheets).toEqual([
      { name: '核对', kind: 'reconcile' },
      { name: '订单', kind: 'table' },
      { name: '支付', kind: 'table' },
    ]);
    expect(upload.body.issues.map((i: { code: string; sheet: string; cell: string }) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual([
      '订单!C3 reconcile.mismatch',
      '订单!A4 reconcile.missing-right',
      '支付!C3 reconcile.mismatch',
      '支付!B6 reconcile.duplicate-key',
      '支付!B7 reconcile.missing-left',
    ]);
    expect((await service.store.listSheets('dev-tenant', 'shop')).map((s) => [s.sheet, s.kind]).sort()).toEqual([
      ['支付', 'table'],
      ['核对', 'reconcile'],
      ['订单', 'table'],
    ].sort());

    const lines: string[] = [];
    const log: JobLog = {
      info: (fields, message) => void lines.push(`${message} ${JSON.stringify(fields)}`),
      warn: (fields, message) => void lines.push(`${message} ${JSON.stringify(fields)}`),
      error: (fields, message) => void lines.push(`${message} ${JSON.stringify(fields)}`),
    };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'reconcile-service-out-'));
    const run = (audience: 'masked' | 'unmasked') =>
      publishScorecards({ dir, locale: 'zh-CN', timezone: 'UTC', audience }, { store: service.store, pseudonymKey: PSEUDONYM_KEY, tenants: async () => ['dev-tenant'], log }, FIRE_AT);

    // As the data's own administrators see it: every finding of the workbook, from the store.
    const [clear] = await run('unmasked');
    expect(clear).toMatchObject({
      workspace: 'shop',
      status: 'skipped',
      reconciliation: { rules: 1, errors: 5, codes: { 'reconcile.mismatch': 2, 'reconcile.missing-right': 1, 'reconcile.missing-left': 1, 'reconcile.duplicate-key': 1 } },
    });
    // Logged as counts: no order number, no amount.
    const logged = lines.join('\n');
    expect(logged).toContain('Reconciliation found differences');
    for (const value of ['O1003', 'O1002', '1279.5', '1,280.00', '张三']) expect(logged).not.toContain(value);

    // As the default (masked) audience sees it: columns the classification does not call public
    // or internal are masked whole, so their differences cannot show; missing rows still do.
    const [masked] = await run('masked');
    expect(masked).toMatchObject({ reconciliation: { rules: 1, codes: { 'reconcile.missing-right': 1, 'reconcile.missing-left': 1, 'reconcile.duplicate-key': 1 } } });
    expect((masked as { reconciliation: { codes: Record<string, number> } }).reconciliation.codes['reconcile.mismatch']).toBeUndefined();
  });

  it('puts the findings in the scorecard workbook a manager downloads', async () => {
    const res = await request(service.app)
      .get('/api/v1/workspaces/shop/scorecard.xlsx')
      .query({ lang: 'en-US' })
      .set(boss)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const texts: string[] = [];
    workbook.getWorksheet('Issues')!.eachRow((row) => texts.push((row.values as unknown[]).map((v) => (v == null ? '' : String(v))).join(' | ')));
    expect(texts.some((t) => t.includes('Rule “订单与支付”: “O1003” has no row in “支付”.'))).toBe(true);
  });
});
