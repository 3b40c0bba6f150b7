import request from 'supertest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XLSX_CONTENT_TYPE } from '../../../../shared/api/paths';
import { databaseFactories } from '../../../fixtures/databases';
import { serviceOn, type Service } from '../../../fixtures/service';
import { writeWorkbook } from '../../../fixtures/workbooks';
import { rows, plantedWorkspace } from './workspace';

/**
 * Finding 6 (high): one cell stalled every tenant. A 32k-character KPI target took a minute in
 * the quadratic target parser, and every scorecard request after it blocked /healthz; twelve
 * Gantt rows with 2,000-character names froze the "did you mean" suggestions; an upload that
 * was only checked froze the service, its analysis running on the main thread without a limit.
 * Cell text is now capped per column with an issue at the cell, parsers are linear, and the
 * analysis of an upload runs on a worker with a time limit. Speed is the bench's business
 * (`npm run bench`, cases *-worst-case); these tests hold the behaviour.
 */
describe.each(databaseFactories)('bounded work on $name', (factory) => {
  const WS = 'f6';
  const t = plantedWorkspace(factory, WS);

  it.each([
    ['dashes', '-'.repeat(32766) + '1'],
    ['repeated ranges', '2024-01-01~'.repeat(2978)],
  ])('a kilobytes-long KPI target (%s) is an issue at its cell, and the scorecard still answers', async (name, target) => {
    const workbook = `long-${name}.xlsx`;
    const res = await t.service.push(t.people.boss, WS, workbook, 'KPI', { kind: 'kpi', rows: rows({ name: '长目标', target, weight: 1 }) }, { ifMatch: null }).expect(200);
    expect(res.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'cell.too-long', cell: 'C2', severity: 'error' })]));
    await request(t.service.app).get(`/api/v1/workspaces/${WS}/scorecard`).set(t.people.boss).expect(200);
    await t.service.push(t.people.boss, WS, workbook, 'KPI', { kind: 'kpi', rows: rows({ name: '短目标', target: '≥1', weight: 1 }) }, { ifMatch: 1 }).expect(200);
  });

  it('Gantt rows with 2,000-character names are issues at their cells, not a frozen t.service', async () => {
    const long = (i: number): string => `任务${i}-${'很长的名字'.repeat(400)}`;
    const tasks = Array.from({ length: 12 }, (_, i) => ({ task: long(i), start: '2024-03-01', end: '2024-03-05', depends: Array.from({ length: 10 }, (_, j) => `${long(j + 12)}完成`).join('、') }));
    const res = await t.service.push(t.people.boss, WS, 'plan.xlsx', '甘特图', { kind: 'gantt', rows: rows(...tasks) }, { ifMatch: null }).expect(200);
    const tooLong = res.body.issues.filter((i: { code: string }) => i.code === 'cell.too-long');
    expect(tooLong.length).toBeGreaterThanOrEqual(12);
  });
});

describe('the analysis of an upload runs with a time limit', () => {
  let service: Service;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    service = await serviceOn(databaseFactories[0]!, { ANALYSIS_TIMEOUT_MS: '1' });
    dir = mkdtempSync(path.join(tmpdir(), 'f6-'));
    file = path.join(dir, 'big.xlsx');
    const header = ['期间', '部门', '指标', '数值'];
    const body = Array.from({ length: 5000 }, (_, i) => [`2024-${String((i % 12) + 1).padStart(2, '0')}`, `部门${i % 50}`, `指标${i}`, i]);
    await writeWorkbook(file, [{ name: '指标数据', rows: [header, ...body] }]);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await service.close();
  });

  it('answers 422 (timeout) when the analysis runs over the limit, instead of holding the service', async () => {
    const boss = await service.asUser('boss@contoso.com');
    const res = await request(service.app).post('/api/v1/workspaces/big/uploads').set(boss).set('Content-Type', XLSX_CONTENT_TYPE).send(readFileSync(file));
    expect([res.status, res.body.code, res.body.refusal]).toEqual([422, 'refused-workbook', 'timeout']);
  });
});
