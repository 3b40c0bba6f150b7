import { checkExcelRules, formulaProblem, refInSheet } from '../../fixtures/ooxml/excel-rules';
import { checkPackageRules } from '../../fixtures/ooxml/package-rules';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const STYLES = `<styleSheet ${NS}><cellXfs count="2"><xf/><xf/></cellXfs><dxfs count="1"><dxf/></dxfs></styleSheet>`;

function workbookWith(...names: string[]): string {
  return `<workbook ${NS}><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}"/>`).join('')}</sheets></workbook>`;
}

describe("Excel's rules that the schemas cannot state", () => {
  it('finds sheet names Excel would rename: too long, forbidden characters, apostrophes, History, repeats ignoring case', () => {
    const findings = checkExcelRules({
      workbook: { part: 'xl/workbook.xml', xml: workbookWith('a'.repeat(32), 'a/b', "'x", 'history', 'KPI', 'kpi', 'fine') },
      worksheets: [],
    });
    expect(findings.map((f) => f.message)).toEqual([
      `sheet name "${'a'.repeat(32)}" is longer than 31 characters`,
      'sheet name "a/b" contains one of []:*?/\\',
      `sheet name "'x" starts or ends with an apostrophe`,
      'sheet name "history" is the reserved name History',
      'sheet name "kpi" repeats another sheet’s name (Excel ignores case)',
    ]);
  });

  it('finds styles and dxfs that styles.xml does not have, and x14 rules that do not pair up', () => {
    const sheet =
      `<worksheet ${NS} xmlns:x14="urn:x14" xmlns:xm="urn:xm"><sheetData><row r="1"><c r="A1" s="1"/><c r="B1" s="2"/></row></sheetData>` +
      '<conditionalFormatting sqref="A1"><cfRule type="expression" dxfId="1" priority="1"><formula>TRUE</formula></cfRule>' +
      '<cfRule type="dataBar" priority="2"><extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}"><x14:id>{A}</x14:id></ext></extLst></cfRule></conditionalFormatting>' +
      '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}"><x14:conditionalFormattings><x14:conditionalFormatting>' +
      '<x14:cfRule type="dataBar" id="{B}"/><xm:sqref>A1:A2</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst></worksheet>';
    const findings = checkExcelRules({ styles: { part: 'xl/styles.xml', xml: STYLES }, worksheets: [{ part: 's.xml', xml: sheet }] });
    expect(findings.map((f) => f.message)).toEqual([
      'cell B1 uses style 2, but styles.xml has 2 cell formats',
      'conditional format rule 1 uses dxf 1, but styles.xml has 1',
      'a conditional format points at x14 rule {A}, which the sheet does not define',
      'x14 rule {B} extends no conditional format rule',
    ]);
  });

  it('finds formulas over 8192 characters or with more than 255 arguments to one function', () => {
    expect(formulaProblem(`OR(${Array.from({ length: 255 }, () => 'A1=1').join(',')})`)).toBeUndefined();
    expect(formulaProblem(`OR(${Array.from({ length: 256 }, () => 'A1=1').join(',')})`)).toMatch(/256 arguments/);
    // Commas inside a string literal (with an escaped quote) are not arguments.
    expect(formulaProblem(`AND(A1="${','.repeat(300)}""",B1)`)).toBeUndefined();
    expect(formulaProblem('A1&'.repeat(3000))).toMatch(/more than 8192/);
  });

  it('accepts references within the grid only', () => {
    expect(refInSheet('A1:XFD1048576 $B$2')).toBe(true);
    expect(refInSheet('A1:XFE1')).toBe(false);
    expect(refInSheet('A0')).toBe(false);
    expect(refInSheet('A1:B1048577')).toBe(false);
    expect(refInSheet('A1:B2:C3')).toBe(false);
  });

  it('finds relationships that point at no part, and relationship ids a part uses but does not declare', () => {
    const rels = (items: string) => Buffer.from(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`);
    const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const parts = new Map<string, Buffer>([
      ['_rels/.rels', rels('<Relationship Id="rId1" Type="t" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="t" Target="https://example.com" TargetMode="External"/>')],
      ['xl/workbook.xml', Buffer.from(`<workbook ${NS} ${R}><sheets><sheet name="a" sheetId="1" r:id="rId1"/><sheet name="b" sheetId="2" r:id="rId9"/></sheets></workbook>`)],
      ['xl/_rels/workbook.xml.rels', rels('<Relationship Id="rId1" Type="t" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="t" Target="/xl/styles.xml"/>')],
      ['xl/worksheets/sheet1.xml', Buffer.from(`<worksheet ${NS} xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><drawing rel:id="rId1"/></worksheet>`)],
    ]);
    expect(checkPackageRules(parts)).toEqual([
      { part: 'xl/_rels/workbook.xml.rels', message: 'relationship rId2 points at xl/styles.xml, which the package does not hold' },
      { part: 'xl/workbook.xml', message: 'uses relationship rId9, which xl/_rels/workbook.xml.rels does not declare' },
      { part: 'xl/worksheets/sheet1.xml', message: 'uses relationship rId1, which xl/worksheets/_rels/sheet1.xml.rels does not declare' },
    ]);
  });
});
