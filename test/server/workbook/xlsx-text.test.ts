import fc from 'fast-check';
import { MAX_CELL_CHARS, cellText, sheetName } from '../../../server/workbook/xlsx-text';

const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;

describe('cellText', () => {
  it('leaves ordinary text alone, formula-looking text included', () => {
    for (const text of ['毛利率', '=SUM(A1)', '+1', '-1', '@x', '\t=1', 'a\nb', '😀']) expect(cellText(text)).toBe(text);
  });

  it('never returns a character XML 1.0 forbids, nor a CR, nor more than Excel holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const out = cellText(text);
        expect(out).not.toMatch(XML_ILLEGAL);
        expect(out).not.toContain('\r');
      }),
    );
    expect(cellText('😀'.repeat(20_000))).toHaveLength(MAX_CELL_CHARS - 1);
  });
});

describe('sheetName', () => {
  it.each([
    ['Q1 [draft]: a/b\\c*d?', 'Q1 _draft__ a_b_c_d_'],
    ["'quoted'", 'quoted'],
    ['', 'Sheet'],
    ['history', 'history_'],
    ['x'.repeat(40), 'x'.repeat(31)],
  ])('%j → %j', (input, expected) => {
    expect(sheetName(input, new Set())).toBe(expected);
  });

  it('keeps names unique, ignoring case, within 31 characters', () => {
    const taken = new Set<string>();
    expect(sheetName('KPI', taken)).toBe('KPI');
    expect(sheetName('kpi', taken)).toBe('kpi (2)');
    const long = 'y'.repeat(31);
    expect(sheetName(long, taken)).toBe(long);
    expect(sheetName(long, taken)).toBe(`${'y'.repeat(27)} (2)`);
  });
});
