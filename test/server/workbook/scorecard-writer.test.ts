import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { zipParts } from '../../fixtures/zip-parts';
import type { ScoreRow, ScorecardReport } from '../../../shared/engine/scorecard-types';
import type { LocalizedIssue } from '../../../shared/i18n/messages';
import type { Locale } from '../../../shared/i18n/locale';
import { writeScorecardWorkbook } from '../../../server/workbook/scorecard-writer';

const dir = mkdtempSync(path.join(os.tmpdir(), 'scorecard-writer-'));

function row(over: Partial<ScoreRow> & Pick<ScoreRow, 'period' | 'department' | 'kpi'>): ScoreRow {
  return {
    perspective: 'financial',
    actual: 100,
    target: '≥100',
    achievement: 1,
    status: 'green',
    weight: 0.25,
    score: 0.25,
    award: false,
    ...over,
  };
}

/** 2 periods × 2 departments; every status, an award, a KPI without perspective, a missing actual. */
const REPORT: ScorecardReport = {
  rows: [
    row({ period: '2024-Q1', department: '销售部', kpi: '毛利率', actual: 0.36, target: '≥30%', achievement: 1.2, weight: 0.4, score: 0.48, award: true }),
    row({ period: '2024-Q1', department: '销售部', kpi: '客户满意度', perspective: 'customer', actual: 4.6, target: '≥4.8', achievement: 0.958, status: 'amber', score: 0.2396 }),
    row({ period: '2024-Q1', department: '客服部', kpi: '响应时长', perspective: 'process', actual: 30, target: '≤24h', achievement: 0.8, status: 'red', score: 0.2 }),
    row({ period: '2024-Q1', department: '客服部', kpi: '培训时长', perspective: 'learning', actual: null, target: '稳定增长', achievement: null, status: 'none', score: null }),
    row({ period: '2024-Q2', department: '销售部', kpi: '综合评价', perspective: null, actual: 88, target: '80-90', achievement: 1, weight: 0.1, score: 0.1 }),
    row({ period: '2024-Q2', department: '客服部', kpi: '响应时长', perspective: 'process', actual: 20, target: '≤24h', achievement: 1.2, score: 0.3, award: true }),
  ],
  perspectives: [
    { period: '2024-Q1', department: '销售部', perspective: 'financial', score: 1.2 },
    { period: '2024-Q1', department: '销售部', perspective: 'customer', score: 0.958 },
    { period: '2024-Q1', department: '客服部', perspective: 'process', score: 0.8 },
    { period: '2024-Q1', department: '客服部', perspective: 'learning', score: null },
    { period: '2024-Q2', department: '客服部', perspective: 'process', score: 1.2 },
  ],
  overall: [
    { period: '2024-Q1', department: '销售部', score: 1.0799 },
    { period: '2024-Q1', department: '客服部', score: 0.8 },
    { period: '2024-Q2', department: '销售部', score: 1 },
    { period: '2024-Q2', department: '客服部', score: 1.2 },
  ],
};

const ISSUES: LocalizedIssue[] = [
  { sheet: 'KPI', cell: 'D2:D4', severity: 'error', code: 'kpi.weights-total', message: 'The weights add up to 75%, not 100%.' },
  { sheet: '指标', cell: 'C7', severity: 'warning', code: 'kpi.weights-total', message: '权重合计为 75%，应为 100%。', suggestion: '调整权重' },
];

async function writeAndRead(
  report: ScorecardReport,
  issues: readonly LocalizedIssue[],
  locale: Locale,
  name: string,
): Promise<{ file: string; workbook: ExcelJS.Workbook }> {
  const file = path.join(dir, name);
  await writeScorecardWorkbook({ report, issues, locale, title: 'Q1 经营', generatedAt: '2024-04-02T05:00:00Z' }, { path: file });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return { file, workbook };
}

function values(sheet: ExcelJS.Worksheet, rowNumber: number): unknown[] {
  return (sheet.getRow(rowNumber).values as unknown[]).slice(1);
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** The sheet's conditional formats as exceljs's reader models them (its typings omit the list). */
function conditionalFormats(sheet: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
}

function rulesWithRef(sheet: ExcelJS.Worksheet): (ExcelJS.ConditionalFormattingRule & { ref: string })[] {
  return conditionalFormats(sheet).flatMap((cf) => cf.rules.map((rule) => ({ ref: cf.ref, ...rule })));
}

/** Every part of the zip, as text. */
async function unzip(file: string): Promise<Map<string, string>> {
  return new Map([...(await zipParts(file))].map(([name, bytes]) => [name, bytes.toString('utf8')]));
}

/** A strict XML 1.0 parse: saxes rejects characters XML forbids, which Excel would refuse too. */
function assertWellFormed(xml: string, part: string): void {
  const parser = new SaxesParser({ xmlns: false });
  parser.on('error', (error) => {
    throw new Error(`${part}: ${error.message}`);
  });
  parser.write(xml).close();
}

describe.each([
  {
    locale: 'zh-CN' as const,
    sheets: ['概览', 'KPI 明细', '趋势', '问题'],
    overviewHeader: ['期间', '部门', '综合得分', '财务', '客户', '流程', '学习与成长'],
    detailHeader: ['期间', '部门', 'KPI', '维度', '实际值', '目标', '达成率', '状态', '权重', '得分', '奖励'],
    issueHeader: ['工作表', '单元格', '级别', '代码', '说明', '建议'],
    statuses: ['达标', '预警', '未达标', '无数据'],
    perspective: { financial: '财务', customer: '客户', process: '流程', learning: '学习与成长' },
    severities: ['错误', '警告'],
  },
  {
    locale: 'en-US' as const,
    sheets: ['Overview', 'KPI detail', 'Trend', 'Issues'],
    overviewHeader: ['Period', 'Department', 'Overall score', 'Financial', 'Customer', 'Internal process', 'Learning & growth'],
    detailHeader: ['Period', 'Department', 'KPI', 'Perspective', 'Actual', 'Target', 'Achievement', 'Status', 'Weight', 'Score', 'Award'],
    issueHeader: ['Sheet', 'Cell', 'Severity', 'Code', 'Message', 'Suggestion'],
    statuses: ['On target', 'At risk', 'Off target', 'No data'],
    perspective: { financial: 'Financial', customer: 'Customer', process: 'Internal process', learning: 'Learning & growth' },
    severities: ['Error', 'Warning'],
  },
])('the scorecard workbook in $locale', (lang) => {
  let workbook: ExcelJS.Workbook;
  let file: string;
  beforeAll(async () => {
    ({ workbook, file } = await writeAndRead(REPORT, ISSUES, lang.locale, `small-${lang.locale}.xlsx`));
  });

  it('has the four sheets, named in the language', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(lang.sheets);
    expect(workbook.title).toBe('Q1 经营');
    expect(workbook.created.toISOString()).toBe('2024-04-02T05:00:00.000Z');
  });

  it('lays out the overview: one row per period × department, scores as percentages', () => {
    const sheet = sheetOf(workbook, lang.sheets[0]!);
    expect(values(sheet, 1)).toEqual(lang.overviewHeader);
    expect(sheet.rowCount).toBe(5);
    expect(values(sheet, 2)).toEqual(['2024-Q1', '销售部', 1.0799, 1.2, 0.958]);
    // learning has a perspective entry with no score: blank, not 0%.
    expect(values(sheet, 3)).toEqual(['2024-Q1', '客服部', 0.8, undefined, undefined, 0.8]);
    expect(values(sheet, 4)).toEqual(['2024-Q2', '销售部', 1]);
    expect(values(sheet, 5)).toEqual(['2024-Q2', '客服部', 1.2, undefined, undefined, 1.2]);
    for (const cell of ['C2', 'D2', 'E2', 'F3']) expect(sheet.getCell(cell).numFmt).toBe('0.0%');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
  });

  it('marks overview scores with traffic lights at 90% / 100% and the overall score with a data bar', () => {
    const sheet = sheetOf(workbook, lang.sheets[0]!);
    const rules = rulesWithRef(sheet);
    const icons = rules.filter((r) => r.type === 'iconSet') as (ExcelJS.IconSetRuleType & { ref: string })[];
    // Overall score and perspectives in separate ranges: the overall one also holds the bar.
    expect(icons.map((r) => r.ref)).toEqual(['C2:C5', 'D2:G5']);
    for (const rule of icons) {
      expect(rule.iconSet).toBe('3TrafficLights1');
      expect(rule.cfvo).toEqual([
        { type: 'percent', value: 0 },
        { type: 'num', value: 0.9 },
        { type: 'num', value: 1 },
      ]);
    }
    const bar = rules.find((r) => r.type === 'dataBar') as ExcelJS.DataBarRuleType & { ref: string };
    expect(bar).toMatchObject({ ref: 'C2:C5', gradient: false });
    expect(bar.cfvo).toEqual([
      { type: 'num', value: 0 },
      { type: 'num', value: 1.2 },
    ]);
    // LibreOffice draws only the first <conditionalFormatting> covering a cell: one per range.
    const refs = conditionalFormats(sheet).map((cf) => cf.ref);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('writes the data bar the way Excel does: the rule points at an x14 rule that exists', async () => {
    const parts = await unzip(file);
    const xml = parts.get('xl/worksheets/sheet1.xml')!;
    const ref = /<x14:id>(\{[0-9A-F-]+\})<\/x14:id>/.exec(xml);
    expect(ref).not.toBeNull();
    expect(xml).toContain(`<x14:cfRule type="dataBar" id="${ref![1]}">`);
    expect(xml).not.toContain('<x14:id/>');
    expect(xml.endsWith('</extLst></worksheet>')).toBe(true);
    for (const [part, text] of parts) if (part.endsWith('.xml')) assertWellFormed(text, part);
  });

  it('freezes the header row and filters every sheet', () => {
    for (const name of lang.sheets) {
      const sheet = sheetOf(workbook, name);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
      expect(sheet.autoFilter).toBeTruthy();
    }
    expect(sheetOf(workbook, lang.sheets[1]!).autoFilter).toBe('A1:K7');
    expect(sheetOf(workbook, lang.sheets[0]!).getColumn(2).width).toBe(20);
    expect(sheetOf(workbook, lang.sheets[1]!).pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
  });

  it('lists every KPI with labels, formats and the award mark', () => {
    const sheet = sheetOf(workbook, lang.sheets[1]!);
    expect(values(sheet, 1)).toEqual(lang.detailHeader);
    expect(values(sheet, 2)).toEqual(['2024-Q1', '销售部', '毛利率', lang.perspective.financial, 0.36, '≥30%', 1.2, lang.statuses[0], 0.4, 0.48, '✓']);
    expect(values(sheet, 3)).toEqual(['2024-Q1', '销售部', '客户满意度', lang.perspective.customer, 4.6, '≥4.8', 0.958, lang.statuses[1], 0.25, 0.2396]);
    expect(values(sheet, 4)[7]).toBe(lang.statuses[2]);
    // No actual: blank actual, achievement and score; status "no data".
    expect(values(sheet, 5)).toEqual(['2024-Q1', '客服部', '培训时长', lang.perspective.learning, undefined, '稳定增长', undefined, lang.statuses[3], 0.25]);
    // No perspective: blank perspective cell, the rest as usual.
    expect(values(sheet, 6)).toEqual(['2024-Q2', '销售部', '综合评价', undefined, 88, '80-90', 1, lang.statuses[0], 0.1, 0.1]);
    expect(sheet.getCell('G2').numFmt).toBe('0.0%');
    expect(sheet.getCell('I2').numFmt).toBe('0%');
    expect(sheet.getCell('J2').numFmt).toBe('0.0%');
    expect(sheet.getCell('F2').type).toBe(ExcelJS.ValueType.String);
  });

  it('colours achievement and status by status, and puts traffic lights on achievement', () => {
    const sheet = sheetOf(workbook, lang.sheets[1]!);
    const rules = rulesWithRef(sheet);
    expect(rules.find((r) => r.type === 'iconSet')).toMatchObject({ ref: 'G2:G7', iconSet: '3TrafficLights1' });
    const fills = rules.filter((r) => r.type === 'expression') as (ExcelJS.ExpressionRuleType & { ref: string })[];
    const byStatus = lang.statuses.slice(0, 3).map((label) => `$H2="${label}"`);
    expect(fills.map((r) => [r.ref, r.formulae?.[0]])).toEqual([
      ...byStatus.map((formula) => ['G2:G7', formula]),
      ...byStatus.map((formula) => ['H2:H7', formula]),
    ]);
    const colours = fills.map((r) => (r.style?.fill as ExcelJS.FillPattern | undefined)?.bgColor?.argb);
    expect(colours).toEqual(['FFC6EFCE', 'FFFFEB9C', 'FFFFC7CE', 'FFC6EFCE', 'FFFFEB9C', 'FFFFC7CE']);
    const refs = conditionalFormats(sheet).map((cf) => cf.ref);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('lists the issues with localised severities', () => {
    const sheet = sheetOf(workbook, lang.sheets[3]!);
    expect(values(sheet, 1)).toEqual(lang.issueHeader);
    expect(values(sheet, 2)).toEqual(['KPI', 'D2:D4', lang.severities[0], 'kpi.weights-total', 'The weights add up to 75%, not 100%.']);
    expect(values(sheet, 3)).toEqual(['指标', 'C7', lang.severities[1], 'kpi.weights-total', '权重合计为 75%，应为 100%。', '调整权重']);
  });
});

describe('user text in the workbook', () => {
  const HOSTILE = [
    '=HYPERLINK("http://evil","x")',
    '+1+1',
    '-2+3',
    '@SUM(A1)',
    "=cmd|' /C calc'!A0",
    '\t=1+1',
    '=1+1\n=2+2',
    ' padded ',
  ];
  // exceljs's reader decodes entities twice in non-shared strings, so markup-like text is
  // checked in the XML, where Excel reads it.
  const MARKUP = '<b>&amp;</b>';

  it('stays text, exactly as given, whatever it starts with: no formula, no link', async () => {
    const rows = HOSTILE.map((text, i) =>
      row({ period: `2024-0${(i % 9) + 1}`, department: text, kpi: text, target: text }),
    );
    rows.push(row({ period: '2024-10', department: MARKUP, kpi: 'markup' }));
    const issues: LocalizedIssue[] = HOSTILE.map((text) => ({
      sheet: text, cell: 'A1', severity: 'error', code: 'kpi.weights-total', message: text, suggestion: text,
    }));
    const { file, workbook } = await writeAndRead({ rows, perspectives: [], overall: [] }, issues, 'en-US', 'hostile.xlsx');

    const detail = sheetOf(workbook, 'KPI detail');
    const issueSheet = sheetOf(workbook, 'Issues');
    HOSTILE.forEach((text, i) => {
      for (const cell of [detail.getCell(i + 2, 2), detail.getCell(i + 2, 3), detail.getCell(i + 2, 6)]) {
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.value).toBe(text);
      }
      for (const col of [1, 5, 6]) {
        const cell = issueSheet.getCell(i + 2, col);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.value).toBe(text);
      }
    });

    const parts = await unzip(file);
    expect(parts.get('xl/worksheets/sheet2.xml')).toContain('<v>&lt;b&gt;&amp;amp;&lt;/b&gt;</v>');
    for (const [part, xml] of parts) {
      if (part.startsWith('xl/worksheets/') && part.endsWith('.xml')) {
        expect(xml).not.toMatch(/<f[\s>/]/);
        expect(xml).not.toContain('<hyperlink');
      }
      expect(xml).not.toContain('relationships/hyperlink');
    }
    expect([...parts.keys()].filter((p) => p.startsWith('xl/worksheets/_rels/'))).toEqual([]);
  });

  it('loses characters XML cannot hold, not the file', async () => {
    const dirty = 'a\u0000b\u0001c\u000Bd\u001Fe\uFFFEf\uFFFFg\uD800h\uDC00i😀j\u007Fk';
    const { file, workbook } = await writeAndRead(
      { rows: [row({ period: '2024-01', department: dirty, kpi: '\r=1+1\r\nx', target: dirty })], perspectives: [], overall: [] },
      [{ sheet: dirty, cell: 'A1', severity: 'warning', code: 'kpi.weights-total', message: dirty }],
      'zh-CN',
      'dirty.xlsx',
    );
    const detail = sheetOf(workbook, 'KPI 明细');
    expect(detail.getCell('B2').value).toBe('abcdefghi😀jk');
    expect(detail.getCell('F2').value).toBe('abcdefghi😀jk');
    // A line break is LF in Excel; a raw CR would come back as LF from any XML reader anyway.
    expect(detail.getCell('C2').value).toBe('\n=1+1\nx');
    expect(detail.getCell('C2').type).toBe(ExcelJS.ValueType.String);
    expect(sheetOf(workbook, '问题').getCell('A2').value).toBe('abcdefghi😀jk');
    for (const [part, text] of await unzip(file)) if (part.endsWith('.xml')) assertWellFormed(text, part);
  });

  it('cuts text at Excel’s 32,767 characters per cell', async () => {
    const long = 'x'.repeat(40_000);
    const { workbook } = await writeAndRead(
      { rows: [row({ period: '2024-01', department: 'd', kpi: long })], perspectives: [], overall: [] },
      [],
      'en-US',
      'long.xlsx',
    );
    expect(String(sheetOf(workbook, 'KPI detail').getCell('C2').value)).toHaveLength(32_767);
  });
});

describe('targets', () => {
  it('writes to a stream the caller owns', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeScorecardWorkbook({ report: REPORT, issues: [], locale: 'en-US' }, { stream: out });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Overview', 'KPI detail', 'Trend', 'Issues']);
    expect(sheetOf(workbook, 'Issues').rowCount).toBe(1);
  });

  it('rejects, without crashing, when the caller’s stream fails midway (a closed socket)', async () => {
    const out = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('socket closed'));
      },
    });
    await expect(writeScorecardWorkbook({ report: REPORT, issues: ISSUES, locale: 'en-US' }, { stream: out })).rejects.toThrow('socket closed');
  });

  it('rejects, without crashing or leaving a temp file, when the folder does not exist', async () => {
    const missing = path.join(dir, 'no-such-folder', 'x.xlsx');
    await expect(writeScorecardWorkbook({ report: REPORT, issues: [], locale: 'en-US' }, { path: missing })).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes an empty report as headers only', async () => {
    const { workbook } = await writeAndRead({ rows: [], perspectives: [], overall: [] }, [], 'en-US', 'empty.xlsx');
    expect(workbook.worksheets.map((s) => s.rowCount)).toEqual([1, 1, 1, 1]);
    expect(conditionalFormats(sheetOf(workbook, 'Overview'))).toEqual([]);
  });
});
