import { prng } from '../bench/random-plan';
import { buildZip, readZip, type ZipEntrySpec } from '../fixtures/zip-writer';

/**
 * Mutated workbooks for the reader's fuzz (`npm run fuzz`, and a bounded run in the suite): a
 * seed workbook with one of its XML parts — mostly the worksheet, also the shared strings,
 * styles, workbook and relationships — damaged by a few random edits: bytes flipped, dropped,
 * repeated or cut; markup, references, numbers, addresses and attribute values that readers
 * get wrong put in at random places. Deterministic for a seed, so any finding can be made again
 * from its seed and index.
 */

/** What gets put in: the markup and values XML and SpreadsheetML readers trip on. */
const FRAGMENTS = [
  '<', '>', '/', '&', ';', '"', "'", '=', ' ', '\r', '\n', '\u0000', '\u0001', '\uFFFE', '\uFEFF', '\uD800', 'é', '東',
  '&amp;', '&lt;', '&#0;', '&#x1F600;', '&#xD800;', '&#99999999;', '&nbsp;', '&a;',
  '<![CDATA[', ']]>', '<!--', '-->', '<?pi x?>', '<?xml version="1.0"?>', '<!DOCTYPE x>', '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', '<!ENTITY',
  '<c>', '</c>', '<c r="A1">', '<c r="XFD1048576">', '<c r="XFE1">', '<c r="A0">', '<c r="1A">', '<c r="$A$1">', '<c r="a1">',
  '<row>', '</row>', '<row r="0">', '<row r="1048576">', '<row r="1048577">', '<row r="4294967296">', '<row r="-1">', '<row r="1.5">',
  '<v>', '</v>', '<v/>', '<v>1e308</v>', '<v>1e309</v>', '<v>-0</v>', '<v>NaN</v>', '<v>0x1F</v>', '<v> 12 </v>', '<v>99999999999999999999</v>',
  '<is>', '</is>', '<t>', '</t>', '<t xml:space="preserve"> </t>', '<r><t>run</t></r>', '<rPh><t>ルビ</t></rPh>', '<f>SUM(A1:A2)</f>', '<f t="shared" si="0"/>',
  ' t="s"', ' t="str"', ' t="inlineStr"', ' t="b"', ' t="e"', ' t="d"', ' t="n"', ' t="x"', ' s="0"', ' s="1"', ' s="-1"', ' s="4294967296"', ' s="1e3"',
  ' r="A1"', ' r=""', ' r="B2" r="C3"', ' xmlns:x="urn:x"', 'x:', '<x:c r="A1"><x:v>1</x:v></x:c>',
  '<sheetData>', '</sheetData>', '<sheetData/>', '<worksheet>', '</worksheet>', '<si>', '</si>', '<si><t>s</t></si>', '<numFmt numFmtId="164" formatCode="yyyy"/>',
  '<xf numFmtId="14"/>', '<xf numFmtId="9"/>', '<xf numFmtId="999999"/>', '<cellXfs>', '</cellXfs>', '<workbookPr date1904="1"/>',
  '<sheet name="S" sheetId="1" r:id="rId1"/>', '<sheet name="" r:id="rId99"/>', 'Target="../../../etc/passwd"', 'Target="/xl/worksheets/sheet1.xml"',
  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"', 'TargetMode="External"',
];

/** Whole elements, well formed, that a reader may not expect where they land. */
const ELEMENTS = [
  '<c r="A1"><v>1</v></c>', '<c r="B2" t="s"><v>0</v></c>', '<c r="C3" t="s"><v>999999</v></c>', '<c t="inlineStr"><is><t>内联</t></is></c>',
  '<c r="D4" t="b"><v>1</v></c>', '<c r="E5" t="e"><v>#N/A</v></c>', '<c r="F6" t="d"><v>2024-03-15T08:30:00Z</v></c>', '<c r="G7" s="1"><v>45366.5</v></c>',
  '<c r="XFD1048576"><v>1</v></c>', '<c r="A1048577"><v>1</v></c>', '<c><f>1+1</f></c>', '<c r="H8" t="str"><f>A1</f><v>x</v></c>',
  '<row r="2"><c r="A2"><v>2</v></c></row>', '<row r="1"/>', '<row/>', '<row r="1048576"/>', '<row spans="1:3"><c><v>3</v></c></row>',
  '<si><t>新</t></si>', '<si><r><t>a</t></r><r><t>b</t></r></si>', '<si/>', '<numFmt numFmtId="200" formatCode="0.0%"/>', '<xf numFmtId="22"/>',
  '<sheetData/>', '<sheetData><row><c><v>1</v></c></row></sheetData>', '<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>',
  '<dataValidations><dataValidation sqref="A1:XFD1048576"/></dataValidations>', '<workbookPr date1904="true"/>', '<sheet name="额外" sheetId="9" r:id="rId9"/>',
  '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/missing.xml"/>',
];

/** Attribute values put in place of one that is there. */
const VALUES = ['', ' ', '0', '-1', '1', '01', '1.5', '1e3', 'NaN', 'A1', 'XFD1048576', 'XFE1048577', 'ZZZZZZZZ1', 's', 'str', 'inlineStr', 'b', 'e', 'd', 'n', '&amp;', '&#49;', '4294967296', '9'.repeat(40), 'é', '1:16384'];

type Edit = (part: Buffer, rnd: () => number) => Buffer;

const at = (part: Buffer, rnd: () => number): number => Math.floor(rnd() * (part.length + 1));
const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)] as T;
const splice = (part: Buffer, from: number, remove: number, insert: Buffer): Buffer =>
  Buffer.concat([part.subarray(0, from), insert, part.subarray(Math.min(part.length, from + remove))]);

const EDITS: readonly Edit[] = [
  // A byte set to anything (invalid UTF-8 included).
  (p, rnd) => (p.length === 0 ? p : splice(p, Math.floor(rnd() * p.length), 1, Buffer.from([Math.floor(rnd() * 256)]))),
  // A few bytes dropped.
  (p, rnd) => splice(p, at(p, rnd), 1 + Math.floor(rnd() * 8), Buffer.alloc(0)),
  // A fragment put in.
  (p, rnd) => splice(p, at(p, rnd), 0, Buffer.from(pick(FRAGMENTS, rnd), 'utf8')),
  // A fragment in place of a few bytes.
  (p, rnd) => splice(p, at(p, rnd), 1 + Math.floor(rnd() * 4), Buffer.from(pick(FRAGMENTS, rnd), 'utf8')),
  // An attribute's value replaced.
  (p, rnd) => {
    const text = p.toString('latin1');
    const spots = [...text.matchAll(/="[^"]*"/g)];
    if (spots.length === 0) return p;
    const spot = pick(spots, rnd);
    return splice(p, (spot.index ?? 0) + 2, spot[0].length - 3, Buffer.from(pick(VALUES, rnd), 'utf8'));
  },
  // A well-formed element put between two tags: the part still parses, the reader must cope.
  (p, rnd) => {
    const text = p.toString('latin1');
    const spots = [...text.matchAll(/>/g)];
    if (spots.length === 0) return p;
    return splice(p, (pick(spots, rnd).index ?? 0) + 1, 0, Buffer.from(pick(ELEMENTS, rnd), 'utf8'));
  },
  // The text of an element replaced (a value, a shared-string index, a date).
  (p, rnd) => {
    const text = p.toString('latin1');
    const spots = [...text.matchAll(/>([^<]+)</g)];
    if (spots.length === 0) return p;
    const spot = pick(spots, rnd);
    return splice(p, (spot.index ?? 0) + 1, (spot[1] ?? '').length, Buffer.from(pick(VALUES, rnd), 'utf8'));
  },
  // A span repeated (rows, cells, strings: more of them, or overlapping ones).
  (p, rnd) => {
    const from = at(p, rnd);
    const span = p.subarray(from, from + 1 + Math.floor(rnd() * 200));
    return splice(p, from, 0, Buffer.concat(Array.from({ length: 1 + Math.floor(rnd() * 20) }, () => span)));
  },
  // The end cut off.
  (p, rnd) => p.subarray(0, at(p, rnd)),
];

export interface SeedWorkbook {
  readonly name: string;
  readonly bytes: Buffer;
}

export interface Mutant {
  /** "seed-name #index: part, edits": enough to make it again. */
  readonly label: string;
  readonly bytes: Buffer;
  /** The mutated worksheet, when the worksheet is what was mutated (for the scanner/saxes check). */
  readonly sheetXml?: Buffer;
}

/** Parts worth damaging, most often the worksheets. */
function chooseParts(names: readonly string[], rnd: () => number): string {
  const sheets = names.filter((n) => /^xl\/worksheets\/[^/]+\.xml$/i.test(n));
  const others = names.filter((n) => /\.(xml|rels)$/i.test(n) && !sheets.includes(n));
  return rnd() < 0.7 && sheets.length > 0 ? pick(sheets, rnd) : pick(others.length > 0 ? others : names, rnd);
}

/** The `index`-th mutant of `seed` (same answer every time). */
export async function mutant(seeds: readonly SeedWorkbook[], seed: number, index: number): Promise<Mutant> {
  const rnd = prng(seed * 1_000_003 + index);
  const base = pick(seeds, rnd);
  const entries = await readZipBuffer(base.bytes);
  const part = chooseParts(entries.map((e) => e.name), rnd);
  const edits = 1 + Math.floor(rnd() * 4);
  let data = entries.find((e) => e.name === part)!.data;
  for (let k = 0; k < edits; k++) data = pick(EDITS, rnd)(data, rnd);
  const specs: ZipEntrySpec[] = entries.map((e) => ({ name: e.name, data: e.name === part ? data : e.data, store: rnd() < 0.1 }));
  return {
    label: `${base.name} #${index} (seed ${seed}): ${part}, ${edits} edit(s)`,
    bytes: buildZip(specs),
    ...(/^xl\/worksheets\//i.test(part) ? { sheetXml: data } : {}),
  };
}

const unzipped = new WeakMap<Buffer, Promise<{ name: string; data: Buffer }[]>>();

async function readZipBuffer(bytes: Buffer): Promise<{ name: string; data: Buffer }[]> {
  let entries = unzipped.get(bytes);
  if (!entries) {
    entries = readZip(bytes);
    unzipped.set(bytes, entries);
  }
  return entries;
}
