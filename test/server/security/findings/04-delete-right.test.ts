import request from 'supertest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XLSX_CONTENT_TYPE } from '../../../../shared/api/paths';
import { databaseFactories } from '../../../fixtures/databases';
import { writeWorkbook } from '../../../fixtures/workbooks';
import { rawSnapshots } from '../helpers';
import { KPI_ROWS, KPI_SHEET, WB, rows, sheetPath, plantedWorkspace } from './workspace';

/**
 * Finding 4 (high): DELETE …/rows/:key requires 删除, but a role with 修改 and no 删除 deleted
 * rows with `deletes` in a delta push, or emptied a sheet with a full push that left rows out,
 * also through uploads with ?store=true. Each is now a 403 that names the rows and changes nothing.
 */
describe.each(databaseFactories)('the delete right on $name', (factory) => {
  const WS = 'f4';
  const t = plantedWorkspace(factory, WS);
  let snapshot: () => Promise<Record<string, string[]>>;
  beforeAll(async () => {
    snapshot = rawSnapshots(t.service.db);
  });

  it('refuses a delta push whose deletes the caller may not make, and writes nothing', async () => {
    const before = await snapshot();
    const res = await t.service.push(t.people.editor, WS, WB, KPI_SHEET, { kind: 'kpi', mode: 'delta', deletes: ['roi'] }, { ifMatch: 1 });
    expect([res.status, res.body.reason, res.body.rows]).toEqual([403, 'delete-not-granted', 1]);
    expect(res.body.errors[0]).toMatchObject({ in: 'body', path: '/deletes/0' });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a full push that leaves rows out, naming them', async () => {
    const before = await snapshot();
    const res = await t.service.push(t.people.editor, WS, WB, KPI_SHEET, { kind: 'kpi', mode: 'full', rows: rows(KPI_ROWS[0]!) }, { ifMatch: 1 });
    expect([res.status, res.body.reason, res.body.rows]).toEqual([403, 'delete-not-granted', 1]);
    expect(JSON.stringify(res.body.errors)).toContain('roi');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses the same through an upload with ?store=true', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'f4-'));
    try {
      const file = path.join(dir, 'kpi.xlsx');
      await writeWorkbook(file, [{ name: KPI_SHEET, rows: [['KPI', '目标值', '权重'], ['转化率', '≥3%', 1]] }]);
      const before = await snapshot();
      const res = await request(t.service.app)
        .post(`/api/v1/workspaces/${WS}/uploads?store=true&workbook=${WB}`)
        .set(t.people.editor)
        .set('Idempotency-Key', 'f4-upload')
        .set('Content-Type', XLSX_CONTENT_TYPE)
        .send(readFileSync(file));
      expect([res.status, res.body.reason]).toEqual([403, 'delete-not-granted']);
      expect(await snapshot()).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still lets the same caller change cells, and lets a role with delete remove rows', async () => {
    await t.service.push(t.people.editor, WS, WB, KPI_SHEET, { kind: 'kpi', mode: 'delta', rows: rows({ name: 'ROI', owner: '赵六' }) }, { ifMatch: 1 }).expect(200);
    const res = await t.service.push(t.people.boss, WS, WB, KPI_SHEET, { kind: 'kpi', mode: 'delta', deletes: ['roi'] }, { ifMatch: 2 }).expect(200);
    expect(res.body.changedCells).toBeGreaterThan(0);
    const deleted = await request(t.service.app).delete(`${sheetPath(WS, WB, KPI_SHEET)}/rows/${encodeURIComponent('转化率')}`).set(t.people.editor).set('Idempotency-Key', 'f4-del');
    expect(deleted.status).toBe(403);
  });
});
