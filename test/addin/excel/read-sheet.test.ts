import { PAYLOAD_LIMIT_BYTES } from '../../../addin/excel-fake';
import { excelWith, kpiLikeRows, serialOf, syncsPerRun } from './fixtures';

describe('readSheet on the strict fake', () => {
  it('reads a 10k-row × 7-column sheet in 2 syncs, under the payload limit, dates as ISO and percents as percent text', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(10_000));
    const grid = await port.readSheet('KPI');

    expect(syncsPerRun(fake)).toEqual([2]);
    expect(fake.runs[0]!.failures).toEqual([]);
    expect(fake.maxSyncBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(grid.rows).toHaveLength(10_001);
    expect(grid.rows[0]).toEqual(['KPI', '公式', '目标值', '权重', '维度', '负责人', '复核日期']);
    expect(grid.rows[1]).toEqual(['KPI 1', null, '≥3%', '0.01%', '财务', '张三', '2024-03-01']);
    expect(grid.rows[10_000]).toEqual(['KPI 10000', null, '≥3%', '0.01%', '财务', '张三', '2024-07-23']);
  });

  it('places the grid where the table sits on the sheet', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Plan', [['Title'], [], ['任务名称', '开始时间'], ['Kick-off', { value: serialOf('2024-12-01'), numberFormat: 'yyyy/m/d' }]], 'C3');
    const grid = await port.readSheet('Plan');
    // Rows above the used range are empty; the used range itself is a rectangle of cells.
    expect(grid.rows).toEqual([
      [],
      [],
      [null, null, 'Title', null],
      [null, null, null, null],
      [null, null, '任务名称', '开始时间'],
      [null, null, 'Kick-off', '2024-12-01'],
    ]);
  });

  it('keeps a date with a time of day, and a duration as a number', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('T', [[{ value: serialOf('2024-03-15') + 0.5, numberFormat: 'yyyy-mm-dd hh:mm' }, { value: 1.5, numberFormat: '[h]:mm' }, { value: 0.036, numberFormat: '0.0%' }]]);
    const grid = await port.readSheet('T');
    expect(grid.rows).toEqual([['2024-03-15T12:00:00', 1.5, '3.6%']]);
  });

  it('reads an empty sheet in one sync as no rows', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Empty');
    expect(await port.readSheet('Empty')).toEqual({ name: 'Empty', rows: [] });
    expect(syncsPerRun(fake)).toEqual([1]);
  });

  it('splits a sheet that would not fit one request into slices, each sync under the limit', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(30_000));
    const grid = await port.readSheet('KPI');
    expect(grid.rows).toHaveLength(30_001);
    expect(syncsPerRun(fake)).toEqual([1 + Math.ceil((30_001 * 7 * 48) / 4_000_000)]);
    expect(fake.runs[0]!.failures).toEqual([]);
    expect(fake.maxSyncBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });

  it('halves a slice Excel refuses as too big (text far longer than the estimate)', async () => {
    const { fake, port } = excelWith();
    const long = '很长的说明文字'.repeat(8);
    fake.addSheet('Notes', Array.from({ length: 10_000 }, (_, r) => Array.from({ length: 7 }, (_, c) => `${long}${r}-${c}`)));
    const grid = await port.readSheet('Notes');
    expect(grid.rows).toHaveLength(10_000);
    expect(grid.rows[9_999]?.[6]).toBe(`${long}9999-6`);
    const run = fake.runs[0]!;
    expect(run.failures.length).toBeGreaterThan(0);
    expect(run.failures.every((f) => f === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(fake.maxSyncBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });

  it('lists sheets with the size of their used range', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', kpiLikeRows(3));
    fake.addSheet('Empty');
    expect(await port.listSheets()).toEqual([
      { name: 'KPI', rows: 4, columns: 7 },
      { name: 'Empty', rows: 0, columns: 0 },
    ]);
    expect(syncsPerRun(fake)).toEqual([2]);
  });
});
