import { excelWith, syncsPerRun } from './fixtures';

describe('writing values', () => {
  const texts = ['=1+1', '+86 138 0000 0000', '-5% of target', '@x', "'quoted", '2024-03', '00123', 'TRUE', '1-3', '3.6%'];

  it('keeps user text text: the cell shows exactly what was written, no formula', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Data');
    await port.writeValues('Data', 'B2', [texts]);
    expect(syncsPerRun(fake)).toEqual([1]);
    texts.forEach((text, i) => {
      const cell = fake.view.cell('Data', `${String.fromCharCode(66 + i)}2`);
      expect({ text: cell.text, value: cell.value, formula: cell.formula }).toEqual({ text, value: text, formula: null });
    });
  });

  it('writes numbers and booleans as they are, and clears cells for null', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Data', [['old', 'old', 'old']]);
    await port.writeValues('Data', 'A1', [[42, true, null]]);
    expect(fake.view.cell('Data', 'A1')).toMatchObject({ value: 42, numberFormat: 'General' });
    expect(fake.view.cell('Data', 'B1').value).toBe(true);
    expect(fake.view.cell('Data', 'C1').value).toBe('');
  });

  it('writes a ragged block as a rectangle and big blocks in slices under the limit', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Data');
    const rows = Array.from({ length: 40_000 }, (_, r) => [`row ${r}`, r, r % 2 === 0 ? '=x' : null]);
    await port.writeValues('Data', 'A1', rows);
    expect(fake.view.cell('Data', 'C39999').value).toBe('=x');
    expect(fake.view.cell('Data', 'A40000').value).toBe('row 39999');
    expect(fake.runs[0]!.failures).toEqual([]);
    expect(fake.runs[0]!.syncs).toBeGreaterThan(1);
  });

  it('refuses a top-left that is not a cell', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Data');
    await expect(port.writeValues('Data', 'not a cell', [['x']])).rejects.toMatchObject({ code: 'invalid-address' });
    expect(fake.runs).toEqual([]);
  });
});

describe('numbers written where the add-in once wrote text', () => {
  it('land as numbers: the Text format the text left behind is put back to General first', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Metrics', [['Value']]);
    await port.writeValues('Metrics', 'A2', [['=not a formula']]);
    expect(fake.view.cell('Metrics', 'A2')).toMatchObject({ value: '=not a formula', formula: null });
    await port.writeValues('Metrics', 'A2', [[1200], [true]]);
    expect(fake.view.cell('Metrics', 'A2').value).toBe(1200);
    expect(fake.view.cell('Metrics', 'A3').value).toBe(true);
    // A format of the user's own (a percent) is kept.
    fake.seed('Metrics', 'B2', [[{ value: 0.1, numberFormat: '0%' }]]);
    await port.writeValues('Metrics', 'B2', [[0.25]]);
    expect(fake.view.cell('Metrics', 'B2')).toMatchObject({ value: 0.25, text: '25%' });
  });
});
