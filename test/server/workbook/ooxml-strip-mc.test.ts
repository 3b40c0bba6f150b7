import { stripMarkupCompatibility } from '../../fixtures/ooxml/strip-markup-compatibility';

const MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const X14AC = 'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"';
const X14 = 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"';
const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The stripped XML without its declaration, for short expectations. */
function strip(xml: string): string {
  return stripMarkupCompatibility(xml).xml.replace('<?xml version="1.0" encoding="UTF-8"?>', '');
}

describe('stripMarkupCompatibility (what a consumer that understands no ignorable namespace reads)', () => {
  it('drops attributes of ignorable namespaces and mc:Ignorable itself, keeping every other attribute', () => {
    const xml = `<?xml version="1.0" standalone="yes"?><worksheet ${MAIN} ${R} ${MC} ${X14AC} mc:Ignorable="x14ac"><row r="1" x14ac:dyDescent="0.25"><c r:id="rId1" s="1"/></row></worksheet>`;
    expect(strip(xml)).toBe(`<worksheet ${MAIN} ${R} ${MC} ${X14AC}><row r="1"><c r:id="rId1" s="1"></c></row></worksheet>`);
  });

  it('drops elements of ignorable namespaces with everything inside them', () => {
    const xml = `<a ${MAIN} ${MC} ${X14AC} mc:Ignorable="x14ac"><x14ac:extra><b/>text</x14ac:extra><b>kept</b></a>`;
    expect(strip(xml)).toBe(`<a ${MAIN} ${MC} ${X14AC}><b>kept</b></a>`);
  });

  it('keeps other namespaces, extLst content included, when they are not declared ignorable', () => {
    const xml = `<a ${MAIN} ${MC} ${X14AC} mc:Ignorable="x14ac"><extLst><ext uri="{X}" ${X14}><x14:id>{1}</x14:id></ext></extLst></a>`;
    expect(strip(xml)).toBe(`<a ${MAIN} ${MC} ${X14AC}><extLst><ext uri="{X}" ${X14}><x14:id>{1}</x14:id></ext></extLst></a>`);
  });

  it('applies mc:Ignorable to the element that declares it and its descendants only', () => {
    const xml = `<a ${MAIN} ${MC} ${X14AC}><b x14ac:v="1"/><c mc:Ignorable="x14ac" x14ac:v="2"><d x14ac:v="3"/></c><e x14ac:v="4"/></a>`;
    expect(strip(xml)).toBe(`<a ${MAIN} ${MC} ${X14AC}><b x14ac:v="1"></b><c><d></d></c><e x14ac:v="4"></e></a>`);
  });

  it('resolves ignorable prefixes to namespaces: another prefix bound to the same namespace goes too', () => {
    const xml = `<a ${MAIN} ${MC} ${X14AC} xmlns:other="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac"><b other:v="1"/></a>`;
    expect(strip(xml)).toContain('<b></b>');
  });

  it('replaces mc:AlternateContent by the children of its mc:Fallback, which keep the wrapper’s declarations', () => {
    const xml =
      `<a ${MAIN} ${MC}><mc:AlternateContent xmlns:x="urn:x" xmlns:y="urn:y">` +
      '<mc:Choice Requires="x"><x:new/></mc:Choice>' +
      '<mc:Fallback><y:old v="1"><y:inner/></y:old><plain/></mc:Fallback>' +
      '</mc:AlternateContent><after/></a>';
    expect(strip(xml)).toBe(
      `<a ${MAIN} ${MC}><y:old xmlns:x="urn:x" xmlns:y="urn:y" v="1"><y:inner></y:inner></y:old><plain xmlns:x="urn:x" xmlns:y="urn:y"></plain><after></after></a>`,
    );
  });

  it('removes mc:AlternateContent without a fallback entirely', () => {
    expect(strip(`<a ${MC}><mc:AlternateContent><mc:Choice Requires="x">t<b/></mc:Choice></mc:AlternateContent></a>`)).toBe(`<a ${MC}></a>`);
  });

  it('re-escapes text and attribute values so that they read back the same', () => {
    const xml = `<a v="&quot;x&quot; &amp; &lt;y&gt;&#10;z">1 &lt; 2 &amp;&amp; 3 &gt; 2<![CDATA[<raw>]]></a>`;
    expect(strip(xml)).toBe('<a v="&quot;x&quot; &amp; &lt;y&gt;&#10;z">1 &lt; 2 &amp;&amp; 3 &gt; 2&lt;raw&gt;</a>');
  });

  it('is idempotent and reports the root element by namespace', () => {
    const xml = `<worksheet ${MAIN} ${MC} ${X14AC} mc:Ignorable="x14ac"><row x14ac:dyDescent="0.25"/></worksheet>`;
    const once = stripMarkupCompatibility(xml);
    expect(stripMarkupCompatibility(once.xml).xml).toBe(once.xml);
    expect(once.root).toEqual({ namespace: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main', localName: 'worksheet' });
  });

  it('refuses malformed XML and an undeclared prefix in mc:Ignorable (bugs in the writer)', () => {
    expect(() => stripMarkupCompatibility('<a><b></a>')).toThrow();
    expect(() => stripMarkupCompatibility(`<a ${MC} mc:Ignorable="nope"/>`)).toThrow(/nope/);
  });
});
