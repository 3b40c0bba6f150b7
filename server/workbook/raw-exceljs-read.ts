import ExcelJS from 'exceljs';
import yauzl from 'yauzl';

/**
 * The bench baseline: exceljs's own streaming reader touching every row's values, nothing
 * else. Returns the number of rows read.
 *
 * exceljs's reader pauses its unzip stream between entries, and entries emitted meanwhile are
 * lost (exceljs issue 3064) — most often workbook.xml, which exceljs's streaming writer puts
 * last, but a worksheet may go too. A baseline that silently skips a sheet would flatter it,
 * so the worksheets it saw are compared with the worksheet parts in the zip's central
 * directory, and a lossy run is repeated (at most `attempts` times, then it throws).
 */
export async function rawExceljsStreamRead(file: string, attempts = 3): Promise<number> {
  const expectedSheets = await countWorksheetParts(file);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const { rows, sheets } = await readOnce(file);
    if (sheets >= expectedSheets) return rows;
  }
  throw new Error(`exceljs streaming reader lost worksheets in ${attempts} attempts (exceljs issue 3064)`);
}

async function readOnce(file: string): Promise<{ rows: number; sheets: number }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let rows = 0;
  let sheets = 0;
  let touched = 0;
  for await (const worksheet of reader) {
    sheets += 1;
    for await (const row of worksheet) {
      // Touch the values as a consumer would; the length keeps the access from being dead code.
      touched += (row.values as unknown[]).length;
      rows += 1;
    }
  }
  return { rows: touched >= 0 ? rows : 0, sheets };
}

/** Worksheet parts by their conventional folder: good enough to notice a lost one. */
async function countWorksheetParts(file: string): Promise<number> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  try {
    let count = 0;
    for await (const entry of zip.eachEntry()) {
      if (/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.fileName)) count += 1;
    }
    return count;
  } finally {
    zip.close();
  }
}
