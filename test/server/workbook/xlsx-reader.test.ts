import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { SheetGrid } from '../../../shared/table/grid';
import { readWorkbookGuarded } from '../../../server/workbook/guarded-read';
import { readXlsx } from '../../../server/workbook/xlsx-reader';
import { writeTypesWorkbook } from '../../fixtures/typed-workbook';
import { buildZip, type ZipEntrySpec } from '../../fixtures/zip-writer';

// The reader on workbooks written by exceljs at test time, and on hand-made packages with what
// other writers do (prefixes, inline strings, absolute targets, implicit positions…).

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'xlsx-reader-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readOk(file: string | Uint8Array): Promise<SheetGrid[]> {
  const result = await readXlsx(file);
  if (!result.ok) throw new Error(`refused: ${result.error.code} ${JSON.stringify(result.error.detail)}`);
  return result.value;
}

describe('workbooks written by exceljs', () => {
  const expectedFirstSheet = (): unknown[][] => [
    ['hello', 'bold plain', '3.5%', '2024-03-15', true, false, '#DIV/0!', 0.07, 'hellox', '2024-03-15T08:30:05', 42, -1.5, '0042', '销售额 ≥3%'],
    ['1999-12-31', '2024-02-29', 1.25, 1234.5, '2024-03-16'],
    [],
    [],
    [null, null, null, null, 7],
  ];

  it('reads every value type, in the 1900 date system', async () => {
    const file = path.join(dir, 'types-1900.xlsx');
    await writeTypesWorkbook(file, false);
    const sheets = await readOk(file);
    expect(sheets.map((s) => s.name)).toEqual(['数据', 'Second', '隐藏', 'Offset table']);
    expect(sheets[0]?.rows).toEqual(expectedFirstSheet());
    expect(sheets[1]?.rows).toEqual([['second sheet']]);
    expect(sheets[2]?.rows).toEqual([[], [null, 'hidden but read']]);
  });

  it('reads dates right in the 1904 date system', async () => {
    const file = path.join(dir, 'types-1904.xlsx');
    await writeTypesWorkbook(file, true);
    const sheets = await readOk(file);
    expect(sheets[0]?.rows).toEqual(expectedFirstSheet());
  });

  it('keeps a table that does not start at A1 where it is', async () => {
    const file = path.join(dir, 'offset.xlsx');
    await writeTypesWorkbook(file, false);
    const offset = (await readOk(file))[3];
    expect(offset?.rows.length).toBe(7);
    expect(offset?.rows.slice(0, 4).every((r) => r.length === 0)).toBe(true);
    expect(offset?.rows[4]).toEqual([null, null, '期间', '部门', '数值']);
    expect(offset?.rows[5]).toEqual([null, null, '2024-03', '销售部', 1200]);
    expect(offset?.rows[6]).toEqual([null, null, '2024-04', '运营部', 3.6]);
  });

  it('reads what exceljs’s streaming writer writes (workbook.xml last in the zip)', async () => {
    const file = path.join(dir, 'streamed.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
    const ws = writer.addWorksheet('Metrics');
    ws.addRow(['Period', 'Department', 'Metric', 'Value']).commit();
    for (let i = 0; i < 1000; i++) ws.addRow([`2024-${String((i % 12) + 1).padStart(2, '0')}`, `D${i % 7}`, 'Visitors', i * 1.5]).commit();
    ws.commit();
    await writer.commit();
    const [sheet] = await readOk(file);
    expect(sheet?.rows.length).toBe(1001);
    expect(sheet?.rows[1000]).toEqual(['2024-04', 'D5', 'Visitors', 999 * 1.5]);
  });

  it('gives the same grids through the guarded worker, from a path or from bytes', async () => {
    const file = path.join(dir, 'types-guarded.xlsx');
    await writeTypesWorkbook(file, false);
    const direct = await readOk(file);
    const fromPath = await readWorkbookGuarded(file);
    const bytes = await readFile(file);
    const fromBytes = await readWorkbookGuarded(new Uint8Array(bytes));
    // A view into a bigger buffer, as an upload slice would be.
    const padded = Buffer.concat([Buffer.alloc(100, 1), bytes, Buffer.alloc(100, 2)]);
    const fromView = await readWorkbookGuarded(padded.subarray(100, 100 + bytes.length));
    expect(fromPath).toEqual({ ok: true, value: { sheets: direct } });
    expect(fromBytes).toEqual({ ok: true, value: { sheets: direct } });
    expect(fromView).toEqual({ ok: true, value: { sheets: direct } });
  });
});

// --- hand-made packages --------------------------------------------------------------------

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const rels = (items: [id: string, type: string, target: string][]): string =>
  `${HEAD}<Relationships xmlns="${RELS}">${items
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`)
    .join('')}</Relationships>`;

const workbookXml = (sheets: [name: string, rId: string][], pr = ''): string =>
  `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${R}">${pr}<sheets>${sheets
    .map(([name, id], i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="${id}"/>`)
    .join('')}</sheets></workbook>`;

const sheetXml = (sheetData: string): string => `${HEAD}<worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`;

/** A package with one sheet "S" at the usual places, with parts overridable or added. */
async function handMade(name: string, parts: Record<string, string | Uint8Array>): Promise<string> {
  const all: Record<string, string | Uint8Array> = {
    '[Content_Types].xml': `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    '_rels/.rels': rels([['rId1', 'officeDocument', 'xl/workbook.xml']]),
    'xl/workbook.xml': workbookXml([['S', 'rId1']]),
    'xl/_rels/workbook.xml.rels': rels([['rId1', 'worksheet', 'worksheets/sheet1.xml']]),
    ...parts,
  };
  const file = path.join(dir, name);
  const entries: ZipEntrySpec[] = Object.entries(all).map(([entryName, data]) => ({ name: entryName, data }));
  await writeFile(file, buildZip(entries));
  return file;
}

describe('what other writers do', () => {
  it('decodes parts in the encoding their XML declaration names (windows-1252, GBK), and UTF-16 without a BOM', async () => {
    const latin = (text: string): Buffer => Buffer.from(new Uint8Array([...text].map((c) => c.charCodeAt(0))));
    // "销售" in GBK: CF FA CA DB.
    const gbk = Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="GBK"?><sst xmlns="${MAIN}"><si><t>`), Buffer.from([0xcf, 0xfa, 0xca, 0xdb]), Buffer.from('</t></si></sst>')]);
    const file = await handMade('encodings.xlsx', {
      'xl/_rels/workbook.xml.rels': rels([
        ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
        ['rId2', 'sharedStrings', 'sharedStrings.xml'],
        ['rId3', 'worksheet', 'worksheets/sheet2.xml'],
        ['rId4', 'worksheet', 'worksheets/sheet3.xml'],
      ]),
      'xl/workbook.xml': workbookXml([['S', 'rId1'], ['UTF-16', 'rId3'], ['Says UTF-16', 'rId4']]),
      'xl/sharedStrings.xml': gbk,
      'xl/worksheets/sheet1.xml': latin(
        `<?xml version="1.0" encoding="windows-1252"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Caf\u00e9 \u00a3</t></is></c><c r="B1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
      ),
      'xl/worksheets/sheet2.xml': Buffer.from(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>东京</t></is></c></row>'), 'utf16le'),
      // A declaration that says UTF-16 over UTF-8 bytes (no byte-order mark): the bytes win.
      'xl/worksheets/sheet3.xml': sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>东京</t></is></c></row>').replace('encoding="UTF-8"', 'encoding="UTF-16"'),
    });
    expect(await readOk(file)).toEqual([
      { name: 'S', rows: [['Café £', '销售']] },
      { name: 'UTF-16', rows: [['东京']] },
      { name: 'Says UTF-16', rows: [['东京']] },
    ]);
  });

  it('refuses a binary workbook (.xlsb) as not an .xlsx, before and inside the worker', async () => {
    const file = await handMade('binary.xlsb', {
      '_rels/.rels': rels([['rId1', 'officeDocument', 'xl/workbook.bin']]),
      'xl/workbook.bin': new Uint8Array([0x83, 0x01, 0x00, 0x80, 0x01, 0x00, 0xff, 0xfe]),
      'xl/_rels/workbook.bin.rels': rels([['rId1', 'worksheet', 'worksheets/sheet1.bin']]),
      'xl/worksheets/sheet1.bin': new Uint8Array([0x81, 0x01, 0x00]),
    });
    const expected = { code: 'not-xlsx', detail: { reason: 'xlsb' } };
    const direct = await readXlsx(file);
    expect(direct.ok ? 'read' : direct.error).toEqual(expected);
    const guarded = await readWorkbookGuarded(file);
    expect(guarded.ok ? 'read' : guarded.error).toEqual(expected);
  });

  it('refuses a worksheet part listed for two sheets, instead of reading it again for each', async () => {
    // 150,000 such entries in a 700 KB file used to keep the reader busy past its deadline.
    const file = await handMade('shared-part.xlsx', {
      'xl/workbook.xml': workbookXml([['A', 'rId1'], ['B', 'rId1']]),
      'xl/worksheets/sheet1.xml': sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'),
    });
    const result = await readXlsx(file);
    expect(result.ok ? 'read' : result.error).toEqual({ code: 'corrupt', detail: { reason: 'shared-sheet-part', sheet: 'B' } });
  });

  it('reads a tag with 80,000 attributes as saxes does (duplicates looked up, not compared pairwise)', async () => {
    const attributes = Array.from({ length: 80_000 }, (_, i) => ` a${i}="1"`).join('');
    const file = await handMade('many-attributes.xlsx', {
      'xl/worksheets/sheet1.xml': sheetXml(`<row r="1"${attributes}><c r="A1"><v>1</v></c></row>`),
    });
    expect(await readOk(file)).toEqual([{ name: 'S', rows: [[1]] }]);
    const duplicated = await handMade('many-attributes-twice.xlsx', {
      'xl/worksheets/sheet1.xml': sheetXml(`<row r="1"${attributes} a79999="2"><c r="A1"><v>1</v></c></row>`),
    });
    const refused = await readXlsx(duplicated);
    expect(refused.ok ? 'read' : refused.error.code).toBe('corrupt');
  });

  it('refuses a part in an encoding no decoder knows as corrupt', async () => {
    const file = await handMade('unknown-encoding.xlsx', {
      'xl/worksheets/sheet1.xml': sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>').replace('encoding="UTF-8"', 'encoding="x-klingon"'),
    });
    const result = await readXlsx(file);
    expect(result.ok ? 'read' : result.error).toEqual({ code: 'corrupt', detail: { reason: 'encoding', part: 'xl/worksheets/sheet1.xml' } });
  });

  it('reads namespace-prefixed SpreadsheetML (<x:c>)', async () => {
    const file = await handMade('prefixed.xlsx', {
      'xl/workbook.xml': `${HEAD}<x:workbook xmlns:x="${MAIN}" xmlns:r="${R}"><x:workbookPr date1904="true"/><x:sheets><x:sheet name="P" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
      'xl/worksheets/sheet1.xml': `${HEAD}<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>pre</x:t></x:is></x:c><x:c r="B1"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    });
    expect(await readOk(file)).toEqual([{ name: 'P', rows: [['pre', 0]] }]);
  });

  it('reads inline strings, rich runs, CDATA, and drops phonetic runs (<rPh>)', async () => {
    const file = await handMade('inline.xlsx', {
      'xl/_rels/workbook.xml.rels': rels([
        ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
        ['rId2', 'sharedStrings', 'sharedStrings.xml'],
      ]),
      'xl/sharedStrings.xml': `${HEAD}<sst xmlns="${MAIN}"><si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si><si><r><t>a</t></r><r><rPr><b/></rPr><t xml:space="preserve"> b </t></r></si><si><t>line_x000D_break</t></si></sst>`,
      'xl/worksheets/sheet1.xml': sheetXml(
        '<row r="1"><c r="A1" t="inlineStr"><is><r><t>東</t></r><r><t>京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></is></c>' +
          '<c r="B1" t="inlineStr"><is><t><![CDATA[<not a tag> & co]]></t></is></c>' +
          '<c r="C1" t="s"><v>0</v></c><c r="D1" t="s"><v>1</v></c><c r="E1" t="s"><v>2</v></c>' +
          '<c r="F1" t="str"><f>X</f><v>a &amp; b</v></c></row>',
      ),
    });
    expect(await readOk(file)).toEqual([{ name: 'S', rows: [['東京', '<not a tag> & co', '漢字', 'a b ', 'line\rbreak', 'a & b']] }]);
  });

  it('places cells without addresses after the previous cell, rows without numbers after the previous row', async () => {
    const file = await handMade('implicit.xlsx', {
      'xl/worksheets/sheet1.xml': sheetXml(
        '<row><c><v>1</v></c><c><v>2</v></c></row><row r="4"><c r="B4"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>',
      ),
    });
    expect((await readOk(file))[0]?.rows).toEqual([[1, 2], [], [], [null, 3, 4], [5]]);
  });

  it('resolves absolute relationship targets and finds a workbook part that is not xl/workbook.xml', async () => {
    const file = await handMade('moved.xlsx', {
      '_rels/.rels': rels([['rId1', 'officeDocument', '/book/main.xml']]),
      'xl/workbook.xml': 'not used',
      'book/main.xml': workbookXml([['Moved', 'rId7']]),
      'book/_rels/main.xml.rels': rels([['rId7', 'worksheet', '/data/one.xml']]),
      'data/one.xml': sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>found</t></is></c></row>'),
    });
    expect(await readOk(file)).toEqual([{ name: 'Moved', rows: [['found']] }]);
  });

  it('follows workbook.xml for sheet order, not part names, and skips chart sheets', async () => {
    const file = await handMade('order.xlsx', {
      'xl/workbook.xml': workbookXml([['Second part first', 'rId2'], ['Chart', 'rId3'], ['First part', 'rId1']]),
      'xl/_rels/workbook.xml.rels': rels([
        ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
        ['rId2', 'worksheet', 'worksheets/sheet2.xml'],
        ['rId3', 'chartsheet', 'chartsheets/sheet1.xml'],
      ]),
      'xl/worksheets/sheet1.xml': sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'),
      'xl/worksheets/sheet2.xml': sheetXml('<row r="1"><c r="A1"><v>2</v></c></row>'),
      'xl/chartsheets/sheet1.xml': `${HEAD}<chartsheet xmlns="${MAIN}"/>`,
    });
    expect(await readOk(file)).toEqual([
      { name: 'Second part first', rows: [[2]] },
      { name: 'First part', rows: [[1]] },
    ]);
  });

  it('reads ISO date cells (t="d"), skips empty styled cells and uncalculated formulas, strips a BOM', async () => {
    const file = await handMade('misc.xlsx', {
      'xl/worksheets/sheet1.xml':
        '\uFEFF' +
        sheetXml(
          '<row r="1"><c r="A1" t="d"><v>2024-03-15T00:00:00Z</v></c><c r="B1" t="d"><v>2024-03-15T08:30:00</v></c>' +
            '<c r="C1" s="3"/><c r="D1"><f>A1+1</f></c><c r="E1" t="n"><v>1E3</v></c><c r="F1" t="b"><v>0</v></c></row>',
        ),
    });
    expect((await readOk(file))[0]?.rows).toEqual([['2024-03-15', '2024-03-15T08:30:00', null, null, 1000, false]]);
  });

  it('gives an empty grid for a worksheet without sheetData, and no grids for a workbook without sheets', async () => {
    const noData = await handMade('no-data.xlsx', { 'xl/worksheets/sheet1.xml': `${HEAD}<worksheet xmlns="${MAIN}"/>` });
    expect(await readOk(noData)).toEqual([{ name: 'S', rows: [] }]);
    const noSheets = await handMade('no-sheets.xlsx', { 'xl/workbook.xml': workbookXml([]) });
    expect(await readOk(noSheets)).toEqual([]);
  });

  it('stops at </sheetData>: what follows (merges, validations, even broken XML) is never parsed', async () => {
    const file = await handMade('tail.xlsx', {
      'xl/worksheets/sheet1.xml': `${HEAD}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells><broken`,
    });
    expect(await readOk(file)).toEqual([{ name: 'S', rows: [[1]] }]);
  });

  it.each([
    ['a shared-string index past the table', sheetXml('<row r="1"><c r="A1" t="s"><v>5</v></c></row>'), 'shared-string-index'],
    ['a cell address that is not one', sheetXml('<row r="1"><c r="1A"><v>1</v></c></row>'), 'bad-cell-address'],
    ['a row past row 1,048,576', sheetXml('<row r="1048577"><c><v>1</v></c></row>'), 'beyond-sheet'],
    ['unclosed elements', `${HEAD}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v>`, 'invalid-xml'],
  ])('refuses %s as corrupt', async (_label, xml, reason) => {
    const file = await handMade(`corrupt-${reason}.xlsx`, { 'xl/worksheets/sheet1.xml': xml });
    const result = await readXlsx(file);
    expect(result.ok ? 'read' : result.error).toEqual({ code: 'corrupt', detail: expect.objectContaining({ reason }) });
  });

  it('refuses a shared string table longer than the cell limit', async () => {
    const file = await handMade('long-sst.xlsx', {
      'xl/_rels/workbook.xml.rels': rels([
        ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
        ['rId2', 'sharedStrings', 'sharedStrings.xml'],
      ]),
      'xl/sharedStrings.xml': `${HEAD}<sst xmlns="${MAIN}">${'<si><t>x</t></si>'.repeat(11)}</sst>`,
      'xl/worksheets/sheet1.xml': sheetXml(''),
    });
    const result = await readXlsx(file, { maxCells: 10 });
    expect(result.ok ? 'read' : result.error).toEqual({ code: 'too-many-cells', detail: { limitCells: 10, part: 'xl/sharedStrings.xml' } });
    expect((await readXlsx(file, { maxCells: 11 })).ok).toBe(true);
  });

  it('counts grid slots, not written cells, against the cell limit', async () => {
    const file = await handMade('slots.xlsx', { 'xl/worksheets/sheet1.xml': sheetXml('<row r="3"><c r="C3"><v>1</v></c></row>') });
    // 3 row entries + 3 cell entries.
    expect((await readXlsx(file, { maxCells: 6 })).ok).toBe(true);
    const refused = await readXlsx(file, { maxCells: 5 });
    expect(refused.ok ? 'read' : refused.error).toEqual({ code: 'too-many-cells', detail: { limitCells: 5, sheet: 'S' } });
  });

  it('refuses a sheet whose part is missing as corrupt, naming the sheet', async () => {
    const file = await handMade('missing-sheet.xlsx', {});
    const result = await readXlsx(file);
    expect(result.ok ? 'read' : result.error).toEqual({ code: 'corrupt', detail: { reason: 'missing-sheet-part', sheet: 'S' } });
  });
});
