import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { decodeGrids, EncodedSheetBuilder, StringTable } from '../../../server/workbook/grid-transfer';
import { readXlsx } from '../../../server/workbook/xlsx-reader';
import { CellBudget } from '../../../server/workbook/xlsx/cell-budget';
import { RefusalSignal } from '../../../server/workbook/xlsx/read-refusal';
import { saxesSharedStringsBytes, scanSharedStringsBytes } from '../../../server/workbook/xlsx/shared-strings';
import { GridRows, type SheetContext } from '../../../server/workbook/xlsx/sheet-data';
import { saxesSheetBytes, scanSheetBytes } from '../../../server/workbook/xlsx/sheet-scan';
import { readStyleKinds } from '../../../server/workbook/xlsx/styles';
import { InflateBudget, openPackage, partBytes } from '../../../server/workbook/xlsx/zip-source';
import { buildZip } from '../../fixtures/zip-writer';
import { MAIN, HEAD, sheet, SHARED, context, splitAt } from './sheet-scan-harness';

// The reader's fallback to saxes, random workbooks written by exceljs read by both paths, and the
// transfer format built while reading.

const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function workbookZip(sheetXml: string | Uint8Array): Buffer {
  const rels = (items: [string, string, string][]): string =>
    `${HEAD}<Relationships xmlns="${RELS}">${items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`).join('')}</Relationships>`;
  return buildZip([
    { name: '[Content_Types].xml', data: `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>` },
    { name: '_rels/.rels', data: rels([['rId1', 'officeDocument', 'xl/workbook.xml']]) },
    { name: 'xl/workbook.xml', data: `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: rels([['rId1', 'worksheet', 'worksheets/sheet1.xml']]) },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml },
  ]);
}

describe('the reader falls back to saxes', () => {
  it.each([
    ['a DOCTYPE without entities', `${HEAD}<!DOCTYPE worksheet><worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`],
    ['a processing instruction in the data', sheet('<row r="1"><c r="A1"><v>1</v></c><?pi data?><c r="B1"><v>2</v></c></row>')],
    ['a non-ASCII element name', sheet('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v><é/></c></row>')],
  ])('and reads %s all the same', async (_label, xml) => {
    const result = await readXlsx(workbookZip(xml));
    expect(result).toEqual({ ok: true, value: [{ name: 'S', rows: [xml.includes('B1') ? [1, 2] : [1]] }] });
  });

  it('and reads a UTF-16 worksheet', async () => {
    const xml = sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>东京</t></is></c></row>', '<?xml version="1.0" encoding="UTF-16"?>');
    const result = await readXlsx(workbookZip(Buffer.from(`\uFEFF${xml}`, 'utf16le')));
    expect(result).toEqual({ ok: true, value: [{ name: 'S', rows: [['东京']] }] });
  });

  it.each([
    ['billion laughs', `${HEAD}<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet><sheetData><row r="1"><c r="A1" t="str"><v>&b;</v></c></row></sheetData></worksheet>`],
    ['mismatched tags', sheet('<row r="1"><c r="A1"><v>1</v></c></rowx>')],
    ['an undefined entity', sheet('<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>')],
    ['a duplicate attribute', sheet('<row r="1"><c r="A1" r="B1"><v>1</v></c></row>')],
  ])('which refuses %s as corrupt', async (_label, xml) => {
    const result = await readXlsx(workbookZip(xml));
    expect(result.ok ? 'read' : result.error).toEqual({ code: 'corrupt', detail: { reason: 'invalid-xml', part: 'xl/worksheets/sheet1.xml' } });
  });

  it('without counting the cells of the abandoned attempt', async () => {
    // 1 row slot + 3 cell slots: the fast attempt takes them, gives up at the PI, saxes takes them again.
    const file = workbookZip(sheet('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row><?pi?>'));
    expect(await readXlsx(file, { maxCells: 4 })).toEqual({ ok: true, value: [{ name: 'S', rows: [[1, 2, 3]] }] });
    expect((await readXlsx(file, { maxCells: 3 })).ok).toBe(false);
  });

  it('without counting the bytes of the abandoned attempt', async () => {
    const rows = Array.from({ length: 2000 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c></row>`).join('');
    const xml = sheet(`${rows}<?pi?>`);
    const file = workbookZip(xml);
    // Everything the reader inflates, read once, fits; read twice (the sheet is most of it) it would not.
    const pkg = await openPackage(file, 100);
    const total = pkg.allEntries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    pkg.close();
    expect(total).toBeLessThan(1.5 * Buffer.byteLength(xml));
    const result = await readXlsx(file, { maxTotalUncompressedBytes: total });
    expect(result.ok && result.value[0]?.rows.length).toBe(2000);
  });
});

// --- random workbooks written by exceljs ------------------------------------------------------

const piece = fc.constantFrom('a', 'Z', '0', ' ', '  ', '<', '&', '>', '"', "'", '&amp;', ']]>', '東', '京', '销售', '😀', '👍🏽', 'é', '\t', '\n', '\r\n', '_x000D_', '-', '.');
const text = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
const cellValue: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  text,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.boolean(),
  fc.date({ min: new Date(Date.UTC(1900, 2, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((runs) => ({ richText: runs.map((t, i) => ({ text: t, font: { bold: i % 2 === 0 } })) })),
  fc.constant(null),
);
const grid = fc.array(fc.array(cellValue, { maxLength: 6 }), { minLength: 1, maxLength: 8 });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sheet-scan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeWorkbook(rows: ExcelJS.CellValue[][], sharedStrings: boolean, file: string): Promise<void> {
  const fill = (ws: ExcelJS.Worksheet, commit: boolean): void => {
    for (const values of rows) {
      const row = ws.addRow(values);
      values.forEach((v, c) => {
        if (v instanceof Date) row.getCell(c + 1).numFmt = 'yyyy-mm-dd hh:mm:ss';
      });
      if (commit) row.commit();
    }
  };
  if (sharedStrings) {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('Data'), false);
    await wb.xlsx.writeFile(file);
  } else {
    // The streaming writer without shared strings writes t="str" and t="inlineStr" cells.
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet('Data');
    fill(ws, true);
    ws.commit();
    await wb.commit();
  }
}

async function partChunks(file: string, part: string): Promise<Buffer[]> {
  const pkg = await openPackage(file, 100);
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of partBytes(pkg, part, new InflateBudget(1e9))) chunks.push(chunk);
    return chunks;
  } finally {
    pkg.close();
  }
}

describe('random workbooks written by exceljs', () => {
  it('read back identically by the fast path and the saxes path, split anywhere', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(grid, fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), async (rows, shared, cut) => {
        const file = path.join(dir, `random-${run++}.xlsx`);
        await writeWorkbook(rows, shared, file);
        const pkg = await openPackage(file, 100);
        const hasSst = pkg.entries.has('xl/sharedstrings.xml');
        const styleKinds = await readStyleKinds(pkg, 'xl/styles.xml', new InflateBudget(1e9));
        pkg.close();

        let strings: string[] = [];
        if (hasSst) {
          const sst = Buffer.concat(await partChunks(file, 'xl/sharedStrings.xml'));
          strings = await saxesSharedStringsBytes([sst]);
          expect(scanSharedStringsBytes(splitAt(sst, Math.floor(cut * sst.length)))).toEqual(strings);
        }
        const xml = Buffer.concat(await partChunks(file, 'xl/worksheets/sheet1.xml'));
        const ctx = (): SheetContext => ({ sheetName: 'Data', sharedStrings: strings, styleKinds, date1904: false, cells: new CellBudget(1e6) });
        const expected = await saxesSheetBytes([xml], ctx());
        expect(scanSheetBytes(splitAt(xml, Math.floor(cut * xml.length)), ctx())).toEqual(expected);

        // And the whole reader (fast path) gives that grid, whose strings are what was written.
        const read = await readXlsx(file);
        expect(read).toEqual({ ok: true, value: [{ name: 'Data', rows: expected }] });
        rows.forEach((values, r) =>
          values.forEach((v, c) => {
            const got = expected[r]?.[c];
            // (exceljs writes "_x000D_" as it is, which Excel then reads as a carriage return.)
            if (typeof v === 'string' && !v.includes('_x')) expect(got).toBe(v.replace(/\r\n/g, '\n'));
            else if (typeof v === 'number') expect(got === v).toBe(true);
            else if (typeof v === 'boolean') expect(got).toBe(v);
          }),
        );
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

// --- the worker's grid builder ------------------------------------------------------------------

describe('the transfer format built while reading', () => {
  const placement = fc.record({
    row: fc.oneof(fc.nat({ max: 6 }), fc.nat({ max: 40 })),
    col: fc.oneof(fc.nat({ max: 4 }), fc.nat({ max: 30 })),
    value: fc.oneof(
      fc.record({ shared: fc.nat({ max: SHARED.length - 1 }) }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom('zero', 'x', '', '東京'),
      fc.boolean(),
    ),
  });

  it('decodes to the grid GridRows builds, and refuses at the same cell', () => {
    fc.assert(
      fc.property(fc.array(placement, { maxLength: 60 }), fc.integer({ min: 1, max: 400 }), (cells, limit) => {
        const run = (sink: (ctx: SheetContext) => { placeShared: GridRows['placeShared']; place: GridRows['place'] }) => {
          const ctx = context(limit);
          const target = sink(ctx);
          let placed = 0;
          try {
            for (const { row, col, value } of cells) {
              if (typeof value === 'object' && value !== null) target.placeShared(row, col, value.shared);
              else target.place(row, col, value);
              placed++;
            }
            return { target, placed, refused: null };
          } catch (e) {
            if (e instanceof RefusalSignal) return { target, placed, refused: e.refusal };
            throw e;
          }
        };
        const grid = run((ctx) => new GridRows(ctx));
        const table = new StringTable(SHARED);
        const built = run((ctx) => new EncodedSheetBuilder(ctx, table));
        expect(built.placed).toBe(grid.placed);
        expect(built.refused).toEqual(grid.refused);
        if (grid.refused === null) {
          const sheet = (built.target as EncodedSheetBuilder).finish('S');
          const [decoded] = decodeGrids({ strings: table.strings, sheets: [sheet] });
          expect(decoded?.rows).toEqual((grid.target as GridRows).rows);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
