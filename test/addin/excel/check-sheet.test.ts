import { ESTIMATED_BYTES_PER_CELL, MARK_COLORS, MAX_MARKED_ADDRESSES, SYNC_PAYLOAD_BUDGET } from '../../../addin/excel';
import { FillMap, planProbes } from '../../../addin/excel/fill-probes';
import { PAYLOAD_LIMIT_BYTES } from '../../../addin/excel-fake';
import type { CellMark, SheetInfo } from '../../../addin/workbook-port';
import type { SheetGrid } from '../../../shared/table/grid';
import { excelWith, kpiLikeRows, syncsPerRun } from './fixtures';

const MARKS_KEY = 'opsScorecard.marks.v1';

/** Marks every cell of column E whose text is `bad`, as the analysis would. */
function markBad(bad: string) {
  return (grid: SheetGrid): CellMark[] => {
    const marks: CellMark[] = [];
    grid.rows.forEach((row, r) => {
      if (row[4] === bad) marks.push({ cell: `E${r + 1}`, severity: 'error', message: `${bad}?` });
    });
    return marks;
  };
}

function record(fake: ReturnType<typeof excelWith>['fake']): Record<string, { fills: { address: string; original: string | null }[] }> {
  return JSON.parse((fake.view.setting(MARKS_KEY) as string | undefined) ?? '{}') as Record<string, { fills: { address: string; original: string | null }[] }>;
}

describe('checkSheet on the strict fake', () => {
  it('checks a 10k-row sheet with 5,000 errors in one Excel.run of 3 syncs, under the payload limit', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(10_000, (i) => (i % 2 === 0 ? '财务' : '不存在')));
    fake.addSheet('Roles', [['用户角色'], ['运营']]);
    let seen: { grid: SheetGrid; sheets: readonly SheetInfo[] } | null = null;

    const result = await port.checkSheet('KPI', (grid, sheets) => {
      seen = { grid, sheets };
      return markBad('不存在')(grid);
    });

    expect(result.syncs).toBe(3);
    expect(syncsPerRun(fake)).toEqual([3]);
    expect(fake.runs[0]!.failures).toEqual([]);
    expect(fake.maxSyncBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // The analysis saw the same grid readSheet gives, and the list listSheets gives.
    expect(seen!.grid.rows).toHaveLength(10_001);
    expect(seen!.grid.rows[1]).toEqual(['KPI 1', null, '≥3%', '0.01%', '财务', '张三', '2024-03-01']);
    expect(result.grid).toBe(seen!.grid);
    expect(seen!.sheets).toEqual(await port.listSheets());
    expect(result.marks).toHaveLength(5_000);
    const cells = fake.view.cells('KPI');
    expect(cells.filter((c) => c.fill === MARK_COLORS.error)).toHaveLength(MAX_MARKED_ADDRESSES);
    expect(cells.filter((c) => c.note !== null)).toHaveLength(MAX_MARKED_ADDRESSES);
    expect(fake.view.cell('KPI', 'E3')).toMatchObject({ fill: MARK_COLORS.error, note: '不存在?' });
    expect(fake.view.cell('KPI', 'E2001').fill).toBe(MARK_COLORS.error);
    expect(fake.view.cell('KPI', 'E2003')).toMatchObject({ fill: null, note: null });
  });

  it('re-checks after an edit in 3 syncs, and clears every mark once fixed in 3 more', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(10_000, (i) => (i % 2 === 0 ? '财务' : '不存在')));
    await port.checkSheet('KPI', markBad('不存在'));

    fake.resetStats();
    await fake.userEdit('KPI', 'E3', '财务');
    const again = await port.checkSheet('KPI', markBad('不存在'));
    expect(again.syncs).toBe(3);
    expect(fake.syncCount).toBe(3);
    expect(fake.maxSyncBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(fake.view.cell('KPI', 'E3')).toMatchObject({ fill: null, note: null });
    expect(fake.view.cell('KPI', 'E2003')).toMatchObject({ fill: MARK_COLORS.error, note: '不存在?' });

    fake.resetStats();
    const fixed = await port.checkSheet('KPI', () => []);
    expect(fixed.syncs).toBe(3);
    expect(fake.syncCount).toBe(3);
    expect(fake.view.cells('KPI').filter((c) => c.fill !== null || c.note !== null)).toEqual([]);
    expect(fake.view.setting(MARKS_KEY)).toBe('{}');

    // Nothing marked before, nothing to mark: no write sync.
    fake.resetStats();
    expect((await port.checkSheet('KPI', () => [])).syncs).toBe(2);
  });

  it('takes 2 + slices syncs for a sheet bigger than one request, each under the limit', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(30_000, (i) => (i % 3 === 0 ? '不存在' : '财务')));
    const slices = Math.ceil((30_001 * 7 * ESTIMATED_BYTES_PER_CELL) / SYNC_PAYLOAD_BUDGET);
    expect(slices).toBe(3);

    const result = await port.checkSheet('KPI', markBad('不存在'));

    expect(result.grid!.rows).toHaveLength(30_001);
    expect(result.syncs).toBe(2 + slices);
    expect(syncsPerRun(fake)).toEqual([2 + slices]);
    expect(fake.runs[0]!.failures).toEqual([]);
    expect(fake.maxSyncBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(Math.max(...fake.runs[0]!.payloads)).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(fake.view.cell('KPI', 'E2').fill).toBe(MARK_COLORS.error);

    fake.resetStats();
    await fake.userEdit('KPI', 'E2', '财务');
    const again = await port.checkSheet('KPI', markBad('不存在'));
    expect(again.syncs).toBe(2 + slices);
    expect(fake.maxSyncBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(fake.view.cell('KPI', 'E2').fill).toBeNull();
  });

  it('reads a slice again as two when Excel refuses it, marks loads and all', async () => {
    const { fake, port } = excelWith();
    const long = '很长的说明文字'.repeat(8);
    fake.addSheet('Notes', Array.from({ length: 10_000 }, (_, r) => Array.from({ length: 7 }, (_, c) => (c === 4 && r === 7 ? 'bad' : `${long}${r}-${c}`))));
    const result = await port.checkSheet('Notes', markBad('bad'));
    expect(result.grid!.rows).toHaveLength(10_000);
    expect(result.grid!.rows[9_999]?.[6]).toBe(`${long}9999-6`);
    expect(fake.runs[0]!.failures.every((f) => f === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(fake.runs[0]!.failures.length).toBeGreaterThan(0);
    expect(fake.maxSyncBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(fake.view.cell('Notes', 'E8').fill).toBe(MARK_COLORS.error);
  });

  it('remembers the fill under a fresh mark from the data sync, and gives it back once fixed', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(3));
    fake.seed('KPI', 'E3', [[{ value: '财务', fill: '#DDEBF7' }]]);
    const mark = (): CellMark[] => [{ cell: 'E3', severity: 'warning', message: 'look' }];

    await port.checkSheet('KPI', mark);
    expect(fake.view.cell('KPI', 'E3').fill).toBe(MARK_COLORS.warning);
    // Known before the write sync (a small sheet is probed cell by cell): recorded at once.
    expect(Object.values(record(fake))[0]!.fills).toEqual([{ address: 'E3', color: MARK_COLORS.warning, original: '#DDEBF7' }]);

    // Another port (the pane reopened) still gives it back.
    const other = excelWith();
    other.fake.model = fake.model;
    await other.port.checkSheet('KPI', () => []);
    expect(fake.view.cell('KPI', 'E3')).toMatchObject({ fill: '#DDEBF7', note: null });
  });

  it('reads the fill under a fresh mark in the write sync where a piece of the sheet is mixed, still in 3 syncs', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(10_000));
    // Two fills of the user's own in one piece (pieces are ~370 rows here): the piece is mixed.
    fake.seed('KPI', 'E5', [[{ value: '财务', fill: '#DDEBF7' }], [{ value: '财务', fill: '#FFFF00' }]]);
    const marks = (cells: string[]) => (): CellMark[] => cells.map((cell) => ({ cell, severity: 'error' as const, message: 'x' }));

    expect((await port.checkSheet('KPI', marks(['E5']))).syncs).toBe(3);
    expect(fake.view.cell('KPI', 'E5').fill).toBe(MARK_COLORS.error);
    // Written before its answer came: "no fill" for now, the port knows better.
    expect(Object.values(record(fake))[0]!.fills).toEqual([{ address: 'E5', color: MARK_COLORS.error, original: null }]);

    // The next record this port writes carries the real original …
    expect((await port.checkSheet('KPI', marks(['E5', 'E7']))).syncs).toBe(3);
    expect(Object.values(record(fake))[0]!.fills).toEqual([
      { address: 'E5', color: MARK_COLORS.error, original: '#DDEBF7' },
      { address: 'E7', color: MARK_COLORS.error, original: null },
    ]);

    // … and fixing gives each cell its own fill back.
    expect((await port.checkSheet('KPI', () => [])).syncs).toBe(3);
    expect(['E5', 'E6', 'E7'].map((a) => fake.view.cell('KPI', a).fill)).toEqual(['#DDEBF7', '#FFFF00', null]);
  });

  it('writes comments where only ExcelApi 1.10 is there, and leaves a note the user wrote alone', async () => {
    const { fake, port } = excelWith({ apiVersion: '1.10' });
    fake.addSheet('KPI', kpiLikeRows(3));
    await port.checkSheet('KPI', () => [{ cell: 'E3', severity: 'error', message: 'bad' }]);
    expect(fake.view.cell('KPI', 'E3')).toMatchObject({ fill: MARK_COLORS.error, comment: 'bad', note: null });
    await port.checkSheet('KPI', () => []);
    expect(fake.view.cell('KPI', 'E3')).toMatchObject({ fill: null, comment: null });

    const notes = excelWith();
    notes.fake.addSheet('KPI', kpiLikeRows(3));
    notes.fake.model.sheets[0]!.notes.set(2 * 16_384 + 4, { id: 'n1', content: 'mine', author: 'Ann' });
    await notes.port.checkSheet('KPI', () => [{ cell: 'E3', severity: 'error', message: 'bad' }]);
    await notes.port.checkSheet('KPI', () => []);
    expect(notes.fake.view.cell('KPI', 'E3')).toMatchObject({ fill: null, note: 'mine' });
  });

  it('lists the generated Scorecard sheet nowhere and neither reads nor checks it', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(3));
    fake.addSheet('Scorecard', kpiLikeRows(3));
    fake.model.settings.set('opsScorecard.layout.v1', JSON.stringify({ gantt: {}, scorecardSheetId: fake.model.sheets[1]!.id }));
    const analyse = jest.fn(() => []);
    const result = await port.checkSheet('Scorecard', analyse);
    expect(analyse).not.toHaveBeenCalled();
    expect(result).toEqual({ grid: null, marks: [], sheets: [{ name: 'KPI', rows: 4, columns: 7 }], syncs: 2 });
  });

  it('keeps every sheet in the one marks record when checks of two sheets run at once', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('A', kpiLikeRows(5, () => 'bad'));
    fake.addSheet('B', kpiLikeRows(5, () => 'bad'));
    // Each waits for the other's grid, as the checker's first check does.
    let arrived = 0;
    let release: () => void = () => undefined;
    const both = new Promise<void>((resolve) => (release = resolve));
    const analyse = async (grid: SheetGrid): Promise<CellMark[]> => {
      if (++arrived === 2) release();
      await both;
      return markBad('bad')(grid);
    };
    const [a, b] = await Promise.all([port.checkSheet('A', analyse), port.checkSheet('B', analyse)]);
    expect([a.syncs, b.syncs]).toEqual([3, 3]);
    expect(Object.keys(record(fake)).sort()).toEqual(fake.model.sheets.map((s) => s.id).sort());

    await port.checkSheet('A', () => []);
    await port.checkSheet('B', () => []);
    expect([...fake.view.cells('A'), ...fake.view.cells('B')].filter((c) => c.fill !== null)).toEqual([]);
  });
});

describe('fill pieces', () => {
  const area = { top: 0, left: 0, rows: 10, columns: 2 };

  it('cuts each column around our previous marks, the first row on its own', () => {
    expect(planProbes(area, [{ top: 4, left: 1, bottom: 5, right: 1 }], 5)).toEqual([
      { column: 0, top: 0, bottom: 0 },
      { column: 0, top: 1, bottom: 9 },
      { column: 1, top: 0, bottom: 0 },
      { column: 1, top: 1, bottom: 3 },
      { column: 1, top: 6, bottom: 9 },
    ]);
  });

  it('keeps the longest runs whole when there are more runs than loads', () => {
    expect(planProbes(area, [{ top: 4, left: 1, bottom: 5, right: 1 }], 2)).toEqual([
      { column: 0, top: 1, bottom: 9 },
      { column: 1, top: 6, bottom: 9 },
    ]);
    expect(planProbes(area, [], 0)).toEqual([]);
  });

  it('makes pieces as short as the room allows', () => {
    expect(planProbes(area, [], 20)).toHaveLength(20);
    const pieces = planProbes(area, [], 8);
    expect(pieces.length).toBeLessThanOrEqual(8);
    expect(pieces.every((p) => p.bottom - p.top + 1 <= 5)).toBe(true);
  });

  it('tells a fill from uniform pieces and our marks, and says when it cannot', () => {
    const fills = new FillMap(
      [
        { piece: { column: 0, top: 0, bottom: 4 }, color: '#FFFFFF' },
        { piece: { column: 0, top: 5, bottom: 9 }, color: null },
        { piece: { column: 1, top: 0, bottom: 9 }, color: '#DDEBF7' },
      ],
      [{ box: { top: 2, left: 0, bottom: 2, right: 0 }, color: MARK_COLORS.error }],
    );
    expect(fills.fill('A1')).toBe('#FFFFFF');
    expect(fills.fill('A3')).toBe(MARK_COLORS.error);
    expect(fills.fill('A1:A2')).toBe('#FFFFFF');
    expect(fills.fill('A1:B1')).toBeNull();
    expect(fills.fill('A7')).toBeUndefined();
    expect(fills.fill('C1')).toBeUndefined();
    expect(fills.fill('B2:B9')).toBe('#DDEBF7');
  });
});
