import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { CellSeed } from '../../../addin/excel-fake';
import { localizeIssue } from '../../../shared/i18n/messages';
import { isoToSerial } from '../../../shared/parse/excel-number';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import { excelWith } from '../../addin/excel/fixtures';
import { runCli } from '../../fixtures/cli';
import { databaseFactories } from '../../fixtures/databases';
import { BOSS, serviceOn } from '../../fixtures/service';

// The same cells — a weight and a progress formatted as percents, a time of day where a date
// belongs — checked by the pane (the adapter on the strict Excel fake), the CLI and the upload
// route must give the same issues: each reads the cell through shared/parse/excel-number.ts.

const percent = (value: number): CellSeed => ({ value, numberFormat: '0%' });
const date = (value: number): CellSeed => ({ value, numberFormat: 'yyyy-mm-dd' });
const time = (value: number): CellSeed => ({ value, numberFormat: 'h:mm' });
/** Far in the future, so that no path's clock makes a task overdue. */
const day = (iso: string): number => isoToSerial(iso) as number;

const SHEETS: Record<string, CellSeed[][]> = {
  KPI: [
    ['KPI', '公式', '目标值', '权重', '维度', '负责人'],
    ['转化率', '', '≥3%', percent(1.5), '客户', '张三'],
    ['客单价', '', '≥200', percent(0.25), '财务', '李四'],
  ],
  甘特图: [
    ['任务名称', '负责人', '开始时间', '结束时间', '进度'],
    ['设计', '张三', date(day('2099-03-02')), time(0.5), percent(1.5)],
    ['开发', '李四', date(day('2099-03-03')), date(day('2099-03-06')), percent(0.5)],
  ],
};

let dir: string;
let file: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'same-cell-'));
  file = path.join(dir, 'book.xlsx');
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(SHEETS)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((row, r) =>
      row.forEach((seed, c) => {
        const cell = sheet.getCell(r + 1, c + 1);
        if (seed !== null && typeof seed === 'object') {
          cell.value = seed.value;
          if (seed.numberFormat !== undefined) cell.numFmt = seed.numberFormat;
        } else if (seed !== '' && seed !== null) {
          cell.value = seed;
        }
      }),
    );
  }
  await workbook.xlsx.writeFile(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Found = { sheet: string; cell: string; code: string; message: string };
const sorted = (issues: readonly Found[]): Found[] =>
  issues.map(({ sheet, cell, code, message }) => ({ sheet, cell, code, message })).sort((a, b) => `${a.sheet}${a.cell}${a.code}`.localeCompare(`${b.sheet}${b.cell}${b.code}`));

async function byThePane(): Promise<Found[]> {
  const { fake, port } = excelWith();
  for (const [name, rows] of Object.entries(SHEETS)) fake.addSheet(name, rows);
  const grids = await Promise.all(Object.keys(SHEETS).map((name) => port.readSheet(name)));
  return sorted(analyseWorkbook(grids).issues.map((i) => localizeIssue(i, 'en-US')));
}

describe('a percent cell and a time cell mean the same on every path', () => {
  it('the pane reads 150% as 150% (an invalid weight and progress) and 12:00 as no date', async () => {
    const pane = await byThePane();
    expect(pane).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: 'KPI', cell: 'D2', code: 'kpi.weight-invalid', message: expect.stringContaining('150%') }),
        expect.objectContaining({ sheet: '甘特图', cell: 'E2', code: 'gantt.progress-invalid', message: expect.stringContaining('150%') }),
        expect.objectContaining({ sheet: '甘特图', cell: 'D2', code: 'gantt.date-invalid' }),
      ]),
    );
    // Before, the 1.5 behind "150%" was read as 1.5 points: a valid weight of 1.5%.
    expect(pane).toHaveLength(3);
  });

  it('the CLI finds exactly the pane’s issues', async () => {
    const run = await runCli(['check', file, '--json', '--lang', 'en-US']);
    expect(run.code).toBe(1);
    expect(sorted((JSON.parse(run.stdout) as { issues: Found[] }).issues)).toEqual(await byThePane());
  });

  it('an upload finds exactly the pane’s issues', async () => {
    const service = await serviceOn(databaseFactories.find((f) => f.name === 'sqlite')!);
    try {
      const res = await request(service.app)
        .post('/api/v1/workspaces/same-cell/uploads')
        .set(await service.asUser(BOSS))
        .set('Accept-Language', 'en-US')
        .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(readFileSync(file));
      expect(res.status).toBe(200);
      expect(sorted(res.body.issues as Found[])).toEqual(await byThePane());
    } finally {
      await service.close();
    }
  });
});
