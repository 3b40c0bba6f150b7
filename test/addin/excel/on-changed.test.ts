import { excelWith } from './fixtures';

describe('worksheet change events', () => {
  it('names the sheet and the address, and stops when removed', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('KPI', [['KPI']]);
    const seen: string[] = [];
    const stop = await port.onChanged((sheet, address) => seen.push(`${sheet}!${address}`));
    await fake.userEdit('KPI', 'C3', '≥3%');
    expect(seen).toEqual(['KPI!C3']);

    stop();
    await fake.idle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.handlerCount).toBe(0);
    await fake.userEdit('KPI', 'C4', 'x');
    expect(seen).toEqual(['KPI!C3']);
  });

  it('subscribes to nothing where Excel has no change events', async () => {
    const { fake, port } = excelWith({ apiVersion: '1.6' });
    fake.addSheet('KPI', [['KPI']]);
    const stop = await port.onChanged(() => undefined);
    expect(fake.runs).toEqual([]);
    stop();
  });

  it('selects the cell the pane lists, on its sheet', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('A', [['x']]);
    fake.addSheet('KPI', [['KPI']]);
    await port.selectCell('KPI', 'C7');
    expect(fake.view.selection()).toEqual({ sheet: 'KPI', address: 'C7' });
    expect(fake.view.activeSheet()).toBe('KPI');
  });
});
