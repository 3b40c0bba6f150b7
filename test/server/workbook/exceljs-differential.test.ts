import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { HANDBOOK_KPI_TABLE } from '../../../server/demo/handbook-tables';
import { writeDemoWorkbook } from '../../../server/demo/write-demo-workbook';
import { runCli } from '../../../server/cli/main';
import { REPO_ROOT } from '../../fixtures/cli';
import { writeBaseWorkbook } from '../../fixtures/hostile/make-hostile';
import { writeTypesWorkbook } from '../../fixtures/typed-workbook';
import { writeWorkbook } from '../../fixtures/workbooks';
import { sheetXml, stylesXml, xlsxFromParts } from '../../fixtures/xlsx-from-parts';
import { compareWithExcelJs, type Comparison, type Deliberate } from './exceljs-diff';

// Our xlsx reader against exceljs's in-memory reader, every cell both ways (exceljs-diff.ts):
// on the real-world workbooks, on every kind of workbook the suite writes, and on random
// workbooks exceljs writes. A difference fails, unless it is one of the deliberate ones listed
// (with the reason) in exceljs-diff.ts — and then the cells it covers are pinned below, so
// that a new one is seen.

const REAL_WORLD = path.join(REPO_ROOT, 'test', 'fixtures', 'real-world-xlsx');
/** Refused by us on purpose (test/server/workbook/real-world.test.ts says why), or too much for exceljs. */
const NOT_COMPARED = new Set(['invalid-xml.xlsx', 'missing-bits.xlsx', 'test-issue-1842.xlsx']);

/** The deliberate differences each file has, by reason: how many cells. */
const DELIBERATE: Record<string, Partial<Record<Deliberate, number>>> = {
  // Formulas in Text ("@") cells, whose cached results exceljs drops; merged ranges.
  'test-issue-877.xlsx': { 'formula-result-exceljs-drops': 31, 'merged-copy': 1021 },
  'test-issue-880.xlsx': { 'formula-result-exceljs-drops': 31, 'merged-copy': 1021 },
  'test-pr-1204.xlsx': { 'merged-copy': 92 },
  // KPI weights and Gantt progress are percent cells.
  'the demo workbook (examples/)': { 'percent-as-text': 12 },
  'every value type, 1900 system': { 'duration-as-number': 1, 'percent-as-text': 1 },
  'every value type, 1904 system': { 'duration-as-number': 1, 'percent-as-text': 1 },
  // Achievements, weights and scores are written as percents; the trend sheet adds 21
  // achievements and 9 changes, and the overview's improved block the same 9 changes.
  'the scorecard workbook the CLI writes for the demo': { 'percent-as-text': 124 },
  'every format family': {
    'date-format-exceljs-misses': 15,
    'duration-as-number': 20,
    'exceljs-1900-epoch': 12,
    'no-such-day': 24,
    'percent-as-text': 30,
    'time-of-day-as-number': 6,
  },
};

function summary(c: Comparison): Partial<Record<Deliberate, number>> {
  return Object.fromEntries(Object.entries(c.deliberate).map(([k, cells]) => [k, cells.length]));
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'exceljs-diff-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the real-world workbooks', () => {
  const files = readdirSync(REAL_WORLD).filter((f) => f.endsWith('.xlsx') && !NOT_COMPARED.has(f)).sort();

  it.each(files)('%s', async (file) => {
    const c = await compareWithExcelJs(readFileSync(path.join(REAL_WORLD, file)));
    expect(c.differences).toEqual([]);
    expect(summary(c)).toEqual(DELIBERATE[file] ?? {});
  });
});

/** Every kind of workbook the suite and the product write, by name. */
const WRITTEN: Record<string, (file: string) => Promise<void>> = {
  'the demo workbook (examples/)': (file) => writeDemoWorkbook(file),
  'the handbook KPI table under a title': (file) =>
    writeWorkbook(file, [
      { name: '绩效', rows: [['关键指标分解示例（以电商运营为例）']] },
      { name: 'KPI考核', rows: HANDBOOK_KPI_TABLE, at: { row: 2, col: 1 } },
    ]),
  'the hostile tests’ base workbook': (file) => writeBaseWorkbook(file),
  'every value type, 1900 system': (file) => writeTypesWorkbook(file, false),
  'every value type, 1904 system': (file) => writeTypesWorkbook(file, true),
  'the scorecard workbook the CLI writes for the demo': async (file) => {
    const demo = path.join(dir, 'demo-for-scorecard.xlsx');
    await writeDemoWorkbook(demo);
    const io = { out: () => undefined, err: () => undefined, env: {} };
    expect(await runCli(['scorecard', demo, '--out', file, '--lang', 'zh-CN'], io)).toBe(0);
  },
};

describe('the workbooks the suite writes', () => {
  it.each(Object.keys(WRITTEN))('%s', async (name) => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.xlsx`);
    await WRITTEN[name]!(file);
    const c = await compareWithExcelJs(readFileSync(file));
    expect(c.differences).toEqual([]);
    expect(c.cells).toBeGreaterThan(0);
    expect(summary(c)).toEqual(DELIBERATE[name] ?? {});
  });

  it('the committed demo workbook', async () => {
    const c = await compareWithExcelJs(readFileSync(path.join(REPO_ROOT, 'examples', 'ops-scorecard-demo.xlsx')));
    expect(c.differences).toEqual([]);
    expect(summary(c)).toEqual(DELIBERATE['the demo workbook (examples/)'] ?? {});
  });

  it('a workbook of every format family, by custom code and by built-in id', async () => {
    const formats: (string | number)[] = [0, 14, 9, 10, 20, 22, 46, 'yyyy-mm-dd', 'h:mm', '0.0%', '[h]:mm', 'yyyy"年"m"月"d"日"', '#,##0.00 "days"', 31, 32, 57];
    const values = [45366, 45366.5, 0.5, 1.5, 0.035, 0, 60, 1, 61, -3];
    const data = values
      .map((v, r) => `<row r="${r + 1}">${formats.map((_, s) => `<c r="${String.fromCharCode(65 + s)}${r + 1}" s="${s}"><v>${v}</v></c>`).join('')}</row>`)
      .join('');
    const c = await compareWithExcelJs(xlsxFromParts({ sheet: sheetXml(data), styles: stylesXml(formats) }));
    expect(c.differences).toEqual([]);
    expect(summary(c)).toEqual(DELIBERATE['every format family'] ?? {});
  });
});

// --- random workbooks -------------------------------------------------------------------------

const piece = fc.constantFrom('a', 'Z', '0', ' ', '<', '&', '>', '"', "'", '&amp;', ']]>', '東', '销售', '😀', 'é', '\t', '\n', '_x000D_', '_x005F_x000D_', '-', '%');
const text = fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
const FORMATS = ['General', '0', '0.00', '0%', '0.00%', 'yyyy-mm-dd', 'yyyy-mm-dd hh:mm:ss', 'h:mm', '[h]:mm', 'mm-dd-yy', '#,##0.00 "days"', '@', 'yyyy"年"m"月"d"日"'];
const cell = fc.record({
  value: fc.oneof(
    text,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.double({ min: 0, max: 2_958_465, noNaN: true }),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.boolean(),
    fc.constantFrom<ExcelJS.CellValue>({ error: '#N/A' }, { error: '#DIV/0!' }, { formula: 'A1*2', result: 7 }, { formula: 'A1&"x"', result: 'x' }, { formula: 'NOW()', result: 45366.25 }),
    fc.array(text, { minLength: 1, maxLength: 3 }).map((runs): ExcelJS.CellValue => ({ richText: runs.map((t, i) => ({ text: t, font: { bold: i % 2 === 0 } })) })),
    fc.constant(null),
  ),
  numFmt: fc.constantFrom(...FORMATS),
});

describe('random workbooks written by exceljs', () => {
  it('read as exceljs reads them, both date systems, shared strings or not', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 6 }), { minLength: 1, maxLength: 6 }), fc.boolean(), fc.boolean(), async (rows, date1904, streaming) => {
        const file = path.join(dir, `random-${run++}.xlsx`);
        const fill = (ws: ExcelJS.Worksheet): void => {
          rows.forEach((cells, r) => {
            const row = ws.getRow(r + 1);
            cells.forEach((spec, c) => {
              const target = row.getCell(c + 1);
              target.value = spec.value;
              target.numFmt = spec.numFmt;
            });
            if (streaming) row.commit();
          });
        };
        if (streaming) {
          const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
          const ws = wb.addWorksheet('Data');
          fill(ws);
          ws.commit();
          await wb.commit();
        } else {
          const wb = new ExcelJS.Workbook();
          wb.properties.date1904 = date1904;
          fill(wb.addWorksheet('Data'));
          await wb.xlsx.writeFile(file);
        }
        const c = await compareWithExcelJs(readFileSync(file));
        expect(c.differences).toEqual([]);
      }),
      { numRuns: 80, seed: 0x7a1e },
    );
  }, 120_000);
});
