import fc from 'fast-check';
import { RefusalSignal } from '../../../server/workbook/xlsx/read-refusal';
import { saxesSharedStringsBytes, scanSharedStringsBytes } from '../../../server/workbook/xlsx/shared-strings';
import { parseSimpleNumber, saxesSheetBytes, scanSheetBytes } from '../../../server/workbook/xlsx/sheet-scan';
import { MAIN, HEAD, sheet, context, fastOutcome, saxesOutcome, bytes, splitAt, type Outcome } from './sheet-scan-harness';

// The fast worksheet scanner (xml-scan.ts + sheet-scan.ts) against the saxes path it replaces:
// for every construct, at every chunk boundary, and on random workbooks written by exceljs, the
// same grid or the same refusal — and for what it does not handle, no grid at all ('fallback':
// the reader then reads the part with saxes).

describe('the fast scanner reads what saxes reads', () => {
  it.each([
    ['shared strings and numbers', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c></row>', [['zero', 42]]],
    ['attributes in any order, either quote', `<row r="1"><c t='s' r='A1'><v>1</v></c><c s="1" t="n" r="B1"><v>45366</v></c></row>`, [['one', '2024-03-15']]],
    ['whitespace inside tags', '<row  r = "1" ><c\nr="A1"\tt="s" ><v >2</v ></c ></row >', [['two']]],
    ['self-closing cells and rows', '<row r="1"><c r="A1"/><c r="B1" s="1"/><c r="C1"><v>3</v></c></row><row r="3"/><row/><c r="B5"><v>5</v></c>', [[null, null, 3], [], [], [], [null, 5]]],
    ['implicit addresses', '<row><c><v>1</v></c><c><v>2</v></c></row><row r="4"><c r="B4"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>', [[1, 2], [], [], [null, 3, 4], [5]]],
    ['predefined entities', '<row r="1"><c r="A1" t="str"><v>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</v></c></row>', [['a & b <c> "d" \'e\'']]],
    ['character references', '<row r="1"><c r="A1" t="str"><v>&#65;&#x42;&#x1F600;&#x00e9;&#xE9;</v></c></row>', [['AB😀éé']]],
    ['references in attributes', '<row r="&#49;"><c r="&#65;1" t="&#115;"><v>1</v></c><c r="B&#x31;" s="&#49;"><v>1</v></c></row>', [['one', '1900-01-01']]],
    ['entities where the number is', '<row r="1"><c r="A1"><v>&#52;2</v></c><c r="B1" t="s"><v>&#50;</v></c></row>', [[42, 'two']]],
    ['inline strings, rich runs, phonetic runs dropped', '<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/><sz val="11"/></rPr><t>東</t></r><r><t>京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></is></c></row>', [['東京']]],
    ['xml:space and surrounding whitespace kept', '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">  two  words \n</t></is></c></row>', [['  two  words \n']]],
    ['CDATA in inline text and in a value', '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<not a tag> & co]]></t></is></c><c r="B1"><v><![CDATA[12]]></v></c><c r="C1" t="str"><v>a<![CDATA[]]>b<![CDATA[&amp;]]></v></c></row>', [['<not a tag> & co', 12, 'ab&amp;']]],
    ['formulas skipped, cached results read', '<row r="1"><c r="A1"><f>SUM(B1:C1)&amp;"x"</f><v>3</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0"/><v>1</v></c><c r="C1"><f>A1</f></c><c r="D1" t="str"><f>"&lt;"</f><v>&lt;</v></c></row>', [[3, 1, null, '<']]],
    ['namespace prefixes', '', [['one', 7]]],
    ['comments anywhere', '<!-- before --><row r="1"><!-- in a row --><c r="A1"><v>1<!-- in a value -->2</v></c><c r="B1" t="inlineStr"><is><t>a<!---->b</t></is></c></row><!-- after -->', [[12, 'ab']]],
    ['line ends: CR LF and CR read as LF, references kept', '<row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb\rc&#13;&#10;d</t></is></c><c r="B1" s="2\r\n"><v>1</v></c></row>', [['a\nb\nc\r\nd', '100%']]],
    ['tabs and newlines in attribute values', '<row r="1"><c r="A1" t="s\t"><v>1</v></c><c r="B1" s="\t0 "><v>2</v></c></row>', [[1, 2]]],
    ['booleans, errors, ISO dates', '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="b"><v> TRUE </v></c><c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="d"><v>2024-03-15T08:30:00Z</v></c><c r="F1" t="b"/></row>', [[true, false, true, '#N/A', '2024-03-15T08:30:00']]],
    ['dates and percents by style', '<row r="1"><c r="A1" s="1"><v>45366.354166666664</v></c><c r="B1" s="2"><v>0.035</v></c><c r="C1" s="1"><v>-1</v></c><c r="D1" s="9"><v>5</v></c></row>', [['2024-03-15T08:30:00', '3.5%', -1, 5]]],
    ['numbers in every shape', '<row r="1"><c r="A1"><v>-12</v></c><c r="B1"><v>1E3</v></c><c r="C1"><v> 7 </v></c><c r="D1"><v>007</v></c><c r="E1"><v>.5</v></c><c r="F1"><v>5.</v></c><c r="G1"><v>-0</v></c><c r="H1"><v>12345678901234567890</v></c><c r="I1"><v>0.1</v></c><c r="J1"><v>123456789012.345</v></c><c r="K1"><v>1e400</v></c><c r="L1"><v>abc</v></c><c r="M1"><v></v></c><c r="N1"><v/></c><c r="O1"><v>   </v></c><c r="P1"><v>+3</v></c><c r="Q1"><v>0x1A</v></c></row>', [[-12, 1000, 7, 7, 0.5, 5, -0, 12345678901234567000, 0.1, 123456789012.345, '1e400', 'abc', null, null, null, 3, 26]]],
    ['shared-string indexes in every shape', '<row r="1"><c r="A1" t="s"><v> 1 </v></c><c r="B1" t="s"><v>01</v></c><c r="C1" t="s"><v>2.0</v></c><c r="D1" t="s"><v></v></c><c r="E1" t="s"/></row>', [['one', 'one', 'two', 'zero']]],
    ['text types: str, inlineStr with <v>, _xHHHH_ escapes', '<row r="1"><c r="A1" t="str"><v></v></c><c r="B1" t="inlineStr"><v>plain_x000D_</v></c><c r="C1" t="inlineStr"><is><t>a_x000D_b</t></is></c><c r="D1" t="str"><v>_x005F_x000D_</v></c></row>', [['', 'plain\r', 'a\rb', '_x000D_']]],
    ['non-ASCII text and attribute values', '<row r="1"><c r="A1" t="inlineStr"><is><t>销售额 ≥3% 😀 é</t></is></c><c r="B1" t="str" cm="é"><v>部门1</v></c></row>', [['销售额 ≥3% 😀 é', '部门1']]],
    ['unknown elements and attributes ignored', '<row r="1" spans="1:2" x14ac:dyDescent="0.25" xmlns:x14ac="urn:x"><c r="A1" vm="1"><extLst><ext uri="{x}"><y a="1"/></ext></extLst><v>8</v></c></row><extLst/>', [[8]]],
    ['a cell inside a cell: the inner one wins, as with saxes', '<row r="1"><c r="A1"><v>1</v><c r="B1"><v>2</v></c><v>3</v></c></row>', [[null, 2]]],
  ])('%s', async (_label, data, expected) => {
    const xml =
      _label === 'namespace prefixes'
        ? `${HEAD}<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>1</x:v></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`
        : sheet(data);
    const doc = bytes(xml);
    const fast = fastOutcome([doc], 1e8);
    expect(fast).not.toBe('fallback');
    expect(fast).toEqual(await saxesOutcome([doc], 1e8));
    expect(fast).toEqual({ rows: expected });
  });

  it('reads a cell at the sheet’s last row and column', async () => {
    const doc = bytes(sheet('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'));
    const fast = scanSheetBytes([doc], context(1e8));
    const slow = await saxesSheetBytes([doc], context(1e8));
    if (fast === 'fallback') throw new Error('fallback');
    expect(fast.length).toBe(1_048_576);
    expect(fast.slice(0, -1).every((row) => row.length === 0)).toBe(true);
    expect(fast.at(-1)?.length).toBe(16_384);
    expect(fast.at(-1)?.at(-1)).toBe(1);
    expect(slow.length).toBe(fast.length);
    expect(slow.at(-1)).toEqual(fast.at(-1));
  });

  it.each([
    ['no XML declaration', sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '')],
    ['a BOM', `\uFEFF${sheet('<row r="1"><c r="A1"><v>1</v></c></row>')}`],
    ['a declaration in single quotes, with spaces', sheet('<row r="1"><c r="A1"><v>1</v></c></row>', "<?xml version = '1.0' encoding='utf-8' ?>\r\n")],
    ['a declaration without encoding', sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<?xml version="1.0"?>')],
    ['comments and whitespace before the root', sheet('<row r="1"><c r="A1"><v>1</v></c></row>', `${HEAD}<!-- made by hand -->\n\t`)],
    ['a worksheet without sheetData', `${HEAD}<worksheet xmlns="${MAIN}"><dimension ref="A1"/></worksheet>\n<!-- end -->\n`],
    ['an empty worksheet element', `${HEAD}<worksheet/>`],
    ['a second sheetData (ignored)', `${HEAD}<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><sheetData><row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>`],
    ['sheetData not first', `${HEAD}<worksheet><sheetPr><tabColor rgb="FF00B050"/></sheetPr><dimension ref="A1"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="9.140625"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`],
    ['broken XML after </sheetData> (never read)', `${sheet('<row r="1"><c r="A1"><v>1</v></c></row>').replace('</worksheet>', '')}<mergeCells><mergeCell ref="A1:B1"/></mergeCells><broken`],
  ])('the document around the data: %s', async (_label, xml) => {
    const doc = bytes(xml);
    const fast = fastOutcome([doc]);
    expect(fast).not.toBe('fallback');
    expect(fast).toEqual(await saxesOutcome([doc]));
  });

  it.each([
    ['a cell address that is not one', '<row r="1"><c r="1A"><v>1</v></c></row>'],
    ['a cell address past column XFD', '<row r="1"><c r="XFE1"><v>1</v></c></row>'],
    ['a cell address with a newline', '<row r="1"><c r="A1&#10;"><v>1</v></c></row>'],
    ['a row past 1,048,576', '<row r="1048577"><c><v>1</v></c></row>'],
    ['row 0', '<row r="0"><c><v>1</v></c></row>'],
    ['a row number with a decimal point', '<row r="1.5"><c><v>1</v></c></row>'],
    ['a row number in a reference', '<row r="&#49;x"><c><v>1</v></c></row>'],
    ['a shared-string index past the table', '<row r="1"><c r="A1" t="s"><v>3</v></c></row>'],
    ['a negative shared-string index', '<row r="1"><c r="A1" t="s"><v>-1</v></c></row>'],
    ['a fractional shared-string index', '<row r="1"><c r="A1" t="s"><v>1.5</v></c></row>'],
    ['too many cells', '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row>'],
  ])('refuses %s as saxes does', async (_label, data) => {
    const doc = bytes(sheet(data));
    const fast = fastOutcome([doc], 3);
    expect(fast).toHaveProperty('refused');
    expect(fast).toEqual(await saxesOutcome([doc], 3));
  });

  it.each([
    ['a DOCTYPE', `${HEAD}<!DOCTYPE worksheet><worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`],
    ['a DOCTYPE declaring entities', `${HEAD}<!DOCTYPE worksheet [<!ENTITY x "1">]><worksheet><sheetData><row r="1"><c r="A1"><v>&x;</v></c></row></sheetData></worksheet>`],
    ['a processing instruction in the data', sheet('<row r="1"><?pi data?><c r="A1"><v>1</v></c></row>')],
    ['a processing instruction before the root', sheet('<row r="1"><c r="A1"><v>1</v></c></row>', `${HEAD}<?xml-stylesheet href="a"?>`)],
    ['an XML 1.1 declaration', sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<?xml version="1.1"?>')],
    ['a malformed declaration', sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<?xml encoding="UTF-8" version="1.0"?>')],
    ['whitespace before the declaration', sheet('<row r="1"><c r="A1"><v>1</v></c></row>', ` ${HEAD}`)],
    ['a non-ASCII element name', sheet('<row r="1"><c r="A1"><v>1</v><é/></c></row>')],
    ['an undefined entity', sheet('<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>')],
    ['an undefined entity in ignored text', sheet('<row r="1"><c r="A1"><f>&nbsp;</f><v>1</v></c></row>')],
    ['an undefined entity in an ignored attribute', sheet('<row r="1" x="&nbsp;"><c r="A1"><v>1</v></c></row>')],
    ['an entity without a semicolon', sheet('<row r="1"><c r="A1" t="str"><v>a & b</v></c></row>')],
    ['an uppercase hex reference', sheet('<row r="1"><c r="A1" t="str"><v>&#X41;</v></c></row>')],
    ['a reference to a character XML forbids', sheet('<row r="1"><c r="A1" t="str"><v>&#0;</v></c></row>')],
    ['a reference past U+10FFFF', sheet('<row r="1"><c r="A1" t="str"><v>&#x110000;</v></c></row>')],
    ['a control character', sheet('<row r="1"><c r="A1" t="str"><v>a\u0001b</v></c></row>')],
    ['U+FFFE', sheet('<row r="1"><c r="A1" t="str"><v>a\uFFFEb</v></c></row>')],
    ['"]]>" in text', sheet('<row r="1"><c r="A1" t="str"><v>a]]>b</v></c></row>')],
    ['mismatched tags', sheet('<row r="1"><c r="A1"><v>1</v></c></rowx>')],
    ['an end tag with nothing open', `${HEAD}</x><worksheet/>`],
    ['unclosed elements', `${HEAD}<worksheet><sheetData><row r="1"><c r="A1"><v>1</v>`],
    ['a truncated tag', `${HEAD}<worksheet><sheetData><row r="1"><c r="A1`],
    ['an empty document', ''],
    ['text before the root', `${HEAD}oops<worksheet><sheetData/></worksheet>`],
    ['text after the root', `${HEAD}<worksheet/>oops`],
    ['a second root', `${HEAD}<worksheet/><worksheet/>`],
    ['CDATA outside the root', `${HEAD}<worksheet/><![CDATA[x]]>`],
    ['"<" in an attribute value', sheet('<row r="1"><c r="A<1"><v>1</v></c></row>')],
    ['an unquoted attribute', sheet('<row r=1><c r="A1"><v>1</v></c></row>')],
    ['attributes without whitespace between them', sheet('<row r="1"><c r="A1"t="s"><v>1</v></c></row>')],
    ['an attribute without a value', sheet('<row r="1"><c r="A1" hidden><v>1</v></c></row>')],
    ['a duplicate attribute', sheet('<row r="1"><c r="A1" r="B1"><v>1</v></c></row>')],
    ['"--" inside a comment', sheet('<row r="1"><!-- a -- b --><c r="A1"><v>1</v></c></row>')],
    ['a comment ending in "--->"', sheet('<row r="1"><!-- a ---><c r="A1"><v>1</v></c></row>')],
    ['"<!" that is not a comment or CDATA', sheet('<row r="1"><!ELEMENT x><c r="A1"><v>1</v></c></row>')],
    ['"< " in text', sheet('<row r="1"><c r="A1"><v>1 < 2</v></c></row>')],
    ['UTF-16', null],
  ])('leaves %s to saxes', async (_label, xml) => {
    const doc = xml === null ? Buffer.from(`\uFEFF${sheet('<row r="1"><c r="A1"><v>1</v></c></row>')}`, 'utf16le') : bytes(xml);
    expect(fastOutcome([doc])).toBe('fallback');
  });

  it('stops a token from growing without end: past 1 MiB it is left to saxes', () => {
    const head = bytes(`${HEAD}<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`);
    const chunks = [head, ...Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024, 0x30))];
    expect(fastOutcome(chunks)).toBe('fallback');
  });
});

// --- chunk boundaries -------------------------------------------------------------------------

/** One document with every construct the scanner handles, for splitting. */
const EVERYTHING = [
  '\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n',
  `<worksheet xmlns="${MAIN}" xmlns:x14ac="urn:x14ac"><dimension ref="A1:H9"/><!-- 注释 -->\n<sheetData>\n`,
  `<row r="1" spans="1:8" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r='B1' s='1'><v>45366.5</v></c><c t="b" r="C1"><v>1</v></c><c r="D1" t="e"><v>#DIV/0!</v></c>`,
  `<c r="E1" t="str"><f>A1&amp;"x"</f><v>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#65;&#x42;&#x1F600;</v></c>`,
  `<c r="F1" t="inlineStr"><is><r><rPr><b/><sz val="11"/></rPr><t>東</t></r><r><t xml:space="preserve"> 京 😀 </t></r><rPh sb="0" eb="1"><t>トウ</t></rPh></is></c>`,
  `<c r="G1" t="inlineStr"><is><t><![CDATA[<not a tag> & co]]></t></is></c><c r="H1" s="2"><v>0.035</v></c></row>\n`,
  `<row r="3"/><row r="4" ><c r="B4" ><v>-12</v></c ><c><v>1E3</v></c><c/><c s="1"/><c><v>  7 </v></c></row >`,
  `<row><c><v>1<!-- split -->2</v></c><c t="inlineStr"><is><t>line1&#13;&#10;line2\r\nline3</t></is></c></row>`,
  `<x:row xmlns:x="${MAIN}"><x:c r="A6" t="s"><x:v>2</x:v></x:c></x:row>`,
  `<row r="7"><c r="A7" t="d"><v>2024-03-15T08:30:00Z</v></c><c r="B7"><v>12345678901234567890</v></c><c r="C7"><v>-0.5</v></c><c r="D7"><v>.5</v></c><c r="E7" t="n"><v>abc</v></c><c r="F7" t="s"><v> 1 </v></c><c r="G7"><v></v></c><c r="H7" t="str"><v/></c></row>`,
  `<row r="8"><c r="A8" s="\t1"><extLst><ext uri="x"><y/></ext></extLst><v>8</v></c><c r="B8" t="str"><v>部门1 ≥3%</v></c></row>`,
  `<row r="9"><c r="A9" t="inlineStr"><is><t>_x000D_ esc</t></is></c></row>\n`,
  '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><broken',
].join('');

describe('chunk boundaries', () => {
  const doc = bytes(EVERYTHING);
  let expected: Outcome;
  beforeAll(async () => {
    expected = await saxesOutcome([doc]);
  });

  it('the sample reads the same in one piece', () => {
    expect(expected).toHaveProperty('rows');
    expect(fastOutcome([doc])).toEqual(expected);
  });

  it('the sample reads the same split in two at every byte', () => {
    const differences: number[] = [];
    for (let at = 0; at <= doc.length; at++) {
      if (JSON.stringify(fastOutcome(splitAt(doc, at))) !== JSON.stringify(expected)) differences.push(at);
    }
    expect(differences).toEqual([]);
  });

  it('the sample reads the same split in three at random bytes, and byte by byte', () => {
    fc.assert(
      fc.property(fc.nat({ max: doc.length }), fc.nat({ max: doc.length }), (a, b) => {
        expect(fastOutcome(splitAt(doc, a, b))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    const bytewise = Array.from({ length: doc.length }, (_, i) => doc.subarray(i, i + 1));
    expect(fastOutcome(bytewise)).toEqual(expected);
  });

  it('saxes reads the sample the same at every split too (the reference is stable)', async () => {
    for (let at = 0; at <= doc.length; at += 97) {
      expect(await saxesOutcome(splitAt(doc, at))).toEqual(expected);
    }
  });

  it('text in every script and invalid UTF-8 decode as the stream decoder decodes them, wherever split', async () => {
    const cell = (ref: string, text: Buffer): Buffer =>
      Buffer.concat([bytes(`<c r="${ref}" t="inlineStr"><is><t>`), text, bytes('</t></is></c>')]);
    const doc = Buffer.concat([
      bytes(`${HEAD}<worksheet><sheetData><row r="1">`),
      cell('A1', bytes('ascii only, long enough to be sliced')),
      cell('B1', bytes('東京 ≥3% é 😀👍🏽 mixed')),
      cell('C1', Buffer.from([0x61, 0x80, 0x62])), // a lone continuation byte
      cell('D1', Buffer.from([0xe4, 0xb8])), // a character cut short before "<"
      cell('E1', Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80])), // never UTF-8; an overlong "/"; a surrogate
      cell('F1', Buffer.from([0xf0, 0x9f, 0x98, 0x80, 0xf0, 0x9f, 0x98])), // 😀 and a cut one
      bytes('<c r="G1" t="str" x="東&amp;"><v>after &amp; 東</v></c></row></sheetData></worksheet>'),
    ]);
    const expected = await saxesOutcome([doc]);
    expect(expected).toHaveProperty('rows');
    for (let at = 0; at <= doc.length; at++) expect(fastOutcome(splitAt(doc, at))).toEqual(expected);
  });

  it('a malformed document is left to saxes wherever it is split', () => {
    const broken = bytes(EVERYTHING.replace('<v>8</v>', '<v>8</w>'));
    for (let at = 0; at <= broken.length; at += 7) expect(fastOutcome(splitAt(broken, at))).toBe('fallback');
  });
});

describe('damaged documents', () => {
  // Random edits of the sample (markup characters, references, CDATA and comment delimiters,
  // control and non-characters, a BOM) split at a random byte: whatever the scanner makes of
  // it is saxes's grid or refusal, or it leaves the document to saxes — never another grid.
  const edit = fc.constantFrom(
    '<', '>', '/', '&', ';', '#', 'x', '"', "'", '=', ' ', '\r', '\n', '\t', ']', '[', '!', '-', '?', 'c', 'v', 'r', 't', 's', '1', 'A', ':',
    '\u0001', 'é', '東', '\uFFFE', '\uFEFF', '&amp;', '&#65;', '<v>', '</v>', '<c>', '</c>', '<!--', '-->', '<![CDATA[', ']]>', 'row', 'is',
  );
  const doc = bytes(EVERYTHING);

  it('read as saxes reads them, or are left to saxes', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: doc.length }), fc.nat({ max: 3 }), edit), { minLength: 1, maxLength: 3 }),
        fc.nat({ max: doc.length }),
        async (edits, cut) => {
          let damaged = doc;
          for (const [at, remove, insert] of edits) {
            damaged = Buffer.concat([damaged.subarray(0, at), bytes(insert), damaged.subarray(Math.min(damaged.length, at + remove))]);
          }
          const fast = fastOutcome(splitAt(damaged, Math.min(cut, damaged.length)));
          if (fast === 'fallback') return;
          compared++;
          expect(fast).toEqual(await saxesOutcome([damaged]));
        },
      ),
      { numRuns: 3000 },
    );
    // Most single edits of markup break it, but enough do not for the comparison to mean something.
    expect(compared).toBeGreaterThan(200);
  });
});

describe('shared strings', () => {
  const table = bytes(
    `${HEAD}<sst xmlns="${MAIN}" count="5" uniqueCount="5"><si><t>plain</t></si><si><r><rPr><b/></rPr><t>rich</t></r><r><t xml:space="preserve"> runs </t></r></si>` +
      `<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si><si><t>a &amp; b_x000D_&#13;\r\nc</t></si><si><t/></si><si><t><![CDATA[<x>]]></t></si></sst>`,
  );

  it('reads a table the way saxes does, split anywhere', async () => {
    const expected = await saxesSharedStringsBytes([table]);
    expect(expected).toEqual(['plain', 'rich runs ', '漢字', 'a & b\r\r\nc', '', '<x>']);
    for (let at = 0; at <= table.length; at++) expect(scanSharedStringsBytes(splitAt(table, at))).toEqual(expected);
  });

  it('refuses a table longer than the cell limit as saxes does', async () => {
    const refusal = async (read: () => unknown): Promise<unknown> => {
      try {
        await read();
        return 'read';
      } catch (e) {
        return e instanceof RefusalSignal ? e.refusal : e;
      }
    };
    const fast = await refusal(() => scanSharedStringsBytes([table], 3));
    expect(fast).toEqual({ code: 'too-many-cells', detail: { limitCells: 3, part: 'sharedStrings.xml' } });
    expect(await refusal(() => saxesSharedStringsBytes([table], 3))).toEqual(fast);
  });

  it('leaves a DOCTYPE to saxes', () => {
    expect(scanSharedStringsBytes([bytes(`${HEAD}<!DOCTYPE sst><sst><si><t>x</t></si></sst>`)])).toBe('fallback');
  });
});

describe('numbers without strings', () => {
  it('agrees with Number() on every decimal it accepts', () => {
    const text = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => String(n)),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((n) => n.toFixed(6)),
      fc.integer().map(String),
      fc.stringMatching(/^-?[0-9]{0,17}(\.[0-9]{0,17})?$/),
    );
    fc.assert(
      fc.property(text, (s) => {
        const parsed = parseSimpleNumber(bytes(s), 0, s.length);
        if (!Number.isNaN(parsed)) expect(Object.is(parsed, Number(s))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

// --- end to end: packages -------------------------------------------------------------------

