import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { zipParts } from '../../fixtures/zip-parts';
import { computeScorecard } from '../../../shared/engine/scorecard';
import type { Locale } from '../../../shared/i18n/locale';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import { writeScorecardWorkbook } from '../../../server/workbook/scorecard-writer';
import { grid } from '../../fixtures/grids';
import { TREND_KPIS, TREND_METRICS } from '../../fixtures/trend-tables';

/**
 * The scorecard workbook's trend sheet, from a real report (the engine over the hand-worked
 * tables of test/shared/engine/trend.test.ts): what a manager reads in it, the colour scale and
 * arrows as the sheet XML holds them, and LibreOffice opening it (rendered to PDF).
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'trend-sheet-'));
const analysis = analyseWorkbook([grid('KPI', TREND_KPIS), grid('指标', TREND_METRICS)]);
const report = computeScorecard({ kpis: analysis.records.kpis, metrics: analysis.records.metrics, resolver: analysis.resolver });

async function write(locale: Locale): Promise<{ file: string; workbook: ExcelJS.Workbook }> {
  const file = path.join(dir, `trend-${locale}.xlsx`);
  await writeScorecardWorkbook({ report, issues: [], locale, generatedAt: '2024-04-02T05:00:00Z' }, { path: file });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return { file, workbook };
}

async function part(file: string, name: string): Promise<string> {
  const bytes = (await zipParts(file)).get(name);
  if (bytes === undefined) throw new Error(`${name} is not in ${file}`);
  return bytes.toString('utf8');
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

describe.each([
  {
    locale: 'zh-CN' as const,
    sheets: ['概览', 'KPI 明细', '趋势', '问题'],
    header: ['部门', 'KPI', '2024-01', '2024-02', '2024-03', '达成率较上期', '是否改善'],
    heading: 'KPI 较上期',
    blockHeader: ['期间', '部门', 'KPI', '达成率较上期', '是否改善'],
    yes: '改善',
    no: '未改善',
  },
  {
    locale: 'en-US' as const,
    sheets: ['Overview', 'KPI detail', 'Trend', 'Issues'],
    header: ['Department', 'KPI', '2024-01', '2024-02', '2024-03', 'Achievement change', 'Improved'],
    heading: 'KPIs against the previous period',
    blockHeader: ['Period', 'Department', 'KPI', 'Achievement change', 'Improved'],
    yes: 'Improved',
    no: 'Not improved',
  },
])('the trend sheet in $locale', (lang) => {
  let workbook: ExcelJS.Workbook;
  let file: string;
  beforeAll(async () => {
    ({ workbook, file } = await write(lang.locale));
  });

  it('is the third sheet, KPI × period with the achievement, the change and the verdict', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(lang.sheets);
    const sheet = workbook.getWorksheet(lang.sheets[2]!)!;
    expect(rowValues(sheet, 1)).toEqual(lang.header);
    // 华东 sales: 80, 90, 120 against ≥100; +30 points; improved.
    const sales = rowValues(sheet, 2);
    expect(sales.slice(0, 5)).toEqual(['华东', '销售额', 0.8, 0.9, 1.2]);
    expect(sales[5]).toBeCloseTo(0.3, 9);
    expect(sales[6]).toBe(lang.yes);
    // Complaints (≤10) falling from 12.5 to 8: achievement up 45 points, improved.
    const complaints = rowValues(sheet, 3);
    expect(complaints.slice(0, 5)).toEqual(['华东', '投诉数', 0.5, 0.8, 1.25]);
    expect(complaints[5]).toBeCloseTo(0.45, 9);
    expect(complaints[6]).toBe(lang.yes);
    // Satisfaction left its 80–90 band: down 12.5 points, not improved.
    const satisfaction = rowValues(sheet, 4);
    expect(satisfaction[5]).toBeCloseTo(-0.125, 9);
    expect(satisfaction[6]).toBe(lang.no);
    // 华南 has March only: blanks, no change, no verdict.
    expect(rowValues(sheet, 6)).toEqual(['华南', '销售额', undefined, undefined, 1]);
    expect(sheet.rowCount).toBe(9);
    expect(sheet.getCell('C2').numFmt).toBe('0.0%');
    expect(sheet.getCell('F2').numFmt).toBe('+0.0%;-0.0%;0.0%');
  });

  it('holds a colour scale over the achievements and up/down arrows on the change, in the sheet XML', async () => {
    const xml = await part(file, 'xl/worksheets/sheet3.xml');
    expect(xml).toMatch(/<conditionalFormatting sqref="C2:E9"><cfRule type="colorScale"[^>]*><colorScale>/);
    expect(xml).toContain('<color rgb="FFF8696B"/><color rgb="FFFFEB84"/><color rgb="FF63BE7B"/>');
    expect(xml).toMatch(/<conditionalFormatting sqref="F2:F9"><cfRule type="iconSet"[^>]*><iconSet iconSet="3Arrows">/);
  });

  it('says on the overview whether each KPI improved', () => {
    const sheet = workbook.getWorksheet(lang.sheets[0]!)!;
    // The score lines (period × department), a blank row, the heading, then one line per department × KPI.
    const headingRow = sheet.getColumn(1).values.findIndex((v) => v === lang.heading);
    expect(headingRow).toBeGreaterThan(1);
    expect(rowValues(sheet, headingRow + 1)).toEqual(lang.blockHeader);
    const block = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => rowValues(sheet, headingRow + 1 + i));
    expect(block[0]!.slice(0, 3)).toEqual(['2024-03', '华东', '销售额']);
    expect(block[0]![4]).toBe(lang.yes);
    expect(block[1]![4]).toBe(lang.yes);
    expect(block[2]![4]).toBe(lang.no);
    expect(block[4]!.slice(0, 3)).toEqual(['2024-03', '华南', '销售额']);
    expect(block[4]![4]).toBeUndefined();
  });
});

describe('the trend sheet in LibreOffice', () => {
  it('converts the workbook to PDF (CI installs soffice; a missing one fails here)', async () => {
    const { file } = await write('zh-CN');
    const out = mkdtempSync(path.join(os.tmpdir(), 'trend-lo-'));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${out}/profile`, '--convert-to', 'pdf', '--outdir', out, file], {
      timeout: 120_000,
      stdio: 'pipe',
    });
    const pdf = path.join(out, 'trend-zh-CN.pdf');
    expect(existsSync(pdf)).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(5_000);
  }, 150_000);
});
