import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readWorkbookGuarded } from '../../../server/workbook/guarded-read';

// The 36 workbooks from Excel, LibreOffice, Google Sheets and others, vendored from
// ../shared/real-world-xlsx into test/fixtures/real-world-xlsx (see its README for their
// origin and licence) so that a clone anywhere runs them. Each must end as recorded here: read,
// or refused with a given code. A change either way is a regression to look at, so the folder
// must exist (missing is a failure, not a skip). Cell by cell against exceljs:
// exceljs-differential.test.ts.

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
});
