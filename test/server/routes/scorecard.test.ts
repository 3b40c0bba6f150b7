import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { ScorecardReportSchema } from '../../../shared/api/scorecard';
import { DEMO_ADMIN, DEMO_TENANT, DEMO_WORKSPACE, demoBanner, seedDemo } from '../../../server/demo/seed-demo';
import { databaseFactories } from '../../fixtures/databases';
import { serviceOn, type Headers, type Service } from '../../fixtures/service';
import { XLSX_CONTENT_TYPE } from '../../../shared/api/paths';

/** The demo workspace (seeded from the handbook's tables) scored over HTTP: JSON and the workbook. */

function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

async function openXlsx(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

function sheetText(ws: ExcelJS.Worksheet): string {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value))));
  return out.join('\n');
}

describe.each(databaseFactories)('scorecard on $name', (factory) => {
  let service: Service;
  let admin: Headers;
  const base = `/api/v1/workspaces/${DEMO_WORKSPACE}`;

  beforeAll(async () => {
    service = await serviceOn(factory);
    const info = await seedDemo(service.deps);
    expect(info).toEqual({ tenantId: DEMO_TENANT, workspace: DEMO_WORKSPACE, adminEmail: DEMO_ADMIN, created: true });
    admin = await service.asUser(DEMO_ADMIN);
  });
  afterAll(() => service.close());

  it('seeds once: every demo sheet, the matrix as policy, the handbook users; a second start leaves it', async () => {
    const sheets = await request(service.app).get(`${base}/sheets`).set(admin).expect(200);
    expect(sheets.body.sheets.map((s: { kind: string }) => s.kind).sort()).toEqual(['classification', 'dashboard', 'gantt', 'kpi', 'metrics', 'permissions']);
    expect(await service.store.getPolicy(DEMO_TENANT, DEMO_WORKSPACE)).not.toBeNull();
    expect((await service.store.listUsers(DEMO_TENANT, DEMO_WORKSPACE, 10, 0)).map((u) => u.userId)).toEqual(['12345', '67890']);
    expect(await seedDemo(service.deps)).toMatchObject({ created: false });
    expect(demoBanner('http://127.0.0.1:3000', { tenantId: DEMO_TENANT, workspace: DEMO_WORKSPACE, adminEmail: DEMO_ADMIN, created: true }, 'TOKEN')).toContain(
      'curl -H "Authorization: Bearer TOKEN" -o scorecard.xlsx http://127.0.0.1:3000/api/v1/workspaces/demo/scorecard.xlsx',
    );
  });

  it('computes the handbook numbers: 华南运营部 ROI in 2024-02 is 125% of its target, an award', async () => {
    const res = await request(service.app).get(`${base}/scorecard`).set(admin).expect(200);
    const report = ScorecardReportSchema.parse(res.body);
    const roi = report.rows.find((r) => r.period === '2024-02' && r.department === '华南运营部' && r.kpi === 'ROI');
    expect(roi).toMatchObject({ actual: 5, achievement: 1.25, status: 'green', award: true, perspective: 'financial' });
    expect(new Set(report.rows.map((r) => r.period))).toEqual(new Set(['2024-01', '2024-02']));
  });

  it('filters by period, in any form the sheets accept, and refuses a period that is none', async () => {
    const res = await request(service.app).get(`${base}/scorecard`).query({ period: '2024年2月' }).set(admin).expect(200);
    expect(new Set(res.body.rows.map((r: { period: string }) => r.period))).toEqual(new Set(['2024-02']));
    const bad = await request(service.app).get(`${base}/scorecard`).query({ period: 'soon' }).set(admin);
    expect([bad.status, bad.body.code]).toEqual([400, 'validation']);
  });

  it('streams the scorecard workbook, which exceljs opens', async () => {
    const res = await request(service.app).get(`${base}/scorecard.xlsx`).query({ lang: 'en-US' }).set(admin).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_CONTENT_TYPE);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="scorecard-demo-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const wb = await openXlsx(res.body as Buffer);
    expect(wb.worksheets.length).toBeGreaterThanOrEqual(3);
    const text = wb.worksheets.map(sheetText).join('\n');
    expect(text).toContain('华南运营部');
    expect(text).toContain('ROI');
  });

  it('an own-department role exports only its department; without analyze it gets no JSON', async () => {
    // The demo matrix: 运营专员 (张三…) may view and export their own department's data.
    const zhang = await service.asUser('zhangsan@example.cn', { department: '华东运营部' });
    const json = await request(service.app).get(`${base}/scorecard`).set(zhang);
    expect([json.status, json.body.code]).toEqual([403, 'forbidden']);
    const res = await request(service.app).get(`${base}/scorecard.xlsx`).set(zhang).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const text = (await openXlsx(res.body as Buffer)).worksheets.map(sheetText).join('\n');
    expect(text).toContain('华东运营部');
    expect(text).not.toContain('华南运营部');
  });

  it('a masked analyst gets the same numbers (the demo classifies no KPI field)', async () => {
    const wang = await service.asUser('wangwu@example.cn');
    const res = await request(service.app).get(`${base}/scorecard`).query({ period: '2024-02' }).set(wang).expect(200);
    const roi = res.body.rows.find((r: { department: string; kpi: string }) => r.department === '华南运营部' && r.kpi === 'ROI');
    expect(roi.achievement).toBe(1.25);
    // Analysts may not export.
    expect((await request(service.app).get(`${base}/scorecard.xlsx`).set(wang)).status).toBe(403);
  });

  it('the example workbook uploaded back into the demo keeps the printed administrator an administrator', async () => {
    // Its matrix becomes the policy; without the 管理员 row the banner's token would lose its rights.
    const upload = await request(service.app)
      .post(`${base}/uploads`)
      .set(admin)
      .set('Idempotency-Key', 'example-back')
      .set('Content-Type', XLSX_CONTENT_TYPE)
      .send(readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'ops-scorecard-demo.xlsx')));
    expect(upload.status).toBe(200);
    await request(service.app).get(`${base}/scorecard.xlsx`).set(admin).expect(200);
    await request(service.app).get(`${base}/scorecard`).set(admin).expect(200);
  });
});
