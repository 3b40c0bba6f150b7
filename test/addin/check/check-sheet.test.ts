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
  it('checks a 10k-row sheet with many errors in 3 port calls of at most 3 syncs each', async () => {
    const { fake, port } = excelWith();
    // Every other KPI names a perspective that does not exist: 5 000 errors.
    fake.addSheet('KPI', kpiLikeRows(10_000, (i) => (i % 2 === 0 ? '财务' : '不存在')));
    const checker = new SheetChecker(port, { locale: 'zh-CN', today: TODAY });

    const result = await checker.checkSheet('KPI');

    expect(result.issues.filter((i) => i.code === 'kpi.perspective-invalid')).toHaveLength(5_000);
    // listSheets, readSheet, markCells — each one Excel.run.
    expect(syncsPerRun(fake)).toEqual([2, 2, 3]);
    expect(fake.syncCount).toBe(7);
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

  it('re-checks after an edit with the cached other sheets: 3 port calls again, not one per sheet', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(10_000, (i) => (i % 2 === 0 ? '财务' : '不存在')));
    fake.addSheet('Other', [['说明'], ['这里不是表']]);
    const checker = new SheetChecker(port, { locale: 'zh-CN', today: TODAY });
    await checker.checkSheet('KPI');
    fake.resetStats();

    await fake.userEdit('KPI', 'E3', '财务');
    const result = await checker.checkSheet('KPI');

    expect(result.issues.filter((i) => i.code === 'kpi.perspective-invalid')).toHaveLength(4_999);
    expect(syncsPerRun(fake)).toEqual([2, 2, 3]);
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
    const failing = Object.assign(Object.create(port) as typeof port, {
      markCells: () => Promise.reject(new Error('Excel is busy')),
    });
    const checker = new SheetChecker(failing, { locale: 'en-US', today: TODAY });
    const result = await checker.checkSheet('KPI');
    expect(result.issues).toHaveLength(1);
    expect(result.unmarked).toEqual([{ sheet: 'KPI', reason: 'Excel is busy' }]);
  });
});
