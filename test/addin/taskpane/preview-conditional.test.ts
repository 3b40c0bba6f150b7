import { conditionalLook, constantOf, holds } from '../../../addin/taskpane/preview-conditional';
import type { ScorecardReport } from '../../../shared/engine/scorecard-types';
import { parseCellAddress } from '../../../shared/table/address';
import { excelWith } from '../excel/fixtures';

/** One KPI in three departments: green (110%), amber (93%) and red (50%). */
const REPORT: ScorecardReport = {
  rows: [
    { period: '2024-03', department: 'A', kpi: 'Conversion', perspective: 'customer', actual: 0.033, target: '≥3%', achievement: 1.1, status: 'green', weight: 1, score: 1.1, award: false },
    { period: '2024-03', department: 'B', kpi: 'Conversion', perspective: 'customer', actual: 0.028, target: '≥3%', achievement: 0.93, status: 'amber', weight: 1, score: 0.93, award: false },
    { period: '2024-03', department: 'C', kpi: 'Conversion', perspective: 'customer', actual: 0.015, target: '≥3%', achievement: 0.5, status: 'red', weight: 1, score: 0.5, award: false },
  ],
  perspectives: [
    { period: '2024-03', department: 'A', perspective: 'customer', score: 1.1 },
    { period: '2024-03', department: 'B', perspective: 'customer', score: 0.93 },
    { period: '2024-03', department: 'C', perspective: 'customer', score: 0.5 },
  ],
  overall: [
    { period: '2024-03', department: 'A', score: 1.1 },
    { period: '2024-03', department: 'B', score: 0.93 },
    { period: '2024-03', department: 'C', score: 0.5 },
  ],
};

describe('the preview’s conditional formats', () => {
  it('reads constant rule formulas as Excel does', () => {
    expect(constantOf('="On target"')).toBe('On target');
    expect(constantOf('="say ""hi"""')).toBe('say "hi"');
    expect(constantOf('=0.9')).toBe(0.9);
    expect(constantOf('1')).toBe(1);
    expect(constantOf('=TRUE')).toBe(true);
    expect(constantOf('=A1')).toBeNull();
    expect(constantOf('')).toBeNull();
  });

  it('compares numbers with numbers, text with text (without case), never one with the other', () => {
    expect(holds('EqualTo', 'on TARGET', '="On target"')).toBe(true);
    expect(holds('EqualTo', 1, '="1"')).toBe(false);
    expect(holds('NotEqualTo', 1, '="1"')).toBe(true);
    expect(holds('GreaterThanOrEqual', 0.9, '=0.9')).toBe(true);
    expect(holds('LessThan', 0.9, '=0.9')).toBe(false);
    expect(holds('Between', 5, '=10', '=1')).toBe(true);
    expect(holds('NotBetween', 5, '=1', '=10')).toBe(false);
    expect(holds('Between', 5, '=1')).toBe(false);
    expect(holds('EqualTo', 5, '=A1')).toBe(false);
  });

  it('draws the Scorecard sheet as Excel would: RAG fills on the statuses, traffic lights on the scores', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Sheet1');
    await port.writeScorecard(REPORT, 'en-US');
    const formats = fake.view.conditionalFormats('Scorecard');
    const look = (address: string) => {
      const at = parseCellAddress(address)!;
      return conditionalLook(formats, at.row, at.col, fake.view.cell('Scorecard', address).value);
    };
    const texts = fake.view.texts('Scorecard');
    const rowOf = (department: string) => texts.findIndex((row, r) => r > 6 && row[1] === department) + 1;
    expect(look(`H${rowOf('A')}`)).toEqual({ fill: '#C6EFCE', fontColor: '#006100', icon: null });
    expect(look(`H${rowOf('B')}`)).toEqual({ fill: '#FFEB9C', fontColor: '#9C5700', icon: null });
    expect(look(`H${rowOf('C')}`)).toEqual({ fill: '#FFC7CE', fontColor: '#9C0006', icon: null });
    // The overview's customer scores (column D) and overall scores (G), rows 4-6 in department order.
    expect(['D4', 'D5', 'D6', 'G4', 'G5', 'G6'].map((a) => look(a)?.icon)).toEqual([2, 1, 0, 2, 1, 0]);
    // Cells no rule covers, and empty cells under a rule, look as they are.
    expect(look('A1')).toBeNull();
    expect(look('C4')).toBeNull();
  });
});
