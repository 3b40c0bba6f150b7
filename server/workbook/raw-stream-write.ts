import ExcelJS from 'exceljs';

/**
 * The benchmark's baseline: the same cells written with exceljs's streaming writer and nothing
 * else — no styles, no conditional formatting, no text cleaning. `npm run bench` divides the
 * scorecard writer's time by this one's, so it pauses for the event loop exactly as the
 * scorecard writer does (every 2,000 rows) and the ratio measures only our additions.
 */
export async function rawStreamWrite(
  rows: readonly (readonly (string | number | null)[])[],
  path: string,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Sheet1');
  for (let i = 0; i < rows.length; i += 1) {
    sheet.addRow(rows[i] as (string | number | null)[]).commit();
    if (i % 2000 === 1999) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  sheet.commit();
  await workbook.commit();
}
