import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { HANDBOOK_KPI_TABLE } from '../../../server/demo/handbook-tables';
import { writeDemoWorkbook } from '../../../server/demo/write-demo-workbook';
import { runCli } from '../../fixtures/cli';
import { writeWorkbook } from '../../fixtures/workbooks';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
const handbook = path.join(dir, 'handbook.xlsx');
const demo = path.join(dir, 'demo.xlsx');
const notXlsx = path.join(dir, 'notes.xlsx');

beforeAll(async () => {
  // The handbook's KPI table as printed, under a title, starting at B3.
  await writeWorkbook(handbook, [
    { name: '绩效', rows: [['关键指标分解示例（以电商运营为例）']] },
    { name: 'KPI考核', rows: HANDBOOK_KPI_TABLE, at: { row: 2, col: 1 } },
  ]);
  await writeDemoWorkbook(demo);
  await import('node:fs/promises').then((fs) => fs.writeFile(notXlsx, 'just some text, not a workbook'));
});

describe('ops-scorecard check', () => {
  it('reports the handbook weights at the weight cells, in Chinese, with exit code 1', async () => {
    const run = await runCli(['check', handbook, '--json', '--lang', 'zh-CN']);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.sheets).toEqual([{ name: 'KPI考核', kind: 'kpi' }]);
    expect(json.issues).toContainEqual({
      sheet: 'KPI考核',
      cell: 'E4:E6',
      severity: 'error',
      code: 'kpi.weights-total',
      message: '权重合计为 75%，应为 100%。',
      suggestion: '请补足 25% 的权重，或补充遗漏的 KPI。',
    });
  });

  it('speaks English when asked, and prints a readable report without --json', async () => {
    const run = await runCli(['check', handbook, '--lang', 'en-US']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('KPI考核!E4:E6  error  kpi.weights-total  The weights add up to 75%, not 100%.');
    expect(run.stdout).toContain('1 error(s), 1 warning(s).');
  });

  it('takes the language from LANG when --lang is not given', async () => {
    const run = await runCli(['check', handbook, '--json'], { LANG: 'zh_CN.UTF-8' });
    expect(JSON.parse(run.stdout).issues[1].message).toBe('权重合计为 75%，应为 100%。');
  });

  it('exits 0 on the demo workbook: every kind recognised, no error', async () => {
    const run = await runCli(['check', demo, '--json']);
    const json = JSON.parse(run.stdout);
    expect(json.sheets).toEqual([
      { name: 'KPI', kind: 'kpi' },
      { name: '指标数据', kind: 'metrics' },
      { name: '数据看板', kind: 'dashboard' },
      { name: '甘特图', kind: 'gantt' },
      { name: '权限矩阵', kind: 'permissions' },
      { name: '数据分类', kind: 'classification' },
    ]);
    expect(json.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    // The handbook's 运营专员 may export unmasked core data: a least-privilege warning the demo keeps.
    expect(json.issues).toContainEqual(expect.objectContaining({ sheet: '权限矩阵', cell: 'C2', severity: 'warning', code: 'access.export-core-data' }));
    expect(run.code).toBe(0);
  });

  it('refuses a file that is not a workbook with exit code 2 and a clear message', async () => {
    const run = await runCli(['check', notXlsx, '--lang', 'en-US']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/refused/i);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it.each([[['check']], [['check', 'a.xlsx', 'b.xlsx']], [['check', 'a.xlsx', '--bogus']], [['frobnicate']], [['check', 'a.xlsx', '--lang', 'fr']]])(
    'answers a usage mistake %j with exit code 2',
    async (args) => {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Usage: ops-scorecard');
    },
  );
});

describe('ops-scorecard scorecard', () => {
  it('prints the JSON of PRODUCT.md for one period', async () => {
    const run = await runCli(['scorecard', demo, '--json', '--period', '2024年2月']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['rows', 'perspectives', 'overall', 'trends']);
    expect(Object.keys(json.rows[0])).toEqual([
      'period', 'department', 'kpi', 'perspective', 'actual', 'target', 'achievement', 'status', 'weight', 'score', 'award',
    ]);
    const roi = json.rows.find((r: { department: string; kpi: string }) => r.department === '华南运营部' && r.kpi === 'ROI');
    expect(roi).toEqual({
      period: '2024-02', department: '华南运营部', kpi: 'ROI', perspective: 'financial', actual: 5, target: '≥4',
      achievement: 1.25, status: 'green', weight: 0.25, score: 0.3, award: true,
    });
    expect(new Set(json.rows.map((r: { status: string }) => r.status))).toEqual(new Set(['green', 'amber', 'red', 'none']));
    expect(json.overall).toHaveLength(2);
    // The trend reaches back to January: ROI 4.5 then 5 against ≥4, up 12.5 points.
    const trend = json.trends.find((t: { department: string; kpi: string }) => t.department === '华南运营部' && t.kpi === 'ROI');
    expect(trend.points.map((p: { period: string; achievement: number }) => [p.period, p.achievement])).toEqual([
      ['2024-01', 1.125],
      ['2024-02', 1.25],
    ]);
    expect(trend).toMatchObject({ direction: 'higher', change: 0.125, actualChange: 0.5, improved: true });
  });

  it('writes a workbook with the overview, the KPI detail and the issues', async () => {
    const out = path.join(dir, 'scorecard.xlsx');
    const run = await runCli(['scorecard', demo, '--out', out, '--lang', 'zh-CN']);
    expect(run.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['概览', 'KPI 明细', '趋势', '甘特图', '问题']);
    const detail = workbook.getWorksheet('KPI 明细')!;
    expect(detail.rowCount).toBe(1 + 2 * 2 * 6); // header + 2 periods × 2 departments × 6 KPIs
  });

  it('rejects a period it cannot read', async () => {
    const run = await runCli(['scorecard', demo, '--period', 'last month']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--period');
  });
});
