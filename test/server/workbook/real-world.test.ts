import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { CellValue, SheetGrid } from '../../../shared/table/grid';
import { readWorkbookGuarded } from '../../../server/workbook/guarded-read';

// The 36 workbooks from Excel, LibreOffice, Google Sheets and others, vendored from
// ../shared/real-world-xlsx into test/fixtures/real-world-xlsx (see its README for their
// origin and licence) so that a clone anywhere runs them. Each must end as recorded here: read,
// or refused with a given code. A change either way is a regression to look at, so the folder
// must exist (missing is a failure, not a skip).

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const FOLDER = path.resolve(REPO_ROOT, 'test', 'fixtures', 'real-world-xlsx');

type Outcome = 'read' | 'not-xlsx' | 'corrupt';

const EXPECTED: Record<string, Outcome> = {
  '1519293514-KRISHNAPATNAM_LINE_UP.xlsx': 'read',
  '1904.xlsx': 'read',
  'bogus-defined-name.xlsx': 'read',
  'chart-sheet.xlsx': 'read',
  'dateIssue.xlsx': 'read',
  'duplicateRowTest.xlsx': 'read',
  'fibonacci.xlsx': 'read',
  'formulas.xlsx': 'read',
  'gold.xlsx': 'read',
  'hidden-test-google-sheets.xlsx': 'read',
  'hidden-test-libre-calc-as-excel-2007-365.xlsx': 'read',
  'hidden-test-libre-calc-as-office-open-xml-spreadsheet.xlsx': 'read',
  'images.xlsx': 'read',
  // Text before the root element of sheet1.xml: Excel refuses it too.
  'invalid-xml.xlsx': 'corrupt',
  'many-columns.xlsx': 'read',
  // Only xl/_rels/workbook.xml.rels and one sheet: no package relationships, no workbook part.
  'missing-bits.xlsx': 'not-xlsx',
  'shared_string_with_escape.xlsx': 'read',
  'test-data-comments.xlsx': 'read',
  'test-data-test-default-font.xlsx': 'read',
  'test-issue-1364.xlsx': 'read',
  'test-issue-1575.xlsx': 'read',
  'test-issue-163.xlsx': 'read',
  'test-issue-1669.xlsx': 'read',
  'test-issue-176.xlsx': 'read',
  'test-issue-1842.xlsx': 'read',
  'test-issue-257.xlsx': 'read',
  'test-issue-623.xlsx': 'read',
  'test-issue-771.xlsx': 'read',
  'test-issue-877.xlsx': 'read',
  'test-issue-880.xlsx': 'read',
  'test-issue-988.xlsx': 'read',
  'test-pr-1204.xlsx': 'read',
  'test-pr-1220.xlsx': 'read',
  'test-pr-567.xlsx': 'read',
  'test-pr-728.xlsx': 'read',
  'test-row-styles.xlsx': 'read',
};

/**
 * Files exceljs's in-memory reader cannot survive, so there is nothing to compare with:
 * test-issue-1842 has a data validation over A1:XFD1048576 (exceljs grows past 1 GB and
 * spins for minutes; we read its empty sheet in milliseconds).
 */
const EXCELJS_CANNOT_READ = new Set(['test-issue-1842.xlsx']);

const readings = new Map<string, Awaited<ReturnType<typeof readWorkbookGuarded>>>();
async function ours(file: string): Promise<Awaited<ReturnType<typeof readWorkbookGuarded>>> {
  let result = readings.get(file);
  if (!result) {
    result = await readWorkbookGuarded(path.join(FOLDER, file));
    readings.set(file, result);
  }
  return result;
}

describe('real-world workbooks', () => {
  it('are all there', () => {
    expect(existsSync(FOLDER)).toBe(true);
    const files = readdirSync(FOLDER).filter((f) => f.endsWith('.xlsx')).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    expect(files).toHaveLength(36);
  });

  it.each(Object.entries(EXPECTED))('%s → %s', async (file, expected) => {
    const result = await ours(file);
    expect(result.ok ? 'read' : result.error.code).toBe(expected);
  });

  it('reads 1904.xlsx dates in the 1904 system', async () => {
    const result = await ours('1904.xlsx');
    if (!result.ok) throw new Error(result.error.code);
    // B4 holds serial 0 with format 14: day 0 of the 1904 system.
    expect(result.value.sheets[0]?.rows[3]?.[1]).toBe('1904-01-01');
  });

  it('keeps an escaped escape as text (_x005F_x000D_ → "_x000D_")', async () => {
    const result = await ours('shared_string_with_escape.xlsx');
    expect(result.ok && result.value.sheets[0]?.rows[0]?.[0]).toBe('_x000D_');
  });

  it('skips the chart sheet and reads hidden sheets', async () => {
    const charts = await ours('chart-sheet.xlsx');
    expect(charts.ok && charts.value.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    for (const file of ['hidden-test-google-sheets.xlsx', 'hidden-test-libre-calc-as-excel-2007-365.xlsx']) {
      const hidden = await ours(file);
      expect(hidden.ok && hidden.value.sheets[0]?.rows.length).toBeGreaterThan(0);
    }
  });

  const comparable = Object.entries(EXPECTED)
    .filter(([file, outcome]) => outcome === 'read' && !EXCELJS_CANNOT_READ.has(file))
    .map(([file]) => file);

  it.each(comparable)('%s: every cell agrees with exceljs’s in-memory reader', async (file) => {
    const result = await ours(file);
    if (!result.ok) throw new Error(result.error.code);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(FOLDER, file));
    const chartless = workbook.worksheets.map((w) => w.name);
    expect(result.value.sheets.map((s) => s.name)).toEqual(chartless);
    const differences: string[] = [];
    for (const worksheet of workbook.worksheets) {
      const grid = result.value.sheets.find((s) => s.name === worksheet.name) as SheetGrid;
      worksheet.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          // exceljs copies a merge's value into every merged cell; the file holds it once.
          if (cell.master.address !== cell.address) return;
          const expected = asGridValue(cell.value);
          if (expected === undefined) return;
          const actual = grid.rows[r - 1]?.[c - 1] ?? null;
          const same = typeof expected === 'number' && typeof actual === 'number' ? Math.abs(expected - actual) < 1e-9 : expected === actual;
          if (!same) differences.push(`${worksheet.name}!${cell.address}: exceljs ${JSON.stringify(expected)}, ours ${JSON.stringify(actual)}`);
        }),
      );
    }
    expect(differences).toEqual([]);
  });
});

/** exceljs's cell value as our grid carries it; undefined where exceljs lost the value itself. */
function asGridValue(value: ExcelJS.CellValue): CellValue | undefined {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  // exceljs drops some cached formula results (e.g. on text-formatted cells): nothing to compare.
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? undefined : asGridValue(value.result as ExcelJS.CellValue);
  if ('text' in value) return typeof value.text === 'string' ? value.text : asGridValue(value.text as ExcelJS.CellValue);
  return undefined;
}
