import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScoreRow, ScorecardReport } from '../../../shared/engine/scorecard-types';
import type { LocalizedIssue } from '../../../shared/i18n/messages';
import type { Locale } from '../../../shared/i18n/locale';
import { writeDemoWorkbook } from '../../../server/demo/write-demo-workbook';
import type { PlanForSheet } from '../../../server/workbook/gantt-sheet';
import { rawStreamWrite } from '../../../server/workbook/raw-stream-write';
import { writeScorecardWorkbook } from '../../../server/workbook/scorecard-writer';
import request from 'supertest';
import { DEMO_ADMIN, DEMO_WORKSPACE, seedDemo } from '../../../server/demo/seed-demo';
import { REPO_ROOT, runCli } from '../../fixtures/cli';
import { databaseFactories } from '../../fixtures/databases';
import { serviceOn } from '../../fixtures/service';
import { describeViolations, validateWorkbooks, type WorkbookFile } from '../../fixtures/ooxml/validate-workbook';
import { sheetXml, xlsxFromParts } from '../../fixtures/xlsx-from-parts';

/**
 * Every kind of workbook the product writes, checked against ECMA-376's schemas: Excel offers to
 * "repair" a file whose parts break them (element order, attribute values…), even when
 * LibreOffice opens it without a word. The writers: the scorecard workbook
 * (server/workbook/scorecard-writer.ts — the CLI's `scorecard --out`, the service's
 * scorecard.xlsx download and the scheduled publication all use it), the demo workbook
 * (server/demo/write-demo-workbook.ts, examples/), and the benchmark's raw baseline. Sheet-kind
 * templates are written by the add-in through Office.js, never as an xlsx on the server; uploads
 * are stored as received, never rewritten.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'ooxml-schema-'));

function row(over: Partial<ScoreRow> & Pick<ScoreRow, 'period' | 'department' | 'kpi'>): ScoreRow {
  return { perspective: 'financial', actual: 100, target: '≥100', achievement: 1, status: 'green', weight: 0.25, score: 0.25, award: false, ...over };
}

/** Every status, an award, a KPI without perspective, missing numbers, text that looks like a formula. */
const REPORT: ScorecardReport = {
  rows: [
    row({ period: '2024-Q1', department: '销售部', kpi: '毛利率', achievement: 1.2, score: 0.3, award: true }),
    row({ period: '2024-Q1', department: '销售部', kpi: '客户满意度', perspective: 'customer', achievement: 0.95, status: 'amber' }),
    row({ period: '2024-Q1', department: '客服部', kpi: '=HYPERLINK("x")', perspective: 'process', achievement: 0.8, status: 'red' }),
    row({ period: '2024-Q1', department: '客服部', kpi: '培训 <时长> & "课"', perspective: 'learning', actual: null, achievement: null, status: 'none', score: null }),
    row({ period: '2024-Q2', department: '销售部', kpi: '综合评价', perspective: null }),
  ],
  perspectives: [
    { period: '2024-Q1', department: '销售部', perspective: 'financial', score: 1.2 },
    { period: '2024-Q1', department: '客服部', perspective: 'learning', score: null },
  ],
  overall: [
    { period: '2024-Q1', department: '销售部', score: 1.05 },
    { period: '2024-Q1', department: '客服部', score: 0.8 },
    { period: '2024-Q2', department: '销售部', score: null },
  ],
};
const EMPTY: ScorecardReport = { rows: [], perspectives: [], overall: [] };

const ISSUES: LocalizedIssue[] = [
  { sheet: 'KPI', cell: 'D2:D4', severity: 'error', code: 'kpi.weights-total', message: 'The weights add up to 75%, not 100%.' },
  { sheet: '指标', cell: 'C7', severity: 'warning', code: 'kpi.weights-total', message: '权重合计为 75%。', suggestion: '调整权重' },
  // Text XML forbids, and more than a cell holds: cleaned and cut, not a corrupt part.
  { sheet: 'a\u0007b', cell: 'A1', severity: 'warning', code: 'kpi.weights-total', message: 'long '.repeat(8000), suggestion: '\uD800 lone surrogate' },
];

/** Weekends and a holiday shaded, a critical path, and more days than the grid draws. */
const PLAN: PlanForSheet = {
  calendar: { kind: 'working', holidays: ['2024-01-01', '2024-05-01'] },
  tasks: [
    { task: '需求', owner: '钱七', earlyStart: '2024-01-01', earlyFinish: '2024-01-10', slack: 0, critical: true },
    { task: 'Build', owner: '', earlyStart: '2024-01-11', earlyFinish: '2025-03-01', slack: 3, critical: false },
  ],
};

/** Every weekday of 2024 a holiday: more than the 255 arguments an Excel function takes. */
const MANY_HOLIDAYS: PlanForSheet = {
  calendar: {
    kind: 'working',
    holidays: Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)))
      .filter((d) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6)
      .map((d) => d.toISOString().slice(0, 10)),
  },
  tasks: [{ task: 'Year', owner: '', earlyStart: '2024-01-01', earlyFinish: '2024-12-31', slack: 0, critical: true }],
};

async function scorecard(name: string, locale: Locale, report: ScorecardReport, extra: { issues?: LocalizedIssue[]; plan?: PlanForSheet } = {}): Promise<WorkbookFile> {
  const file = path.join(dir, `${name}.xlsx`);
  await writeScorecardWorkbook(
    { report, issues: extra.issues ?? [], locale, title: 'demo', generatedAt: '2024-04-02T05:00:00Z', ...(extra.plan ? { plan: extra.plan } : {}) },
    { path: file },
  );
  return { label: name, file };
}

/** The service's scorecard.xlsx for the seeded demo workspace, as a manager downloads it. */
async function downloaded(locale: Locale): Promise<WorkbookFile> {
  const service = await serviceOn(databaseFactories.find((f) => f.name === 'sqlite')!);
  try {
    await seedDemo(service.deps);
    const res = await request(service.app)
      .get(`/api/v1/workspaces/${DEMO_WORKSPACE}/scorecard.xlsx`)
      .query({ lang: locale })
      .set(await service.asUser(DEMO_ADMIN))
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const file = path.join(dir, `download-${locale}.xlsx`);
    writeFileSync(file, res.body as Buffer);
    return { label: `GET scorecard.xlsx ${locale}`, file };
  } finally {
    await service.close();
  }
}

describe('every workbook the product writes follows the ECMA-376 schemas', () => {
  it('scorecards (both languages, with data, a plan and issues, and empty), the demo workbook, the CLI output, the service download and the raw baseline', async () => {
    const demo = path.join(dir, 'demo.xlsx');
    await writeDemoWorkbook(demo);
    const cliOut = path.join(dir, 'cli-scorecard.xlsx');
    const cli = await runCli(['scorecard', demo, '--out', cliOut, '--lang', 'en-US']);
    expect(cli.code).toBe(0);
    const raw = path.join(dir, 'raw.xlsx');
    await rawStreamWrite([['a', 1, null], [2, 'b', 3.5]], raw);

    const workbooks: WorkbookFile[] = [
      await scorecard('scorecard-zh-CN', 'zh-CN', REPORT, { issues: ISSUES, plan: PLAN }),
      await scorecard('scorecard-en-US', 'en-US', REPORT, { issues: ISSUES, plan: { ...PLAN, calendar: { kind: 'calendar' } } }),
      await scorecard('scorecard-empty-zh-CN', 'zh-CN', EMPTY),
      await scorecard('scorecard-holidays', 'en-US', REPORT, { plan: MANY_HOLIDAYS }),
      await scorecard('scorecard-empty-en-US', 'en-US', EMPTY, { plan: { calendar: { kind: 'calendar' }, tasks: [] } }),
      { label: 'demo', file: demo },
      { label: 'examples/ops-scorecard-demo.xlsx (committed)', file: path.join(REPO_ROOT, 'examples', 'ops-scorecard-demo.xlsx') },
      { label: 'cli scorecard --out', file: cliOut },
      { label: 'raw stream baseline', file: raw },
      await downloaded('zh-CN'),
      await downloaded('en-US'),
    ];
    const { violations, checked } = await validateWorkbooks(workbooks);
    if (violations.length > 0) throw new Error(`schema violations:\n${describeViolations(violations)}`);
    // Nothing slipped past unvalidated: each workbook's main parts went through jing.
    for (const { label } of workbooks) {
      const schemas = checked.filter((c) => c.workbook === label).map((c) => c.schema);
      expect(schemas).toEqual(expect.arrayContaining(['SpreadsheetML_Workbook.rnc', 'SpreadsheetML_Worksheet.rnc', 'DrawingML_Theme.rnc']));
    }
    expect(checked.filter((c) => c.workbook === 'scorecard-zh-CN').map((c) => c.part).sort()).toEqual([
      'docProps/app.xml',
      'xl/styles.xml',
      'xl/theme/theme1.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/worksheets/sheet3.xml',
      'xl/worksheets/sheet4.xml',
      'xl/worksheets/sheet5.xml',
    ]);
  }, 120_000);

  it('reports a part that breaks its schema, with the workbook, part and position (the check can fail)', async () => {
    const file = path.join(dir, 'broken.xlsx');
    // <cols> after <sheetData>: the element order Excel repairs.
    const sheet = sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>').replace('</worksheet>', '<cols><col min="1" max="1" width="9"/></cols></worksheet>');
    writeFileSync(file, xlsxFromParts({ sheet }));
    const { violations } = await validateWorkbooks([{ label: 'broken', file }]);
    expect(violations).toEqual([
      expect.objectContaining({ workbook: 'broken', part: 'xl/worksheets/sheet1.xml', message: expect.stringContaining('cols') }),
    ]);
  }, 60_000);
});
