import { databaseFactories } from '../../../fixtures/databases';
import { KPI_ROWS, KPI_SHEET, WB, plantedWorkspace } from './workspace';

/**
 * Finding 3 (high): a masked writer pulled a sheet and pushed it back unchanged, and the real
 * phones and addresses were overwritten for everyone by their masks, because only the kind's
 * own columns were restored.
 */
describe.each(databaseFactories)('masked round trip on $name', (factory) => {
  const WS = 'f3';
  const t = plantedWorkspace(factory, WS);

  it('a masked full push of what was pulled changes nothing', async () => {
    const pulled = await t.service.pull(t.people.clerk, WS, WB, KPI_SHEET).expect(200);
    const back = pulled.body.rows.map((r: { cells: object }) => ({ cells: r.cells }));
    const res = await t.service.push(t.people.clerk, WS, WB, KPI_SHEET, { kind: 'kpi', mode: 'full', rows: back }, { ifMatch: pulled.body.revision }).expect(200);
    expect(res.body.changedCells).toBe(0);
    const after = await t.service.pull(t.people.boss, WS, WB, KPI_SHEET).expect(200);
    expect(after.body.revision).toBe(pulled.body.revision);
    expect(after.body.rows.map((r: { cells: object }) => r.cells)).toEqual(expect.arrayContaining(KPI_ROWS.map((r) => expect.objectContaining(r))));
  });

  it('a masked delta that edits one plain cell keeps the masked ones as stored', async () => {
    const pulled = await t.service.pull(t.people.clerk, WS, WB, KPI_SHEET).expect(200);
    const row = pulled.body.rows.find((r: { cells: { name: string } }) => r.cells.name === 'ROI');
    const res = await t.service.push(t.people.clerk, WS, WB, KPI_SHEET, { kind: 'kpi', mode: 'delta', rows: [{ cells: { ...row.cells, owner: '王五' } }] }, { ifMatch: pulled.body.revision }).expect(200);
    expect(res.body.changedCells).toBe(1);
    const after = await t.service.pull(t.people.boss, WS, WB, KPI_SHEET).expect(200);
    const stored = after.body.rows.find((r: { cells: { name: string } }) => r.cells.name === 'ROI').cells;
    expect(stored).toEqual({ ...KPI_ROWS[1], owner: '王五' });
  });

  it('refuses masked values that match no stored row instead of writing them', async () => {
    const pulled = await t.service.pull(t.people.clerk, WS, WB, KPI_SHEET).expect(200);
    const masked = pulled.body.rows.find((r: { cells: { name: string } }) => r.cells.name === '转化率').cells;
    // A new row made by copying a masked one: its masks stand for nothing stored under that key.
    const res = await t.service.push(t.people.clerk, WS, WB, KPI_SHEET, { kind: 'kpi', mode: 'delta', rows: [{ cells: { ...masked, name: '新指标' } }] }, { ifMatch: pulled.body.revision });
    expect([res.status, res.body.reason]).toEqual([409, 'masked-value-unmatched']);
    const after = await t.service.pull(t.people.boss, WS, WB, KPI_SHEET).expect(200);
    expect(after.body.rows.map((r: { cells: { name: string } }) => r.cells.name).sort()).toEqual(['ROI', '转化率']);
  });
});
