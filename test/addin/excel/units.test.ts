import { toCellValue } from '../../../addin/excel/cell-values';
import { halve, planRowSlices } from '../../../addin/excel/chunks';
import { MARK_COLORS, planMarks, wantedMarks, type Observed } from '../../../addin/excel/mark-plan';
import { parseLayout, parseMarks } from '../../../addin/excel/stored-state';
import { cellWrite } from '../../../addin/excel/text-safe';
import { templateFor, uniqueName } from '../../../addin/excel/templates';

describe('cell values from Excel', () => {
  // What numbers mean under their formats: test/shared/parse/excel-number.test.ts, for this
  // adapter, the fake and the xlsx reader alike.
  it('keeps text and errors, and reads empty as null', () => {
    expect(toCellValue('', 'General')).toBeNull();
    expect(toCellValue(null, 'General')).toBeNull();
    expect(toCellValue('#DIV/0!', 'General')).toBe('#DIV/0!');
    expect(toCellValue(true, 'General')).toBe(true);
    expect(toCellValue(45352, undefined)).toBe(45352);
  });
});

describe('read slices', () => {
  it('keeps a 10k × 7 sheet in one slice and splits a 30k one under the budget', () => {
    expect(planRowSlices(10_000, 7)).toEqual([{ offset: 0, rows: 10_000 }]);
    const slices = planRowSlices(30_000, 7);
    expect(slices.reduce((n, s) => n + s.rows, 0)).toBe(30_000);
    expect(slices.every((s) => s.rows * 7 * 48 <= 4_000_000)).toBe(true);
    expect(halve({ offset: 10, rows: 5 })).toEqual([
      { offset: 10, rows: 2 },
      { offset: 12, rows: 3 },
    ]);
    expect(halve({ offset: 0, rows: 1 })).toBeNull();
  });
});

describe('mark planning', () => {
  const observed = (fills: Record<string, string | null>, annotations: Record<string, string> = {}): Observed => ({
    fill: (a) => (a in fills ? fills[a]! : '#FFFFFF'),
    annotations: new Map(Object.entries(annotations)),
  });

  it('merges marks on one address: the worse severity, every message once', () => {
    const wanted = wantedMarks([
      { cell: 'C3', severity: 'warning', message: 'a' },
      { cell: 'c3', severity: 'error', message: 'b' },
      { cell: 'C3', severity: 'warning', message: 'a' },
      { cell: 'D2:D4', severity: 'error', message: 'weights' },
      { cell: 'not an address', severity: 'error', message: 'x' },
    ]);
    expect(wanted.fills).toEqual([
      { address: 'D2:D4', color: MARK_COLORS.error },
      { address: 'C3', color: MARK_COLORS.error },
    ]);
    expect(wanted.notes).toEqual([
      { cell: 'C3', text: 'a\nb' },
      { cell: 'D2', text: 'weights' },
    ]);
  });

  it('caps the number of marked addresses', () => {
    const marks = Array.from({ length: 50 }, (_, i) => ({ cell: `A${i + 1}`, severity: 'error' as const, message: 'x' }));
    expect(wantedMarks(marks, 10).fills).toHaveLength(10);
  });

  it('restores what was there, leaves what the user changed, repaints a mark a restore wiped', () => {
    const previous = {
      fills: [
        { address: 'B2', color: MARK_COLORS.error, original: '#DDEBF7' },
        { address: 'B3', color: MARK_COLORS.error, original: null },
        { address: 'D2:D4', color: MARK_COLORS.error, original: null },
        { address: 'D3', color: MARK_COLORS.warning, original: null },
      ],
      notes: [
        { cell: 'B2', text: 'old' },
        { cell: 'B3', text: 'edited by us' },
      ],
    };
    const wanted = wantedMarks([
      { cell: 'D3', severity: 'warning', message: 'w' },
      { cell: 'E5', severity: 'error', message: 'new' },
    ]);
    const plan = planMarks(
      previous,
      wanted,
      observed({ B2: MARK_COLORS.error, B3: '#00FF00', 'D2:D4': null, D3: MARK_COLORS.warning }, { B2: 'old', B3: 'the user rewrote this', E5: 'user note' }),
    );
    // B3 was recoloured by the user: theirs now. D2:D4 is mixed because of D3 inside it: ours.
    expect(plan.restore).toEqual([
      { address: 'B2', original: '#DDEBF7' },
      { address: 'D2:D4', original: null },
    ]);
    // D3 is painted again after the range it lies in is taken back.
    expect(plan.fill).toEqual([
      { address: 'D3', color: MARK_COLORS.warning },
      { address: 'E5', color: MARK_COLORS.error },
    ]);
    expect(plan.deleteNotes).toEqual(['B2']);
    expect(plan.addNotes).toEqual([{ cell: 'D3', text: 'w' }]);
    expect(plan.next.notes).toEqual([{ cell: 'D3', text: 'w' }]);
    expect(plan.next.fills.map((f) => f.address)).toEqual(['D3', 'E5']);
  });

  it('reads unreadable stored state as nothing remembered', () => {
    expect(parseMarks('not json')).toEqual({});
    expect(parseMarks(JSON.stringify({ s: { fills: [{ address: 1 }] } }))).toEqual({});
    expect(parseLayout(undefined)).toEqual({ gantt: {}, scorecardSheetId: null });
  });
});

describe('text that stays text', () => {
  it('makes text cells Text, text starting with an apostrophe quoted, numbers plain', () => {
    expect(cellWrite('=1+1')).toEqual({ value: '=1+1', numberFormat: '@' });
    expect(cellWrite("'x")).toEqual({ value: "''x", numberFormat: 'General' });
    expect(cellWrite(3)).toEqual({ value: 3, numberFormat: null });
    expect(cellWrite(null)).toEqual({ value: '', numberFormat: null });
  });
});

describe('templates', () => {
  it('names columns with the kind’s own headers and picks free names', () => {
    expect(templateFor('kpi', 'en-US').columns.map((c) => c.header)).toEqual(['KPI', 'Formula', 'Target', 'Weight', 'Perspective', 'Owner', 'Unit']);
    expect(uniqueName('Scorecard', ['scorecard', 'Scorecard (2)'])).toBe('Scorecard (3)');
    expect(uniqueName('OpsKpi', ['OpsKpi'], 255, '')).toBe('OpsKpi2');
    expect(uniqueName('x'.repeat(40), [])).toHaveLength(31);
  });
});
