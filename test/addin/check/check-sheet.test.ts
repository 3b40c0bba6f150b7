import { SheetChecker } from '../../../addin/check/check-sheet';
import { MARK_COLORS, MAX_MARKED_ADDRESSES } from '../../../addin/excel';
import { PAYLOAD_LIMIT_BYTES } from '../../../addin/excel-fake';
import { excelWith, kpiLikeRows, syncsPerRun } from '../excel/fixtures';

const TODAY = () => '2024-06-01';

/** A small KPI sheet whose weights add up, with one bad perspective in E3. */
function smallKpi(): (string | { value: number; numberFormat: string })[][] {
  return [
    ['KPI', '目标值', '权重', '维度', '负责人'].concat(['单位', '公式']),
    ['转化率', '≥3%', { value: 0.5, numberFormat: '0%' }, '客户', '张三', '%', ''],
    ['毛利率', '≥20%', { value: 0.5, numberFormat: '0%' }, '未知维度', '李四', '%', ''],
  ] as (string | { value: number; numberFormat: string })[][];
}

describe('checking a sheet in place', () => {
  it('checks a 10k-row sheet with 5,000 errors in one Excel.run of 3 syncs', async () => {
    const { fake, port } = excelWith();
    // Every other KPI names a perspective that does not exist: 5 000 errors.
    fake.addSheet('KPI', kpiLikeRows(10_000, (i) => (i % 2 === 0 ? '财务' : '不存在')));
    const checker = new SheetChecker(port, { locale: 'zh-CN', today: TODAY });

    const result = await checker.checkSheet('KPI');

    expect(result.issues.filter((i) => i.code === 'kpi.perspective-invalid')).toHaveLength(5_000);
    // checkSheet: list + size + record, data + marks' loads, writes.
    expect(syncsPerRun(fake)).toEqual([3]);
    expect(fake.syncCount).toBe(3);
    expect(fake.runs.every((r) => r.failures.length === 0)).toBe(true);
    expect(fake.maxSyncBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // The first 1000 bad cells are marked (the pane lists all 5 000); the batch stays bounded.
    const cells = fake.view.cells('KPI');
    expect(cells.filter((c) => c.fill === MARK_COLORS.error)).toHaveLength(MAX_MARKED_ADDRESSES);
    expect(cells.filter((c) => c.note !== null)).toHaveLength(MAX_MARKED_ADDRESSES);
    expect(fake.view.cell('KPI', 'E3')).toMatchObject({ fill: MARK_COLORS.error });
    expect(fake.view.cell('KPI', 'E3').note).toContain('不存在');
    expect(fake.view.cell('KPI', 'E2')).toMatchObject({ fill: null, note: null });
    expect(fake.view.cell('KPI', 'E10001')).toMatchObject({ fill: null, note: null });
  });

  it('re-checks a 10k-row sheet with 5,000 errors after an edit in exactly 3 syncs, the other sheets from the cache', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(10_000, (i) => (i % 2 === 0 ? '财务' : '不存在')));
    fake.addSheet('Other', [['说明'], ['这里不是表']]);
    const checker = new SheetChecker(port, { locale: 'zh-CN', today: TODAY });
    await checker.checkSheet('KPI');
    fake.resetStats();

    await fake.userEdit('KPI', 'E3', '财务');
    const result = await checker.checkSheet('KPI');

    expect(result.issues.filter((i) => i.code === 'kpi.perspective-invalid')).toHaveLength(4_999);
    expect(syncsPerRun(fake)).toEqual([3]);
    expect(fake.syncCount).toBe(3);
    expect(fake.runs[0]!.failures).toEqual([]);
    expect(fake.maxSyncBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // E3 is fixed: its mark goes; the 1000th bad cell is now E2003 (E5 … E2003).
    expect(fake.view.cell('KPI', 'E3')).toMatchObject({ fill: null, note: null });
    expect(fake.view.cell('KPI', 'E5')).toMatchObject({ fill: MARK_COLORS.error });
    expect(fake.view.cell('KPI', 'E2003')).toMatchObject({ fill: MARK_COLORS.error });
    expect(fake.view.cell('KPI', 'E2003').note).toContain('不存在');
    expect(fake.view.cell('KPI', 'E2005')).toMatchObject({ fill: null, note: null });
    const cells = fake.view.cells('KPI');
    expect(cells.filter((c) => c.fill === MARK_COLORS.error)).toHaveLength(MAX_MARKED_ADDRESSES);
    expect(cells.filter((c) => c.note !== null)).toHaveLength(MAX_MARKED_ADDRESSES);
  });

  it('clears every mark of the 10k-row sheet once all 5,000 errors are fixed, in 3 syncs', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(10_000, (i) => (i % 2 === 0 ? '财务' : '不存在')));
    const checker = new SheetChecker(port, { locale: 'zh-CN', today: TODAY });
    await checker.checkSheet('KPI');
    fake.resetStats();

    await fake.userPaste('KPI', 'E2', Array.from({ length: 10_000 }, () => ['财务']));
    const result = await checker.checkSheet('KPI');

    expect(result.issues.filter((i) => i.code === 'kpi.perspective-invalid')).toEqual([]);
    expect(fake.syncCount).toBe(3);
    expect(fake.maxSyncBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(fake.view.cells('KPI').filter((c) => c.fill !== null || c.note !== null)).toEqual([]);
    expect(fake.view.setting('opsScorecard.marks.v1')).toBe('{}');
  });

  it('checks a workbook the first time in at most 3 syncs per sheet, without a listSheets', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(10_000, (i) => (i % 2 === 0 ? '财务' : '不存在')));
    fake.addSheet('KPI 2', kpiLikeRows(20, (i) => (i === 3 ? '外星' : '客户')));
    fake.addSheet('Empty');
    const checker = new SheetChecker(port, { locale: 'zh-CN', today: TODAY });

    const result = await checker.checkSheet('KPI');

    expect(result.unreadable).toEqual([]);
    expect(result.issues.filter((i) => i.code === 'kpi.perspective-invalid').map((i) => i.sheet)).toContain('KPI 2');
    // One checkSheet per sheet with data (the second started once the first listed it), and the
    // empty sheet only marked (nothing to clear: 1 sync).
    expect(fake.runs.map((r) => r.syncs).sort()).toEqual([1, 3, 3]);
    expect(fake.syncCount).toBeLessThanOrEqual(3 * 3);
    expect(fake.maxSyncBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(fake.view.cell('KPI', 'E3').fill).toBe(MARK_COLORS.error);
    expect(fake.view.cell('KPI 2', 'E5').fill).toBe(MARK_COLORS.error);
    // Both runs wrote the one marks record at once: neither entry is lost.
    const record = JSON.parse(fake.view.setting('opsScorecard.marks.v1') as string) as Record<string, unknown>;
    expect(Object.keys(record).sort()).toEqual(fake.model.sheets.slice(0, 2).map((s) => s.id).sort());

    // And so fixing the small sheet clears its mark, in one run of 3 syncs.
    fake.resetStats();
    await fake.userEdit('KPI 2', 'E5', '客户');
    await checker.checkSheet('KPI 2');
    expect(fake.view.cell('KPI 2', 'E5')).toMatchObject({ fill: null, note: null });
    expect(fake.view.cell('KPI', 'E3').fill).toBe(MARK_COLORS.error);
    expect(syncsPerRun(fake)).toEqual([3]);
  });

  it('reads a sheet that appeared since the last check in its own checkSheet, not with a listSheets', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', smallKpi());
    const checker = new SheetChecker(port, { locale: 'en-US', today: TODAY });
    await checker.checkSheet('KPI');
    fake.addSheet('KPI 2', kpiLikeRows(5, (i) => (i === 1 ? '外星' : '客户')));
    fake.resetStats();

    const result = await checker.checkSheet('KPI');

    expect(result.issues.map((i) => `${i.sheet}!${i.cell}`).sort()).toEqual(['KPI 2!E3', 'KPI!D3']);
    expect(syncsPerRun(fake)).toEqual([3, 3]);
    expect(fake.view.cell('KPI 2', 'E3').fill).toBe(MARK_COLORS.error);
  });

  it('drops a deleted sheet from the cache and the issues', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', smallKpi());
    fake.addSheet('KPI 2', kpiLikeRows(5, (i) => (i === 1 ? '外星' : '客户')));
    const checker = new SheetChecker(port, { locale: 'en-US', today: TODAY });
    expect((await checker.checkSheet('KPI')).issues).toHaveLength(2);
    fake.model.sheets = fake.model.sheets.filter((s) => s.name !== 'KPI 2');
    fake.resetStats();

    const result = await checker.checkSheet(['KPI', 'KPI 2']);

    expect(result.issues.map((i) => `${i.sheet}!${i.cell}`)).toEqual(['KPI!D3']);
    expect(result.unreadable).toEqual([]);
  });

  it('does not check the Scorecard sheet the add-in generated, even when an event names it', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', smallKpi());
    fake.addSheet('Scorecard', [['维度', '得分'], ['不存在', 'x']]);
    const scorecardId = fake.model.sheets[1]!.id;
    fake.model.settings.set('opsScorecard.layout.v1', JSON.stringify({ gantt: {}, scorecardSheetId: scorecardId }));
    const checker = new SheetChecker(port, { locale: 'en-US', today: TODAY });

    const result = await checker.checkSheet('Scorecard');

    expect(result.issues.map((i) => `${i.sheet}!${i.cell}`)).toEqual(['KPI!D3']);
    expect(fake.view.cells('Scorecard').filter((c) => c.fill !== null)).toEqual([]);
  });

  it('makes the same check out of listSheets, readSheet and markCells for a port without checkSheet', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(10_000, (i) => (i % 2 === 0 ? '财务' : '不存在')));
    const legacy = Object.assign(Object.create(port) as typeof port, { checkSheet: undefined });
    const checker = new SheetChecker(legacy, { locale: 'zh-CN', today: TODAY });

    await checker.checkSheet('KPI');
    fake.resetStats();
    await fake.userEdit('KPI', 'E3', '财务');
    const result = await checker.checkSheet('KPI');

    expect(result.issues.filter((i) => i.code === 'kpi.perspective-invalid')).toHaveLength(4_999);
    // listSheets, readSheet, markCells — each one Excel.run: the path checkSheet replaces.
    expect(syncsPerRun(fake)).toEqual([2, 2, 3]);
    expect(fake.view.cell('KPI', 'E3')).toMatchObject({ fill: null, note: null });
    expect(fake.view.cell('KPI', 'E2003').fill).toBe(MARK_COLORS.error);
  });

  it('marks a bad cell with a fill and a note, and clears both once fixed', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', smallKpi());
    const checker = new SheetChecker(port, { locale: 'en-US', today: TODAY });

    const first = await checker.checkSheet('KPI');
    expect(first.issues.map((i) => `${i.cell} ${i.code}`)).toEqual(['D3 kpi.perspective-invalid']);
    expect(fake.view.cell('KPI', 'D3')).toMatchObject({ fill: MARK_COLORS.error });
    expect(fake.view.cell('KPI', 'D3').note).toContain('未知维度');
    expect(fake.view.cell('KPI', 'D2')).toMatchObject({ fill: null, note: null });

    await fake.userEdit('KPI', 'D3', '财务');
    const second = await checker.checkSheet('KPI');
    expect(second.issues).toEqual([]);
    expect(fake.view.cell('KPI', 'D3')).toMatchObject({ fill: null, note: null });
    expect(fake.view.setting('opsScorecard.marks.v1')).toBe('{}');
  });

  it('gives a cell its own fill back, and leaves a note the user wrote alone', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', smallKpi());
    fake.seed('KPI', 'D3', [[{ value: '未知维度', fill: '#DDEBF7' }]]);
    fake.model.sheets[0]!.notes.set(2 * 16_384 + 1, { id: 'n1', content: 'my own note', author: 'Ann' });
    const checker = new SheetChecker(port, { locale: 'en-US', today: TODAY });

    await checker.checkSheet('KPI');
    expect(fake.view.cell('KPI', 'D3').fill).toBe(MARK_COLORS.error);
    await fake.userEdit('KPI', 'D3', 'customer');
    await checker.checkSheet('KPI');

    expect(fake.view.cell('KPI', 'D3')).toMatchObject({ fill: '#DDEBF7', note: null });
    expect(fake.view.cell('KPI', 'B3').note).toBe('my own note');
  });

  it('writes a note where ExcelApi 1.18 is there, and a comment where only 1.10 is', async () => {
    for (const [apiVersion, kind] of [
      ['1.18', 'note'],
      ['1.10', 'comment'],
    ] as const) {
      const { fake, port } = excelWith({ apiVersion });
      fake.addSheet('KPI', smallKpi());
      await new SheetChecker(port, { locale: 'en-US', today: TODAY }).checkSheet('KPI');
      const cell = fake.view.cell('KPI', 'D3');
      expect(cell.fill).toBe(MARK_COLORS.error);
      expect(kind === 'note' ? cell.note : cell.comment).toContain('未知维度');
      expect(kind === 'note' ? cell.comment : cell.note).toBeNull();
    }
  });

  it('clears comments once fixed when only ExcelApi 1.10 is there', async () => {
    const { fake, port } = excelWith({ apiVersion: '1.10' });
    fake.addSheet('KPI', smallKpi());
    const checker = new SheetChecker(port, { locale: 'en-US', today: TODAY });
    await checker.checkSheet('KPI');
    await fake.userEdit('KPI', 'D3', 'Customer');
    await checker.checkSheet('KPI');
    expect(fake.view.cell('KPI', 'D3')).toMatchObject({ fill: null, comment: null });
  });

  it('marks a sheet nobody edited when a cross-sheet issue appears on it', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Roles', [
      ['用户角色', '数据范围', '操作权限', '成员'],
      ['运营', '本部门', '查看、分析', '张三'],
    ]);
    fake.addSheet('KPI', smallKpi().map((row, r) => (r === 2 ? [row[0]!, row[1]!, row[2]!, '财务', row[4]!, row[5]!, row[6]!] : row)));
    const checker = new SheetChecker(port, { locale: 'zh-CN', today: TODAY });
    const first = await checker.checkSheet('KPI');
    const owner = first.issues.find((i) => i.sheet === 'KPI' && i.cell === 'E3');
    expect(owner?.severity).toBeDefined();
    expect(fake.view.cell('KPI', 'E3').fill).not.toBeNull();

    // 李四 gets a role: the KPI sheet's mark goes although only the roles sheet changed.
    await fake.userEdit('Roles', 'D2', '张三、李四');
    const second = await checker.checkSheet('Roles');
    expect(second.issues.find((i) => i.sheet === 'KPI' && i.cell === 'E3')).toBeUndefined();
    expect(fake.view.cell('KPI', 'E3').fill).toBeNull();
  });

  it('takes back a range mark once the weights add up, keeping a cell mark inside it', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', [
      ['KPI', '目标值', '权重', '维度'],
      ['转化率', '≥3%', { value: 0.5, numberFormat: '0%' }, '客户'],
      ['毛利率', '≥20%', { value: 0.3, numberFormat: '0%' }, '财务'],
      ['培训', '≥10', '很多', '学习'],
    ]);
    const checker = new SheetChecker(port, { locale: 'en-US', today: TODAY });
    const first = await checker.checkSheet('KPI');
    expect(first.issues.map((i) => `${i.cell} ${i.code}`).sort()).toEqual(['C4 kpi.weight-invalid']);

    await fake.userEdit('KPI', 'C4', '10%');
    const second = await checker.checkSheet('KPI');
    expect(second.issues.map((i) => `${i.cell} ${i.code}`)).toEqual(['C2:C4 kpi.weights-total']);
    expect(['C2', 'C3', 'C4'].map((a) => fake.view.cell('KPI', a).fill)).toEqual([MARK_COLORS.error, MARK_COLORS.error, MARK_COLORS.error]);
    expect(fake.view.cell('KPI', 'C2').note).toMatch(/90%|0\.9/);

    await fake.userEdit('KPI', 'C4', '20%');
    const third = await checker.checkSheet('KPI');
    expect(third.issues).toEqual([]);
    expect(['C2', 'C3', 'C4'].map((a) => fake.view.cell('KPI', a))).toEqual(
      ['C2', 'C3', 'C4'].map(() => expect.objectContaining({ fill: null, note: null })),
    );
  });

  it('lists the issues even when marking fails, and tries again next time', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', smallKpi());
    let busy = true;
    // Excel refuses the write sync: the run fails after the analysis.
    const failing = Object.assign(Object.create(port) as typeof port, {
      checkSheet: (sheet: string, analyse: Parameters<typeof port.checkSheet>[1]) =>
        port.checkSheet(sheet, async (grid, sheets) => {
          const marks = await analyse(grid, sheets);
          if (busy) throw new Error('Excel is busy');
          return marks;
        }),
    });
    const checker = new SheetChecker(failing, { locale: 'en-US', today: TODAY });
    const result = await checker.checkSheet('KPI');
    expect(result.issues).toHaveLength(1);
    expect(result.unmarked).toEqual([{ sheet: 'KPI', reason: 'Excel is busy', code: null }]);
    expect(fake.view.cell('KPI', 'D3').fill).toBeNull();

    busy = false;
    const again = await checker.checkSheet('KPI');
    expect(again.unmarked).toEqual([]);
    expect(fake.view.cell('KPI', 'D3').fill).toBe(MARK_COLORS.error);
  });

  it('lists the issues when markCells fails on a port without checkSheet', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', smallKpi());
    const failing = Object.assign(Object.create(port) as typeof port, {
      checkSheet: undefined,
      markCells: () => Promise.reject(new Error('Excel is busy')),
    });
    const checker = new SheetChecker(failing, { locale: 'en-US', today: TODAY });
    const result = await checker.checkSheet('KPI');
    expect(result.issues).toHaveLength(1);
    expect(result.unmarked).toEqual([{ sheet: 'KPI', reason: 'Excel is busy', code: null }]);
  });
});
